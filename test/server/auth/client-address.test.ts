// Whose address a request is counted against: the connection's, unless it comes from a proxy named
// in TRUSTED_PROXIES, which is then believed about the client it forwards for.
import { clientAddress, parseTrustedProxies } from '../../../server/auth/client-address.ts';

describe('client address', () => {
  const proxies = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');

  it('is the connection address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', null)).toBe('203.0.113.5');
    expect(clientAddress('::ffff:203.0.113.5', undefined, null)).toBe('203.0.113.5');
    expect(clientAddress(undefined, '198.51.100.1', proxies)).toBeNull();
  });

  it('is the address a trusted proxy forwards for', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('fd12::3', ' 2001:db8::9 ', proxies)).toBe('2001:db8::9');
  });

  it('walks back through a chain of trusted proxies to the first address that is not one', () => {
    // client → 10.1.2.3 (load balancer) → 127.0.0.1 (nginx) → server
    expect(clientAddress('127.0.0.1', '198.51.100.1, 10.1.2.3', proxies)).toBe('198.51.100.1');
    // Headers repeated by a proxy are one list.
    expect(clientAddress('127.0.0.1', ['198.51.100.1', '10.1.2.3'], proxies)).toBe('198.51.100.1');
  });

  it('ignores what the client wrote to the left of the address its proxy saw', () => {
    expect(clientAddress('127.0.0.1', '10.9.9.9, 1.2.3.4, 198.51.100.1', proxies)).toBe(
      '198.51.100.1',
    );
  });

  it('is not taken from X-Forwarded-For sent by anyone but a trusted proxy', () => {
    expect(clientAddress('203.0.113.5', '10.0.0.1, 198.51.100.1', proxies)).toBe('203.0.113.5');
  });

  it('stays the last trusted proxy when the header has nothing usable', () => {
    expect(clientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', 'unknown', proxies)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '198.51.100.1, 10.0.0.2:8080', proxies)).toBe('127.0.0.1');
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address or a network, naming it', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/x', '1.2.3.4/8/1', '::1/129']) {
      expect(() => parseTrustedProxies(`127.0.0.1, ${bad}`)).toThrow(
        new RegExp(`TRUSTED_PROXIES: "${bad.replace(/[./]/g, '\\$&')}" không phải địa chỉ IP`),
      );
    }
    expect(parseTrustedProxies(' , ')).toBeNull();
  });
});
