// Serving the add-in as Office needs it: the manifest over HTTPS only, naming the public address;
// the province's own certificate, checked and reloaded when renewed; the generated one renewed
// before it expires; other origins calling the API only when named (CORS).
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import selfsigned from 'selfsigned';
import { startApp, type App } from '../../../server/app.ts';
import { developmentCertificate } from '../../../server/addin/certificate.ts';
import { loadConfig } from '../../../server/config.ts';

const quiet = () => undefined;
const PUBLIC = 'https://baocao.nghean.test';

async function certificateFor(host: string, days: number) {
  const pems = await selfsigned.generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + days * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: host }] }],
  });
  return { key: pems.private, cert: pems.cert };
}

/** The certificate the add-in's HTTPS server presents to a client asking for `servername`. */
function presented(url: string, servername: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port: Number(port), servername, rejectUnauthorized: false },
      () => {
        resolve(socket.getPeerX509Certificate()!.fingerprint256);
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}

describe('the add-in over HTTPS', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-hosting-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('on localhost, with the generated certificate', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(
        loadConfig({
          PORT: '0',
          DATA_DIR: path.join(dir, 'hosting'),
          // An empty database made once per run: no initdb here (test/setup/global-setup.ts).
          DATA_SNAPSHOT: process.env.TEST_EMPTY_SNAPSHOT!,
          SEED_DEMO: '0',
          CORS_ORIGINS: 'https://office.tinh.test',
        }),
        quiet,
      );
    }, 120_000);
    afterAll(async () => app?.close());

    test('the manifest only over HTTPS, naming https addresses only', async () => {
      const plain = await fetch(`${app.url}/manifest.xml`);
      expect(plain.status).toBe(404);
      const refusal = await plain.text();
      expect(refusal).toContain(`${app.addinUrl}/manifest.xml`);
      // The one error shape of server/http/errors.ts.
      expect(JSON.parse(refusal).errors[0].extensions.code).toBe('NOT_FOUND');
      const text = await httpsGet(`${app.addinUrl}/manifest.xml`);
      expect(text).toContain(`<SourceLocation DefaultValue="${app.addinUrl}/taskpane.html"/>`);
      expect(text).not.toContain('DefaultValue="http://');
    });

    test('other origins call the API only when named; preflights are answered', async () => {
      const preflight = (origin: string) =>
        fetch(`${app.url}/graphql`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, authorization',
          },
        });
      for (const origin of [app.addinUrl!, 'https://office.tinh.test']) {
        const res = await preflight(origin);
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('access-control-allow-headers')).toContain('authorization');
      }
      const stranger = await preflight('https://evil.example');
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
      const post = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'https://office.tinh.test', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.status).toBe(200);
      expect(post.headers.get('access-control-allow-origin')).toBe('https://office.tinh.test');
    });
  });

  test('on a real host name: its own certificate, checked, reloaded when renewed', async () => {
    const certFile = path.join(dir, 'baocao.crt');
    const keyFile = path.join(dir, 'baocao.key');
    const first = await certificateFor('baocao.nghean.test', 90);
    writeFileSync(certFile, first.cert);
    writeFileSync(keyFile, first.key);
    const logs: string[] = [];
    const env = {
      PORT: '0',
      DATA_DIR: path.join(dir, 'hosting-real'),
      // An empty database made once per run: no initdb here (test/setup/global-setup.ts).
      DATA_SNAPSHOT: process.env.TEST_EMPTY_SNAPSHOT!,
      SEED_DEMO: '0',
      ADDIN_PUBLIC_URL: PUBLIC,
      ADDIN_CERT_FILE: certFile,
      ADDIN_KEY_FILE: keyFile,
    };
    const app = await startApp(loadConfig(env), (m) => logs.push(m));
    try {
      expect(logs.join('\n')).toContain(`${PUBLIC}/manifest.xml`);
      expect(await presented(app.addinUrl!, 'baocao.nghean.test')).toBe(
        new X509Certificate(first.cert).fingerprint256,
      );
      const manifest = await httpsGet(`${app.addinUrl}/manifest.xml`);
      expect(manifest).toContain(`<SourceLocation DefaultValue="${PUBLIC}/taskpane.html"/>`);

      // Renewed (Let's Encrypt every 60–90 days): read again without a restart.
      const renewed = await certificateFor('baocao.nghean.test', 90);
      writeFileSync(keyFile, renewed.key);
      writeFileSync(certFile, renewed.cert);
      expect(await app.reloadCertificate()).toBe(true);
      expect(await presented(app.addinUrl!, 'baocao.nghean.test')).toBe(
        new X509Certificate(renewed.cert).fingerprint256,
      );
      // A half-done copy (the key of another certificate) keeps the running one.
      writeFileSync(keyFile, first.key);
      expect(await app.reloadCertificate()).toBe(false);
      expect(logs.at(-1)).toContain('không phải khóa của chứng chỉ');
      expect(await presented(app.addinUrl!, 'baocao.nghean.test')).toBe(
        new X509Certificate(renewed.cert).fingerprint256,
      );
    } finally {
      await app.close();
    }
    // Wrong at the start: the server does not start, and says why.
    await expect(startApp(loadConfig(env), quiet)).rejects.toThrow(/không phải khóa của chứng chỉ/);
    writeFileSync(keyFile, first.key);
    writeFileSync(certFile, first.cert);
    await expect(
      startApp(loadConfig({ ...env, ADDIN_PUBLIC_URL: 'https://khac.nghean.test' }), quiet),
    ).rejects.toThrow(/không dùng được cho khac.nghean.test/);
  }, 120_000);

  test('the generated certificate is made again a month before it expires', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await developmentCertificate(dataDir);
    const kept = await developmentCertificate(dataDir);
    expect(kept.cert).toBe(first.cert);
    const later = new Date(first.validTo.getTime() - 20 * 86_400_000);
    const renewed = await developmentCertificate(dataDir, later);
    expect(renewed.cert).not.toBe(first.cert);
    expect(readFileSync(renewed.file!, 'utf8')).toBe(renewed.cert);
    expect(renewed.validTo.getTime()).toBeGreaterThan(later.getTime() + 800 * 86_400_000);
    expect(new X509Certificate(renewed.cert).checkHost('localhost')).toBe('localhost');
  });

  test('configuration mistakes stop the server with their names', () => {
    expect(() => loadConfig({ ADDIN_PUBLIC_URL: 'http://baocao.nghean.test' })).toThrow(
      /phải bắt đầu bằng https/,
    );
    expect(() => loadConfig({ ADDIN_PUBLIC_URL: 'https://baocao.nghean.test/addin' })).toThrow(
      /không có đường dẫn/,
    );
    expect(() => loadConfig({ ADDIN_CERT_FILE: '/x.crt' })).toThrow(/cùng nhau/);
    expect(() => loadConfig({ CORS_ORIGINS: 'office.tinh.test' })).toThrow(/CORS_ORIGINS/);
  });
});

/** GET over HTTPS trusting any certificate (our own generated ones). */
function httpsGet(url: string): Promise<string> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: '127.0.0.1', port: Number(port), servername: hostname, rejectUnauthorized: false },
      () =>
        socket.write(
          `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`,
        ),
    );
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}
