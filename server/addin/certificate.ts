// The certificate of the add-in's HTTPS server: Office loads add-ins over HTTPS only. On a real
// host name it is the province's own (ADDIN_CERT_FILE and ADDIN_KEY_FILE, from its CA or Let's
// Encrypt), read again when the files change, so a renewal needs no restart. Otherwise a
// development certificate for https://localhost is made on this machine the first time (nothing
// downloaded), kept in DATA_DIR/certs so the browser or Office can be told to trust it once, and
// made again when it is a month from expiry.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSelfsigned } from '../libraries.ts';
import { formatVietnamDay } from '../../shared/time/vietnam.ts';

export interface Certificate {
  key: string;
  cert: string;
  /** Where it is kept, or null when the database lives in memory. */
  file: string | null;
  validTo: Date;
}

/** A development certificate this close to its end is made again. */
export const RENEW_BEFORE_MS = 30 * 86_400_000;
const DEVELOPMENT_VALIDITY_DAYS = 825;

async function generate(now: Date): Promise<{ key: string; cert: string }> {
  const pems = await (
    await loadSelfsigned()
  ).generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + DEVELOPMENT_VALIDITY_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

const validTo = (cert: string) => new Date(new X509Certificate(cert).validTo);

export async function developmentCertificate(
  dataDir: string,
  now = new Date(),
): Promise<Certificate> {
  if (dataDir.startsWith('memory://')) {
    const made = await generate(now);
    return { ...made, file: null, validTo: validTo(made.cert) };
  }
  const dir = path.join(dataDir, 'certs');
  const keyFile = path.join(dir, 'localhost.key');
  const certFile = path.join(dir, 'localhost.crt');
  if (existsSync(keyFile) && existsSync(certFile)) {
    const kept = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
    const end = validTo(kept.cert);
    if (end.getTime() - now.getTime() > RENEW_BEFORE_MS) {
      return { ...kept, file: certFile, validTo: end };
    }
  }
  const made = await generate(now);
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, made.key, { mode: 0o600 });
  writeFileSync(certFile, made.cert);
  return { ...made, file: certFile, validTo: validTo(made.cert) };
}

/**
 * The province's certificate and key, checked: both readable PEM, the key the certificate's, the
 * certificate valid now and naming the public host. Each problem stops the server with its name.
 */
export function providedCertificate(
  certFile: string,
  keyFile: string,
  host: string | null,
  now = new Date(),
): Certificate {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Không đọc được ${what} ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  const cert = read(certFile, 'chứng chỉ (ADDIN_CERT_FILE)');
  const key = read(keyFile, 'khóa riêng (ADDIN_KEY_FILE)');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`ADDIN_CERT_FILE ${certFile} không phải là chứng chỉ PEM.`);
  }
  let matches: boolean;
  try {
    matches = x509.checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new Error(`ADDIN_KEY_FILE ${keyFile} không phải là khóa riêng PEM (không mật khẩu).`);
  }
  if (!matches) {
    throw new Error(`Khóa ADDIN_KEY_FILE ${keyFile} không phải khóa của chứng chỉ ${certFile}.`);
  }
  const end = new Date(x509.validTo);
  if (end <= now) {
    throw new Error(`Chứng chỉ ${certFile} đã hết hạn ngày ${formatVietnamDay(end)}.`);
  }
  if (host && !x509.checkHost(host)) {
    throw new Error(`Chứng chỉ ${certFile} không dùng được cho ${host} (ADDIN_PUBLIC_URL).`);
  }
  return { key, cert, file: certFile, validTo: end };
}

/** When the provided files last changed: a renewal shows as a new time. */
export function filesChangedAt(...files: string[]): number {
  return Math.max(...files.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
}
