// The bytes a leader signs: the same report gives the same bytes and digest however its objects
// were built (RFC 8785), every value and the approval time are in them, nothing else is.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  canonicalReport,
  SIGNING_FORMAT,
  type ReportForSigning,
} from '../../../server/signatures/canonical.ts';

const report = (): ReportForSigning => ({
  request: { id: 'req-1', title: 'Báo cáo chuyển đổi số quý 3/2024' },
  agency: { id: 'org-syt', name: 'Sở Y tế tỉnh Nghệ An', code: '000.00.18.H40' },
  period: { kind: 'QUARTER', label: 'Quý 3/2024', start: '2024-07-01', end: '2024-09-30' },
  template: { id: 'tpl-1', code: 'CDS-Q', version: 3 },
  version: 7,
  approvedAt: '2024-10-05T03:15:00.000Z',
  tables: [
    {
      key: 'pl01',
      rows: [
        { key: 'r1', cells: { so_luong: '12', ghi_chu: 'Đạt' } },
        { key: 'r2', cells: { so_luong: '3,5', ghi_chu: '' } },
      ],
    },
  ],
  answers: { 'muc-1': 'Đã triển khai 12 dịch vụ công trực tuyến toàn trình.', 'muc-2': 'Không' },
});

/** The same report, every object's keys written in the opposite order. */
const reordered = (): ReportForSigning => ({
  answers: { 'muc-2': 'Không', 'muc-1': 'Đã triển khai 12 dịch vụ công trực tuyến toàn trình.' },
  tables: [
    {
      rows: [
        { cells: { ghi_chu: 'Đạt', so_luong: '12' }, key: 'r1' },
        { cells: { ghi_chu: '', so_luong: '3,5' }, key: 'r2' },
      ],
      key: 'pl01',
    },
  ],
  approvedAt: '2024-10-05T03:15:00.000Z',
  version: 7,
  template: { version: 3, code: 'CDS-Q', id: 'tpl-1' },
  period: { end: '2024-09-30', start: '2024-07-01', label: 'Quý 3/2024', kind: 'QUARTER' },
  agency: { code: '000.00.18.H40', name: 'Sở Y tế tỉnh Nghệ An', id: 'org-syt' },
  request: { title: 'Báo cáo chuyển đổi số quý 3/2024', id: 'req-1' },
});

describe('canonicalReport', () => {
  it('gives the same bytes and digest with keys in another order', () => {
    const a = canonicalReport(report());
    const b = canonicalReport(reordered());
    expect(b.text).toBe(a.text);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(b.digest.equals(a.digest)).toBe(true);
  });

  it('is sorted JSON without whitespace, UTF-8 as is, with its format and SHA-256', () => {
    const { text, bytes, digest } = canonicalReport(report());
    expect(
      text.startsWith('{"agency":{"code":"000.00.18.H40","id":"org-syt","name":"Sở Y tế'),
    ).toBe(true);
    expect(text).toContain(`"format":"${SIGNING_FORMAT}"`);
    expect(text).toContain('"approvedAt":"2024-10-05T03:15:00.000Z"');
    expect(text).toContain('"cells":{"ghi_chu":"Đạt","so_luong":"12"}');
    expect(text).not.toMatch(/\s"|":\s|,\s"/);
    expect(Buffer.from(bytes).toString('utf8')).toBe(text);
    expect(digest.equals(createHash('sha256').update(bytes).digest())).toBe(true);
  });

  it('changes with any value, the version or the approval time', () => {
    const base = canonicalReport(report()).digest;
    const changedCell = report();
    changedCell.tables[0]!.rows[0]!.cells.so_luong = '13';
    const changedAnswer = report();
    changedAnswer.answers['muc-2'] = 'Có';
    const changedVersion = { ...report(), version: 8 };
    const changedTime = { ...report(), approvedAt: '2024-10-05T03:16:00.000Z' };
    for (const r of [changedCell, changedAnswer, changedVersion, changedTime]) {
      expect(canonicalReport(r).digest.equals(base)).toBe(false);
    }
  });

  it('signs only the listed members: extra fields a caller passes are left out', () => {
    const extra = { ...report(), status: 'APPROVED', agency: { ...report().agency, path: 'x' } };
    expect(canonicalReport(extra).text).toBe(canonicalReport(report()).text);
  });

  it('normalises nothing: a value stored in another Unicode form is another value', () => {
    const nfd = report();
    nfd.agency.name = nfd.agency.name.normalize('NFD');
    expect(canonicalReport(nfd).digest.equals(canonicalReport(report()).digest)).toBe(false);
  });
});

describe('RFC 8785 examples, through the canonicalize package used above', () => {
  it('serialises numbers, literals and string escapes as §3.2.2 shows', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalize(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts members by UTF-16 code units as §3.2.3 shows', () => {
    const input = JSON.parse(
      String.raw`{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}`,
    ) as Record<string, string>;
    const order = [...canonicalize(input)!.matchAll(/:"([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });
});
