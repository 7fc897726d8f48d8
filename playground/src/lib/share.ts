// Share links carry the code in the URL fragment (deflate-raw + base64url), so nothing is uploaded.
import { fromBase64Url, toBase64Url } from '@tana/engine';

export async function shareLink(base: string, name: string, code: string): Promise<string> {
  const compressed = await new Response(new Blob([code]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  const encoded = toBase64Url(new Uint8Array(compressed));
  const url = new URL(base);
  url.hash = `name=${encodeURIComponent(name)}&code=${encoded}`;
  return url.toString();
}

export async function readShareLink(hash: string): Promise<{ name: string; code: string } | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = params.get('code');
  if (!encoded) return undefined;
  const bytes = fromBase64Url(encoded);
  const code = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
  return { name: params.get('name') || 'shared', code };
}

/** `?import=<url>`: fetches a contract's source from a URL (which must allow CORS). */
export async function importFromUrl(url: string): Promise<{ name: string; code: string }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not import ${url}: HTTP ${response.status}`);
  const name = new URL(url).pathname.split('/').pop()?.replace(/\.[cm]?[jt]s$/, '') || 'imported';
  return { name, code: await response.text() };
}
