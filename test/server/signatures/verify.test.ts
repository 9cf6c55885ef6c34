// The server's check of a leader's signature, against a CA made in the test: a valid CMS and a
// valid raw signature (RSA and ECDSA) are accepted with the signer read from the certificate; a
// changed value, a foreign key, an untrusted chain, a certificate expired or not yet valid at
// signing time, one not for signing, a revoked one, no trust anchors and garbage are each refused
// with their own problem and Vietnamese message.
import { X509Certificate, webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { canonicalReport, type ReportForSigning } from '../../../server/signatures/canonical.ts';
import {
  arrayBufferOf,
  parseSignedData,
  pemBlocks,
  toPem,
} from '../../../server/signatures/cms.ts';
import { loadTrustStore, type TrustStore } from '../../../server/signatures/trust.ts';
import {
  verifyDetachedCms,
  verifyRawSignature,
  type Verification,
} from '../../../server/signatures/verify.ts';
import { formatVietnamDay } from '../../../shared/time/vietnam.ts';
import {
  makeTestCa,
  signContentRaw,
  signDetachedCms,
  signDigestRaw,
  type TestCa,
  type TestLeaf,
} from '../../support/test-ca.ts';

const report = (value = '12'): ReportForSigning => ({
  request: { id: 'req-1', title: 'Báo cáo chuyển đổi số quý 3/2024' },
  agency: { id: 'org-syt', name: 'Sở Y tế tỉnh Nghệ An', code: '000.00.18.H40' },
  period: { kind: 'QUARTER', label: 'Quý 3/2024', start: '2024-07-01', end: '2024-09-30' },
  template: { id: 'tpl-1', code: 'CDS-Q', version: 3 },
  version: 7,
  approvedAt: '2024-10-05T03:15:00.000Z',
  tables: [{ key: 'pl01', rows: [{ key: 'r1', cells: { so_luong: value } }] }],
  answers: { 'muc-1': 'Đã triển khai.' },
});

const DAY = 86_400_000;

function refusal(v: Verification) {
  if (v.valid) throw new Error('expected a refusal, got a valid signature');
  return v;
}

describe('verifying a signed report', () => {
  let ca: TestCa;
  let dir: string;
  let trust: TrustStore;
  const signed = canonicalReport(report());
  const changed = canonicalReport(report('13'));
  const now = () => new Date();
  /** The report's digest signed raw with `key`'s private key, sent with `certificates`: refused. */
  const refusedRaw = async (key: TestLeaf, certificates = key.chainPem, content = signed.bytes) =>
    refusal(
      await verifyRawSignature({
        content,
        signature: await signDigestRaw(key, signed.digest),
        certificates,
        at: now(),
        trust,
      }),
    );

  beforeAll(async () => {
    ca = await makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tonghop-verify-'));
    const files = ca.writeTrustFiles(dir);
    trust = loadTrustStore({ anchors: [files.anchors], crls: [files.crls] });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a detached CMS and reads the signer from its certificate', async () => {
    const cms = await signDetachedCms(ca.leaf, signed.bytes);
    const v = await verifyDetachedCms({ content: signed.bytes, cms, at: now(), trust });
    if (!v.valid) throw new Error(v.message);
    const x509 = new X509Certificate(ca.leaf.certificatePem);
    expect(v.signer.name).toBe('Nguyễn Văn An');
    expect(v.signer.issuer).toBe('Tổng hợp Test CA cấp 2');
    expect(v.signer.serialNumber).toBe(x509.serialNumber.toUpperCase());
    expect(v.signer.notAfter.getTime()).toBe(new Date(x509.validTo).getTime());
    expect(Buffer.from(v.cms).equals(Buffer.from(cms))).toBe(true);
    // The chain kept: leaf, intermediate, root.
    const chain = pemBlocks(v.chainPem, 'CERTIFICATE').map((der) => new X509Certificate(der));
    expect(chain.map((c) => c.subject.split('\n').at(-1))).toEqual([
      'CN=Nguyễn Văn An',
      'CN=Tổng hợp Test CA cấp 2',
      'CN=Tổng hợp Test Root CA',
    ]);
  });

  it('accepts a raw RSA signature of the digest, and the CMS it builds verifies as a CMS', async () => {
    const signature = await signDigestRaw(ca.leaf, signed.digest);
    const v = await verifyRawSignature({
      content: signed.bytes,
      signature,
      certificates: ca.leaf.chainPem,
      at: now(),
      trust,
    });
    if (!v.valid) throw new Error(v.message);
    expect(v.signer.name).toBe('Nguyễn Văn An');
    const again = await verifyDetachedCms({ content: signed.bytes, cms: v.cms, at: now(), trust });
    expect(again.valid).toBe(true);
    // And pkijs' own CMS check agrees (detached data, chain to the root).
    const ok = await parseSignedData(v.cms).verify({
      signer: 0,
      data: arrayBufferOf(signed.bytes),
      trustedCerts: [
        pkijs.Certificate.fromBER(arrayBufferOf(pemBlocks(ca.rootPem, 'CERTIFICATE')[0]!)),
      ],
      checkChain: true,
    });
    expect(ok).toBe(true);
  });

  it('accepts ECDSA P-256: raw (DER or r‖s) and as a CMS', async () => {
    const der = await signContentRaw(ca.ecdsa, signed.bytes);
    const p1363 = new Uint8Array(
      await webcrypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        ca.ecdsa.privateKey,
        signed.bytes,
      ),
    );
    for (const signature of [der, p1363]) {
      const v = await verifyRawSignature({
        content: signed.bytes,
        signature,
        certificates: ca.ecdsa.chainPem,
        at: now(),
        trust,
      });
      if (!v.valid) throw new Error(v.message);
      expect(v.signer.name).toBe('Võ Thị Phương');
    }
    const cms = await signDetachedCms(ca.ecdsa, signed.bytes);
    expect((await verifyDetachedCms({ content: signed.bytes, cms, at: now(), trust })).valid).toBe(
      true,
    );
  });

  it('refuses a report changed after signing as a digest mismatch (CMS and raw)', async () => {
    const message =
      'Chữ ký không khớp với nội dung báo cáo (mã băm khác): báo cáo đã thay đổi sau khi ký.';
    const cms = await signDetachedCms(ca.leaf, signed.bytes);
    const a = refusal(await verifyDetachedCms({ content: changed.bytes, cms, at: now(), trust }));
    expect([a.problem, a.message]).toEqual(['DIGEST_MISMATCH', message]);
    expect(a.signer?.name).toBe('Nguyễn Văn An');
    const b = await refusedRaw(ca.leaf, ca.leaf.chainPem, changed.bytes);
    expect([b.problem, b.message]).toEqual(['DIGEST_MISMATCH', message]);
  });

  it('refuses a signature not made by the certificate’s key (BAD_SIGNATURE)', async () => {
    const foreign = await refusedRaw(ca.revoked, ca.leaf.chainPem);
    expect(foreign.problem).toBe('BAD_SIGNATURE');
    expect(foreign.message).toBe(
      'Chữ ký số không hợp lệ: không do khóa của chứng thư số Nguyễn Văn An tạo ra.',
    );
    const cms = Buffer.from(await signDetachedCms(ca.leaf, signed.bytes));
    // The signature value is the last thing before the certificates' end: flip a byte of it.
    const signatureAt = cms.length - 10;
    cms[signatureAt] = cms[signatureAt]! ^ 0xff;
    const tampered = refusal(
      await verifyDetachedCms({ content: signed.bytes, cms, at: now(), trust }),
    );
    expect(tampered.problem).toBe('BAD_SIGNATURE');
    expect(tampered.message).toContain('Nguyễn Văn An');
  });

  it('refuses a certificate of a CA that is not trusted', async () => {
    for (const certificates of [
      ca.untrusted.chainPem,
      [...ca.untrusted.chainPem, ca.untrustedRootPem],
    ]) {
      const v = await refusedRaw(ca.untrusted, certificates);
      expect(v.problem).toBe('UNTRUSTED');
      expect(v.message).toMatch(
        /^Chứng thư số của Trần Thị Bình không do tổ chức chứng thực được tin cậy cấp \(.*CA không được tin cậy\)\.$/,
      );
    }
    // The right leaf without its intermediate cannot reach the root either.
    const alone = await refusedRaw(ca.leaf, [ca.leaf.certificatePem]);
    expect(alone.problem).toBe('UNTRUSTED');
  });

  it('refuses a certificate expired at signing time, and accepts it while it was valid', async () => {
    const cms = await signDetachedCms(ca.expired, signed.bytes);
    const notAfter = ca.expired.certificate.notAfter.value;
    const v = refusal(await verifyDetachedCms({ content: signed.bytes, cms, at: now(), trust }));
    expect(v.problem).toBe('EXPIRED');
    expect(v.message).toBe(
      `Chứng thư số của Lê Văn Cường đã hết hạn ngày ${formatVietnamDay(notAfter)}, trước lúc ký ngày ${formatVietnamDay(now())}.`,
    );
    const before = new Date(notAfter.getTime() - DAY);
    expect((await verifyDetachedCms({ content: signed.bytes, cms, at: before, trust })).valid).toBe(
      true,
    );
  });

  it('refuses a signature dated before the certificate was valid', async () => {
    const cms = await signDetachedCms(ca.leaf, signed.bytes);
    const at = new Date(ca.leaf.certificate.notBefore.value.getTime() - DAY);
    const v = refusal(await verifyDetachedCms({ content: signed.bytes, cms, at, trust }));
    expect(v.problem).toBe('NOT_YET_VALID');
    expect(v.message).toBe(
      `Chứng thư số của Nguyễn Văn An chưa có hiệu lực lúc ký ngày ${formatVietnamDay(at)}: hiệu lực từ ngày ${formatVietnamDay(ca.leaf.certificate.notBefore.value)}.`,
    );
  });

  it('refuses a certificate whose key usage has no digitalSignature', async () => {
    const v = await refusedRaw(ca.noDigitalSignature);
    expect(v.problem).toBe('KEY_USAGE');
    expect(v.message).toBe(
      'Chứng thư số của Phạm Thị Dung không dùng để ký số (mục đích sử dụng không có digitalSignature).',
    );
  });

  it('refuses a certificate revoked by the intermediate’s CRL, not one revoked later', async () => {
    const cms = await signDetachedCms(ca.revoked, signed.bytes);
    const v = refusal(await verifyDetachedCms({ content: signed.bytes, cms, at: now(), trust }));
    expect(v.problem).toBe('REVOKED');
    expect(v.message).toBe(
      `Chứng thư số của Hoàng Văn Em đã bị thu hồi ngày ${formatVietnamDay(ca.revokedAt)}, trước lúc ký ngày ${formatVietnamDay(now())}.`,
    );
    const before = new Date(ca.revokedAt.getTime() - DAY);
    expect((await verifyDetachedCms({ content: signed.bytes, cms, at: before, trust })).valid).toBe(
      true,
    );
  });

  it('ignores a CRL its issuer did not sign', async () => {
    const crl = pkijs.CertificateRevocationList.fromBER(
      arrayBufferOf(pemBlocks(ca.crlPem, 'X509 CRL')[0]!),
    );
    await crl.sign(ca.untrusted.privateKey, 'SHA-256');
    const forged = join(dir, 'forged-crl.pem');
    writeFileSync(forged, toPem(new Uint8Array(crl.toSchema(true).toBER(false)), 'X509 CRL'));
    const store = loadTrustStore({ anchors: [join(dir, 'trust-anchors.pem')], crls: [forged] });
    const cms = await signDetachedCms(ca.revoked, signed.bytes);
    const v = await verifyDetachedCms({ content: signed.bytes, cms, at: now(), trust: store });
    expect(v.valid).toBe(true);
  });

  it('refuses to judge without trust anchors, telling the administrator what to set', async () => {
    const cms = await signDetachedCms(ca.leaf, signed.bytes);
    const v = refusal(
      await verifyDetachedCms({
        content: signed.bytes,
        cms,
        at: now(),
        trust: { anchors: [], crls: [] },
      }),
    );
    expect(v.problem).toBe('NO_TRUST_ANCHORS');
    expect(v.message).toContain('TRUST_ANCHORS');
    expect(v.message).toMatch(/^Máy chủ chưa cấu hình chứng thư gốc tin cậy/);
  });

  it('refuses garbage as MALFORMED with a Vietnamese message', async () => {
    const notCms = refusal(
      await verifyDetachedCms({
        content: signed.bytes,
        cms: Buffer.from('đây không phải CMS'),
        at: now(),
        trust,
      }),
    );
    expect(notCms.problem).toBe('MALFORMED');
    expect(notCms.message).toMatch(/^Chữ ký không đọc được/);
    const signature = await signDigestRaw(ca.leaf, signed.digest);
    for (const bad of [
      'không phải base64!',
      'QUJDRA==',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    ]) {
      const v = refusal(
        await verifyRawSignature({
          content: signed.bytes,
          signature,
          certificates: [bad],
          at: now(),
          trust,
        }),
      );
      expect(v.problem).toBe('MALFORMED');
      expect(v.message).toMatch(/^Chứng thư thứ 1 trong chuỗi: Chứng thư số không đọc được/);
    }
    const empty = refusal(
      await verifyRawSignature({
        content: signed.bytes,
        signature: new Uint8Array(),
        certificates: ca.leaf.chainPem,
        at: now(),
        trust,
      }),
    );
    expect([empty.problem, empty.message]).toEqual(['MALFORMED', 'Thiếu chữ ký số.']);
  });
});
