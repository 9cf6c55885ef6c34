// The address a request comes from, for sign-in limits and the audit log. Behind a reverse proxy
// (nginx, a load balancer) every connection comes from the proxy, so the per-address sign-in limit
// would count all clients together. Proxies named in TRUSTED_PROXIES are believed about the client
// they forward for (X-Forwarded-For); nobody else is, or a client could pick its own address and
// never reach the limit. proxy-addr (Express's own) walks the header; this module only names what
// it is given and what it gives back.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';

/** Whether an address (of a connection, or a hop) is that of a trusted proxy. */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) and "10.0.0.1" are one address. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * Reads TRUSTED_PROXIES: addresses and networks separated by commas ("127.0.0.1, 10.0.0.0/8,
 * ::1"); null when it names none. Throws, naming the entry, for anything else: a typo here would
 * silently trust nobody.
 */
export function parseTrustedProxies(text: string): TrustedProxies | null {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(
        `TRUSTED_PROXIES: "${entry}" không phải địa chỉ IP hay mạng (ví dụ 127.0.0.1, 10.0.0.0/8, ::1).`,
      );
    }
  }
  return proxyaddr.compile(entries);
}

/**
 * The client's address: the connection's, or — when the connection comes from a trusted proxy —
 * the nearest address in X-Forwarded-For that is not itself a trusted proxy, read from the right
 * (each proxy appends the address it was reached from; the leftmost ones are whatever the client
 * sent). A hop that is not an address stops the walk at the last trusted proxy.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies | null,
): string | null {
  if (!socketAddress) return null;
  if (!trusted) return plainAddress(socketAddress);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const hops = proxyaddr.all(
    {
      socket: { remoteAddress: socketAddress },
      connection: { remoteAddress: socketAddress },
      headers: header === undefined ? {} : { 'x-forwarded-for': header },
    } as unknown as IncomingMessage,
    trusted,
  );
  for (let i = hops.length - 1; i >= 0; i--) {
    if (isIP(plainAddress(hops[i]!))) return plainAddress(hops[i]!);
  }
  return plainAddress(socketAddress);
}

/** Reads a request's client address, trusting the proxies of TRUSTED_PROXIES (none: null). */
export type AddressOf = (req: IncomingMessage) => string | null;

export function addressReader(trusted: TrustedProxies | null = null): AddressOf {
  return (req) => clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
}

/** Whether the connection itself comes from a trusted proxy (whose X-Forwarded-* it believes). */
export function fromTrustedProxy(req: IncomingMessage, trusted: TrustedProxies | null): boolean {
  const socket = req.socket.remoteAddress;
  return !!trusted && !!socket && trusted(plainAddress(socket), 0);
}
