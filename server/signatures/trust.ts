// What the server trusts: the root certificates of the CAs it accepts (TRUST_ANCHORS — in
// production the government CA's root, in tests a test CA) and the CRLs the administrator copies
// in (TRUST_CRLS — the server may have no internet to fetch them). Files are read again only when
// they change (their modification time or size), so a refreshed CRL counts without a restart.
import { readFileSync, statSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { arrayBufferOf, certificateFromDer, pemBlocks } from './cms.ts';

export interface TrustPaths {
  anchors: string[];
  crls: string[];
}

export interface TrustStore {
  anchors: pkijs.Certificate[];
  crls: pkijs.CertificateRevocationList[];
}

/** `TRUST_ANCHORS` / `TRUST_CRLS`: comma-separated paths; empty or unset → none. */
export function parseTrustPaths(env: string | undefined): string[] {
  return (env ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

interface Cached<T> {
  mtimeMs: number;
  size: number;
  items: T[];
}

const anchorCache = new Map<string, Cached<pkijs.Certificate>>();
const crlCache = new Map<string, Cached<pkijs.CertificateRevocationList>>();

function readCached<T>(
  cache: Map<string, Cached<T>>,
  path: string,
  what: string,
  parse: (bytes: Buffer) => T[],
): T[] {
  let stat;
  let bytes;
  try {
    stat = statSync(path);
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.items;
    bytes = readFileSync(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'không có tệp này'
        : String((error as Error).message);
    throw new Error(`Không đọc được ${what} "${path}": ${reason}.`, { cause: error });
  }
  let items: T[];
  try {
    items = parse(bytes);
  } catch (error) {
    throw new Error(`${capitalise(what)} "${path}" không hợp lệ: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!items.length) throw new Error(`${capitalise(what)} "${path}" không chứa mục nào.`);
  cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, items });
  return items;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const isPem = (bytes: Buffer) => bytes.includes('-----BEGIN');

/** Certificates in a PEM file (several allowed), or one DER certificate. */
function anchorsIn(bytes: Buffer): pkijs.Certificate[] {
  if (!isPem(bytes)) return [certificateFromDer(bytes)];
  return pemBlocks(bytes.toString('latin1'), 'CERTIFICATE').map(certificateFromDer);
}

function crlFromDer(der: Uint8Array): pkijs.CertificateRevocationList {
  const asn1 = asn1js.fromBER(arrayBufferOf(der));
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) {
    throw new Error('không phải danh sách thu hồi (CRL) dạng DER hay PEM.');
  }
  try {
    return new pkijs.CertificateRevocationList({ schema: asn1.result });
  } catch {
    throw new Error('không phải danh sách thu hồi (CRL) dạng DER hay PEM.');
  }
}

/** CRLs in a PEM file (several allowed), or one DER CRL. */
function crlsIn(bytes: Buffer): pkijs.CertificateRevocationList[] {
  if (!isPem(bytes)) return [crlFromDer(bytes)];
  return pemBlocks(bytes.toString('latin1'), 'X509 CRL').map(crlFromDer);
}

/**
 * The trust anchors and CRLs in the configured files. A missing, unreadable or malformed file is
 * an Error naming it: a misconfigured trust store must be seen, not silently trust nothing.
 */
export function loadTrustStore(paths: TrustPaths): TrustStore {
  return {
    anchors: paths.anchors.flatMap((p) =>
      readCached(anchorCache, p, 'tệp chứng thư gốc tin cậy (TRUST_ANCHORS)', anchorsIn),
    ),
    crls: paths.crls.flatMap((p) =>
      readCached(crlCache, p, 'tệp danh sách chứng thư bị thu hồi (TRUST_CRLS)', crlsIn),
    ),
  };
}
