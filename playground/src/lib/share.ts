// Share links carry a contract in the URL fragment (deflate-raw + base64url), so nothing is
// uploaded: its code, name and contract id, and the call it runs with (input, function, arguments).
import { fromBase64Url, toBase64Url } from '@tana/engine';

export interface Shared {
  name: string;
  code: string;
  /** The contract id it runs as (and is deployed under). */
  contractId?: string;
  input?: string;
  fn?: string;
  args?: string;
}

export async function shareLink(base: string, shared: Shared): Promise<string> {
  const compressed = await new Response(new Blob([shared.code]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  const params = new URLSearchParams({ name: shared.name });
  if (shared.contractId) params.set('contract', shared.contractId);
  if (shared.input && shared.input !== 'null') params.set('input', shared.input);
  if (shared.fn) {
    params.set('fn', shared.fn);
    params.set('args', shared.args ?? '[]');
  }
  params.set('code', toBase64Url(new Uint8Array(compressed)));
  const url = new URL(base);
  url.hash = params.toString();
  return url.toString();
}

/** A fragment's shared contract; undefined when the fragment holds none; throws, naming the problem, when it is damaged. */
export async function readShareLink(hash: string): Promise<Shared | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = params.get('code');
  if (encoded === null) return undefined;
  let code: string;
  try {
    const bytes = fromBase64Url(encoded);
    code = await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
  } catch {
    throw new Error('this share link is damaged (its code does not decompress): it may have been cut short when it was copied; ask for it again');
  }
  for (const field of ['input', 'args'] as const) {
    const value = params.get(field);
    if (value === null) continue;
    try {
      JSON.parse(value);
    } catch {
      throw new Error(`this share link is damaged (its ${field} is not JSON): ask for it again`);
    }
  }
  return {
    name: params.get('name') || 'shared',
    code,
    contractId: params.get('contract') ?? undefined,
    input: params.get('input') ?? undefined,
    fn: params.get('fn') ?? undefined,
    args: params.get('args') ?? undefined,
  };
}

/** `?import=<url>`: fetches a contract's source from a URL (which must allow CORS); errors name the URL. */
export async function importFromUrl(url: string): Promise<{ name: string; code: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`could not import '${url}': it is not a URL`);
  }
  let response: Response;
  try {
    response = await fetch(parsed);
  } catch (error) {
    throw new Error(`could not import ${url}: no answer (${(error as Error).message}); the host must be reachable and allow cross-origin requests (CORS)`);
  }
  if (!response.ok) throw new Error(`could not import ${url}: the server answered HTTP ${response.status}`);
  const name =
    parsed.pathname
      .split('/')
      .pop()
      ?.replace(/\.[cm]?[jt]s$/, '') || 'imported';
  return { name, code: await response.text() };
}
