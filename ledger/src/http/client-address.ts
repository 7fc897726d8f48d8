// Who is asking: the socket's remote address — or, only when that socket belongs to a proxy the
// operator trusts (--trust-proxy), the client the proxy names in `Forwarded` / `X-Forwarded-For`.
// Headers from anyone else are ignored: they are the client's own claim about itself.
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The operator's trusted proxies: addresses or CIDR ranges ("10.0.0.0/8", "::1"). */
export function trustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.trim().split('/');
    const family = isIP(address ?? '');
    if (!family || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`--trust-proxy: '${entry}' is not an IP address or CIDR range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(bits), type);
  }
  return list;
}

export function clientAddressOf(c: Context, proxies?: BlockList): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    return 'local'; // app.request() in tests: no socket
  }
  if (!remote) return 'unknown';
  remote = unmapped(remote);
  if (!proxies || !isTrusted(proxies, remote)) return remote;
  // Walk the chain from the nearest hop: the first address not itself a trusted proxy is the client.
  let client = remote;
  for (const hop of forwardedChain(c).reverse()) {
    if (!isIP(hop)) break; // "unknown", obfuscated ids, garbage: trust stops here
    client = hop;
    if (!isTrusted(proxies, hop)) break;
  }
  return client;
}

/** The key a client is rate-limited and scheduled under: its address, or its /64 for IPv6 (one host's usual share). */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function forwardedChain(c: Context): string[] {
  const forwarded = c.req.header('Forwarded');
  if (forwarded) {
    return [...forwarded.matchAll(/for=("?)\[?([^\]",;]+)\]?(?::\d+)?\1/gi)].map((m) => unmapped(m[2]!.trim()));
  }
  const xff = c.req.header('X-Forwarded-For');
  return xff ? xff.split(',').map((part) => unmapped(part.trim())) : [];
}

function isTrusted(proxies: BlockList, address: string): boolean {
  return proxies.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
