// The trust store the administrator configures: TRUST_ANCHORS and TRUST_CRLS as comma-separated
// file paths; PEM files with several certificates, CRLs in PEM or DER; a file read again only
// when it changed; a missing or broken file is an error that names it.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pemBlocks, subjectName } from '../../../server/signatures/cms.ts';
import { loadTrustStore, parseTrustPaths } from '../../../server/signatures/trust.ts';
import { makeTestCa, type TestCa } from '../../support/test-ca.ts';

describe('trust store', () => {
  let ca: TestCa;
  let dir: string;
  beforeAll(async () => {
    ca = await makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tonghop-trust-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the environment variables as comma-separated paths', () => {
    expect(parseTrustPaths(undefined)).toEqual([]);
    expect(parseTrustPaths('  ')).toEqual([]);
    expect(parseTrustPaths(' /etc/ca/root.pem ,, /etc/ca/other.pem,')).toEqual([
      '/etc/ca/root.pem',
      '/etc/ca/other.pem',
    ]);
  });

  it('reads several certificates from one PEM file, and CRLs in PEM and DER', () => {
    const anchors = join(dir, 'anchors.pem');
    writeFileSync(anchors, `Gốc của tỉnh\n${ca.rootPem}\n${ca.untrustedRootPem}`);
    const crlDer = join(dir, 'crl.der');
    writeFileSync(crlDer, pemBlocks(ca.crlPem, 'X509 CRL')[0]!);
    const { crls: crlPem } = ca.writeTrustFiles(dir);
    const store = loadTrustStore({ anchors: [anchors], crls: [crlPem, crlDer] });
    expect(store.anchors.map(subjectName)).toEqual([
      'Tổng hợp Test Root CA',
      'CA không được tin cậy',
    ]);
    expect(store.crls).toHaveLength(2);
    expect(store.crls[0]!.revokedCertificates).toHaveLength(1);
  });

  it('reads a file again only when it changed', () => {
    const anchors = join(dir, 'reloaded.pem');
    writeFileSync(anchors, ca.rootPem);
    const first = loadTrustStore({ anchors: [anchors], crls: [] });
    const same = loadTrustStore({ anchors: [anchors], crls: [] });
    // Unchanged: the very objects read the first time.
    expect(same.anchors[0]).toBe(first.anchors[0]);

    writeFileSync(anchors, `${ca.rootPem}${ca.untrustedRootPem}`);
    const later = new Date(Date.now() + 60_000);
    utimesSync(anchors, later, later);
    const again = loadTrustStore({ anchors: [anchors], crls: [] });
    expect(again.anchors.map(subjectName)).toEqual([
      'Tổng hợp Test Root CA',
      'CA không được tin cậy',
    ]);
  });

  it('names a missing or broken file in Vietnamese', () => {
    const missing = join(dir, 'khong-co.pem');
    expect(() => loadTrustStore({ anchors: [missing], crls: [] })).toThrow(
      `Không đọc được tệp chứng thư gốc tin cậy (TRUST_ANCHORS) "${missing}": không có tệp này.`,
    );
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => loadTrustStore({ anchors: [broken], crls: [] })).toThrow(
      new RegExp(`^Tệp chứng thư gốc tin cậy \\(TRUST_ANCHORS\\) "${broken}" không hợp lệ: `),
    );
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'chưa có gì\n-----BEGIN X509 CRL-----\n');
    expect(() => loadTrustStore({ anchors: [], crls: [empty] })).toThrow(
      `Tệp danh sách chứng thư bị thu hồi (TRUST_CRLS) "${empty}" không chứa mục nào.`,
    );
  });
});
