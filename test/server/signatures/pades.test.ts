// The signed PDF copy: rendered with Vietnamese text, prepared with an ETSI.CAdES.detached
// placeholder, its signed attributes' digest signed raw by the test CA's key (as a token would,
// the server never holding it), the CMS embedded — and then read back: the signature verifies,
// one changed byte breaks it, and the same input gives the same bytes every time (the server
// regenerates the PDF when the signature comes back).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OID, parseCertificates } from '../../../server/signatures/cms.ts';
import {
  embedPdfSignature,
  pdfSignedAttributes,
  preparePdf,
  readPdfSignature,
} from '../../../server/signatures/pades.ts';
import { renderReportPdf, type ReportPdfInput } from '../../../server/signatures/report-pdf.ts';
import { poppler } from '../../support/poppler.ts';
import { makeTestCa, signContentRaw, signDigestRaw, type TestCa } from '../../support/test-ca.ts';

/** A folder for a PDF that poppler reads, removed after the file's tests. */
const folders: string[] = [];
function pdfFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pades-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const approvedAt = new Date('2023-08-20T09:00:00Z');
const signedAt = new Date('2023-08-20T10:30:00Z');

const input: ReportPdfInput = {
  agencyName: 'Sở Y tế',
  parentName: 'Ủy ban nhân dân tỉnh Nghệ An',
  requestTitle: 'Báo cáo kết quả chuyển đổi số',
  periodLabel: 'Tháng 8/2023',
  version: 3,
  approvedAt,
  signedAt,
  tables: [
    {
      title: 'Bảng 1. Hạ tầng số và dịch vụ công trực tuyến',
      columns: [
        { key: 'plan', title: 'Kế hoạch năm' },
        { key: 'done', title: 'Thực hiện trong kỳ' },
        { key: 'note', title: 'Ghi chú' },
      ],
      // Enough rows for a second page: the column titles are repeated there.
      rows: Array.from({ length: 45 }, (_, i) => ({
        label: `Chỉ tiêu ${i + 1}: tỷ lệ hồ sơ giải quyết trực tuyến toàn trình ở cấp xã`,
        cells: {
          plan: String(100 + i),
          done: `${i},5`,
          ...(i % 9 === 0 ? { note: 'Đang triển khai, chưa đạt do thiếu kinh phí đầu tư' } : {}),
        },
      })),
    },
  ],
  answers: [
    {
      title: '1. Kết quả nổi bật',
      text: 'Đã hoàn thành kết nối liên thông văn bản điện tử bốn cấp chính quyền; 100% hồ sơ được số hóa.',
    },
  ],
  signer: { prefix: 'KT.', office: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
};

const prepareOptions = {
  signedAt,
  reason: 'Ký số báo cáo đã duyệt',
  name: 'Nguyễn Văn An',
  location: 'Sở Y tế',
};

describe('the signed PDF copy (PAdES, ETSI.CAdES.detached)', () => {
  let ca: TestCa;
  let pdf: Buffer;
  let signed: Buffer;

  beforeAll(async () => {
    ca = await makeTestCa();
    pdf = await renderReportPdf(input);
    const chain = parseCertificates(ca.leaf.chainPem);
    const prepared = preparePdf(pdf, prepareOptions);
    const { digest } = pdfSignedAttributes(prepared, chain);
    // The device's part: a raw PKCS#1 v1.5 signature of the digest, nothing else.
    signed = await embedPdfSignature(prepared, chain, await signDigestRaw(ca.leaf, digest));
  });

  it('renders the same bytes, and hands out the same digest, for the same input', async () => {
    const again = await renderReportPdf({
      ...input,
      approvedAt: new Date(approvedAt),
      signedAt: new Date(signedAt),
    });
    expect(again.equals(pdf)).toBe(true);
    const chain = parseCertificates(ca.leaf.chainPem);
    const first = preparePdf(pdf, prepareOptions);
    const second = preparePdf(again, { ...prepareOptions });
    expect(second.pdf.equals(first.pdf)).toBe(true);
    expect(pdfSignedAttributes(second, chain).digest).toEqual(
      pdfSignedAttributes(first, chain).digest,
    );
    // Dates come from the input (no "now" anywhere in the file).
    const text = pdf.toString('latin1');
    expect(text).toContain('(D:20230820090000Z)'); // CreationDate and ModDate
    expect(text).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
    expect(first.pdf.toString('latin1')).toContain('/M (D:20230820103000Z)');
  });

  it('changes the digest when a value of the report changes', async () => {
    const chain = parseCertificates(ca.leaf.chainPem);
    const changed = await renderReportPdf({
      ...input,
      answers: [{ title: '1. Kết quả nổi bật', text: 'Một chữ khác.' }],
    });
    const digestOf = (bytes: Buffer) =>
      pdfSignedAttributes(preparePdf(bytes, prepareOptions), chain).digest;
    expect(digestOf(changed)).not.toEqual(digestOf(pdf));
  });

  it('is A4 with DejaVu Serif embedded as subsets, on more than one page', () => {
    const text = pdf.toString('latin1');
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSerif-Bold\b/);
    expect(text).toContain('/FontFile2');
    expect(text).not.toContain('Helvetica');
    expect(Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThan(1);
  });

  it('reads as Vietnamese text with pdftotext: header, title, tables, answers, signing block', () => {
    const dir = pdfFolder();
    const file = join(dir, 'report.pdf');
    writeFileSync(file, signed);
    const all = poppler('pdftotext', ['-enc', 'UTF-8', file, '-']);
    for (const line of [
      'ỦY BAN NHÂN DÂN TỈNH',
      'SỞ Y TẾ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Ngày 20 tháng 8 năm 2023',
      'BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ',
      'Kỳ báo cáo: Tháng 8/2023',
      'Bảng 1. Hạ tầng số và dịch vụ công trực tuyến',
      'Chỉ tiêu 45: tỷ lệ hồ sơ giải quyết',
      'Đang triển khai',
      '1. Kết quả nổi bật',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Ký số lúc 20/08/2023 17:30 (giờ Việt Nam)',
    ]) {
      expect(all).toContain(line);
    }
    const page2 = poppler('pdftotext', ['-f', '2', '-l', '2', '-enc', 'UTF-8', file, '-']);
    expect(page2).toContain('Kế hoạch năm'); // the column titles again on the next page
  });

  it('writes "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", and an empty table as such', async () => {
    const commune = await renderReportPdf({
      ...input,
      agencyName: 'Ủy ban nhân dân xã Nghi Phong',
      parentName: null,
      tables: [{ title: 'Bảng 2. Nhân lực', columns: [], rows: [] }],
      answers: [],
      signer: {
        prefix: 'TM.',
        office: 'ỦY BAN NHÂN DÂN',
        title: 'CHỦ TỊCH',
        name: 'Trần Thị Bình',
      },
    });
    const file = join(pdfFolder(), 'commune.pdf');
    writeFileSync(file, commune);
    const text = poppler('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain('(Không có số liệu)');
    expect(text).not.toContain('NGHỆ AN');
  });

  it('carries /SubFilter /ETSI.CAdES.detached and verifies: digest, signature, signer', async () => {
    expect(signed.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(signed.length).toBeGreaterThan(pdf.length);
    expect(await readPdfSignature(signed)).toEqual({
      subFilter: 'ETSI.CAdES.detached',
      byteRangeCoversFile: true,
      digestMatches: true,
      signatureValid: true,
      signingCertificateMatches: true,
      signerName: 'Nguyễn Văn An',
    });
  });

  it('signs content-type, message-digest and signing-certificate-v2, and no signing-time', () => {
    const chain = parseCertificates(ca.leaf.chainPem);
    const { attributes, der } = pdfSignedAttributes(preparePdf(pdf, prepareOptions), chain);
    expect(attributes.map((a) => a.type).sort()).toEqual(
      [OID.contentType, OID.messageDigest, '1.2.840.113549.1.9.16.2.47'].sort(),
    );
    expect(der[0]).toBe(0x31); // the SET OF, as it is signed
  });

  it('no longer matches its digest when one byte of the signed PDF changes', async () => {
    const { byteRangeCoversFile } = await readPdfSignature(signed);
    expect(byteRangeCoversFile).toBe(true);
    const tampered = Buffer.from(signed);
    const at = Math.floor(signed.indexOf('/ByteRange') / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const check = await readPdfSignature(tampered);
    expect(check.digestMatches).toBe(false);
    expect(check.signatureValid).toBe(true); // the CMS itself is intact; the file is not

    const appended = Buffer.concat([signed, Buffer.from('\n% added later\n')]);
    expect((await readPdfSignature(appended)).byteRangeCoversFile).toBe(false);
  });

  it('embeds an ECDSA signature too', async () => {
    const chain = parseCertificates(ca.ecdsa.chainPem);
    const prepared = preparePdf(pdf, prepareOptions);
    const { der } = pdfSignedAttributes(prepared, chain);
    // ECDSA over SHA-256(der) = over the digest handed out; the token's answer, in DER.
    const ecSigned = await embedPdfSignature(prepared, chain, await signContentRaw(ca.ecdsa, der));
    expect(await readPdfSignature(ecSigned)).toMatchObject({
      digestMatches: true,
      signatureValid: true,
      signerName: 'Võ Thị Phương',
    });
  });

  it('refuses a signature made with another key than the chain’s leaf', async () => {
    const chain = parseCertificates(ca.leaf.chainPem);
    const prepared = preparePdf(pdf, prepareOptions);
    const { digest } = pdfSignedAttributes(prepared, chain);
    await expect(
      embedPdfSignature(prepared, chain, await signDigestRaw(ca.expired, digest)),
    ).rejects.toThrow(/Chữ ký bản PDF không khớp/);
  });

  it('passes poppler’s pdfsig as a valid ETSI.CAdES.detached signature', () => {
    const dir = pdfFolder();
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);
    // The test CA is not in poppler's trust store: only the signature itself is judged here.
    const out = poppler('pdfsig', ['-nocert', file]);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Văn An');
    expect(out).toContain('Total document signed');
  });
});
