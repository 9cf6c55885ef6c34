// The address a request comes from, for sign-in limits and the audit log. Behind a reverse proxy
// (nginx, a load balancer) every connection comes from the proxy, so the per-address sign-in limit
// would count all clients together. Proxies named in TRUSTED_PROXIES are believed about the client
// they forward for (X-Forwarded-For); nobody else is, or a client could pick its own address and
// never reach the limit.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) and "10.0.0.1" are one address. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function ipFamily(address: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/**
 * Reads TRUSTED_PROXIES: addresses and networks separated by commas ("127.0.0.1, 10.0.0.0/8,
 * ::1"); null when it names none. Throws, naming the entry, for anything else: a typo here would
 * silently trust nobody.
 */
export function parseTrustedProxies(text: string): BlockList | null {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const trusted = new BlockList();
  for (const entry of entries) {
    const [written = '', prefix, extra] = entry.split('/');
    const address = plainAddress(written);
    const family = ipFamily(address);
    // NaN (not digits) fails the range check below like a prefix too long does.
    const bits = prefix === undefined ? null : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    const maxBits = family === 'ipv4' ? 32 : 128;
    if (!family || extra !== undefined || (bits !== null && !(bits >= 0 && bits <= maxBits))) {
      throw new Error(
        `TRUSTED_PROXIES: "${entry}" không phải địa chỉ IP hay mạng (ví dụ 127.0.0.1, 10.0.0.0/8, ::1).`,
      );
    }
    if (bits === null) trusted.addAddress(address, family);
    else trusted.addSubnet(address, bits, family);
  }
  return trusted;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = ipFamily(address);
  return family !== null && trusted.check(address, family);
}

/**
 * The client's address: the connection's, or — when the connection comes from a trusted proxy —
 * the nearest address in X-Forwarded-For that is not itself a trusted proxy. Read from the right,
 * since each proxy appends the address it was reached from and only the last entries were written
 * by proxies we trust; the leftmost ones are whatever the client sent.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList | null,
): string | null {
  if (!socketAddress) return null;
  let address = plainAddress(socketAddress);
  if (!trusted || !forwardedFor) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => plainAddress(hop.trim()));
  while (isTrusted(address, trusted)) {
    const next = hops.pop();
    // No further hop, or one that is not an address: the last trusted proxy is all we know.
    if (next === undefined || ipFamily(next) === null) break;
    address = next;
  }
  return address;
}

/** Reads a request's client address, trusting the proxies of TRUSTED_PROXIES (none: null). */
export type AddressOf = (req: IncomingMessage) => string | null;

export function addressReader(trusted: BlockList | null = null): AddressOf {
  return (req) => clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
}

/** Whether the connection itself comes from a trusted proxy (whose X-Forwarded-* it believes). */
export function fromTrustedProxy(req: IncomingMessage, trusted: BlockList | null): boolean {
  const socket = req.socket.remoteAddress;
  return !!trusted && !!socket && isTrusted(plainAddress(socket), trusted);
}
