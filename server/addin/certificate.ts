// The development certificate for https://localhost: Office only loads add-ins over HTTPS. It is
// made on this machine the first time (nothing downloaded) and kept in DATA_DIR/certs, so the
// browser or Office can be told to trust it once.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
  /** Where it is kept, or null when the database lives in memory. */
  file: string | null;
}

async function generate(): Promise<{ key: string; cert: string }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 825 * 86_400_000),
  });
  return { key: pems.private, cert: pems.cert };
}

export async function developmentCertificate(dataDir: string): Promise<Certificate> {
  if (dataDir.startsWith('memory://')) return { ...(await generate()), file: null };
  const dir = path.join(dataDir, 'certs');
  const keyFile = path.join(dir, 'localhost.key');
  const certFile = path.join(dir, 'localhost.crt');
  if (existsSync(keyFile) && existsSync(certFile)) {
    return {
      key: readFileSync(keyFile, 'utf8'),
      cert: readFileSync(certFile, 'utf8'),
      file: certFile,
    };
  }
  const made = await generate();
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, made.key, { mode: 0o600 });
  writeFileSync(certFile, made.cert);
  return { ...made, file: certFile };
}
