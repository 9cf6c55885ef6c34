// The consolidating department's sheets against the strict Excel double: who has reported
// (overdue highlighted, a chart of statuses), the consolidated tables as the appendix reads, one
// agency's report read-only, the agency on the selected row, and at national scale (3,321
// communes × 40 rows) no Excel request over 4 MB, in syncs that grow with blocks, not rows.
import {
  COMPLETENESS_SHEET,
  RECIPIENTS_HEADER_ROW,
  pullCompleteness,
  pullConsolidated,
  pullReview,
  selectedOrgId,
  type RecipientLine,
} from '../../../addin/src/excel/consolidation-workbook.ts';
import type { ConsolidatedTable } from '../../../shared/reporting/consolidated.ts';
import type { Sheet } from '../../../shared/reporting/sheet.ts';
import { doubleHost, HOSTS, MB, measured, recordFigures } from '../../support/excel-hosts.ts';
import { column } from '../../support/sheets.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const org = (n: number, name: string, level = 'PROVINCE') => ({
  id: uuid(n),
  code: `O${n}`,
  name,
  level: level as 'PROVINCE',
  path: `/NA/O${n}/`,
  email: `o${n}@nghean.gov.vn`,
  phone: null,
});
const heading = {
  title: 'Báo cáo sơ kết 01 năm',
  periodLabel: '6 tháng đầu năm 2023',
  deadline: '2023-08-20T10:00:00Z',
  at: new Date('2023-08-21T02:00:00Z'),
};
const completeness = {
  expected: 3,
  submitted: 1,
  onTime: 0,
  late: 1,
  missing: 1,
  pendingApproval: 0,
  returned: 1,
  accepted: 0,
};
const recipients: RecipientLine[] = [
  {
    org: org(1, 'Sở Y tế tỉnh Nghệ An'),
    state: 'SUBMITTED',
    submittedAt: '2023-08-21T01:30:00Z',
    late: true,
    version: 2,
    returnReason: null,
    overdue: false,
  },
  {
    org: org(2, 'Sở Giáo dục và Đào tạo tỉnh Nghệ An'),
    state: 'NOT_STARTED',
    submittedAt: null,
    late: false,
    version: 0,
    returnReason: null,
    overdue: true,
  },
  {
    org: org(3, 'Sở Tài chính tỉnh Nghệ An'),
    state: 'RETURNED',
    submittedAt: '2023-08-19T01:30:00Z',
    late: false,
    version: 1,
    returnReason: 'Bổ sung kinh phí',
    overdue: true,
  },
];

const tasks: ConsolidatedTable = {
  key: 'pl03',
  title: 'Phụ lục 03: Kết quả thực hiện nhiệm vụ',
  description: null,
  columns: [
    column('ten', 'Nhiệm vụ', 'TEXT', { readOnly: true }),
    column('ket_qua', 'Kết quả', 'LONG_TEXT', { aggregate: 'LIST' }),
    column('so_may', 'Số máy tính', 'INTEGER', { aggregate: 'SUM' }),
  ],
  rows: [
    {
      key: 'group:II',
      group: null,
      label: 'II. Phát triển hạ tầng số',
      isGroup: true,
      totals: [],
      byOrg: [],
      rollup: [],
    },
    {
      key: 'II.4',
      group: 'II',
      label: 'Trang bị máy tính',
      isGroup: false,
      totals: [
        { columnKey: 'ten', value: 'Trang bị máy tính' },
        { columnKey: 'so_may', value: '150' },
      ],
      byOrg: [
        {
          org: org(1, 'Sở Y tế tỉnh Nghệ An'),
          cells: [
            { columnKey: 'ket_qua', value: '=HYPERLINK("x")' },
            { columnKey: 'so_may', value: '120' },
          ],
        },
        {
          org: org(4, 'UBND xã Nghi Phú', 'COMMUNE'),
          cells: [
            { columnKey: 'ket_qua', value: 'Đã trang bị' },
            { columnKey: 'so_may', value: '30' },
          ],
        },
      ],
      rollup: [
        {
          org: org(5, 'UBND thành phố Vinh', 'DISTRICT'),
          cells: [{ columnKey: 'so_may', value: '30' }],
        },
      ],
    },
  ],
};

describe.each(HOSTS)('Excel at ExcelApi $api, $locale', (options) => {
  test('completeness: a line per agency with contacts, overdue highlighted, a chart of statuses', async () => {
    const { book, host } = doubleHost(options);
    await pullCompleteness(host, heading, completeness, recipients);
    const ws = book.sheet(COMPLETENESS_SHEET);
    const top = RECIPIENTS_HEADER_ROW;
    const cell = (a: string) => book.cell(COMPLETENESS_SHEET, a).value;
    expect(cell('B1')).toBe('Báo cáo sơ kết 01 năm');
    expect(cell('B2')).toContain('6 tháng đầu năm 2023');
    expect([cell('B5'), cell('C5')]).toEqual(['Số đơn vị phải báo cáo', 3]);
    expect([cell(`C${top}`), cell(`E${top}`), cell(`J${top}`)]).toEqual([
      'Đơn vị',
      'Trạng thái',
      'Liên hệ',
    ]);
    expect([cell(`A${top + 2}`), cell(`C${top + 2}`), cell(`E${top + 2}`)]).toEqual([
      uuid(2),
      'Sở Giáo dục và Đào tạo tỉnh Nghệ An',
      'Chưa làm – quá hạn',
    ]);
    expect(cell(`G${top + 1}`)).toBe('Trễ hạn');
    expect(cell(`I${top + 3}`)).toBe('Bổ sung kinh phí');
    expect(cell(`J${top + 2}`)).toBe('o2@nghean.gov.vn');
    // Submitted at 08:30 Vietnam time on 21/8/2023, as an Excel date-time.
    const serial = cell(`F${top + 1}`) as number;
    expect(Math.round((serial - 45159) * 24 * 60)).toBe(8 * 60 + 30);
    expect(book.cell(COMPLETENESS_SHEET, `F${top + 1}`).numberFormat).toBe('dd/mm/yyyy hh:mm');
    // The overdue two are highlighted; the one sent is not.
    expect(book.cell(COMPLETENESS_SHEET, `C${top + 1}`).fill).toBeNull();
    expect(book.cell(COMPLETENESS_SHEET, `C${top + 2}`).fill).toBe('#FFEB9C');
    expect(book.cell(COMPLETENESS_SHEET, `J${top + 3}`).fill).toBe('#FFEB9C');
    expect(ws.hiddenColumns.has(0)).toBe(true);
    expect(ws.tables).toEqual([expect.objectContaining({ address: `A${top}:J${top + 3}` })]);
    expect(ws.charts).toHaveLength(1);
    expect(ws.charts[0]).toMatchObject({ type: 'ColumnClustered', title: 'Tình hình nộp báo cáo' });
    expect(ws.charts[0]!.data).toEqual([
      ['Trạng thái', 'Số đơn vị'],
      ['Chưa làm', 1],
      ['Nháp (chưa gửi)', 0],
      ['Chờ duyệt', 0],
      ['Đã duyệt, chưa gửi', 0],
      ['Đã gửi', 1],
      ['Bị trả lại', 1],
      ['Đã tiếp nhận', 0],
    ]);

    // Refreshed: the same sheet, replaced, with the new standing and one chart. The returned
    // report was sent again; the missing one now waits for its agency's leader.
    const resent = recipients.map((r) =>
      r.state === 'RETURNED'
        ? { ...r, state: 'SUBMITTED' as const, overdue: false, version: 2 }
        : r.state === 'NOT_STARTED'
          ? { ...r, state: 'PENDING_APPROVAL' as const, version: 1 }
          : r,
    );
    const refreshed = {
      ...completeness,
      submitted: 2,
      returned: 0,
      missing: 0,
      pendingApproval: 1,
    };
    await pullCompleteness(host, heading, refreshed, resent);
    expect(book.sheets.filter((s) => s.name === COMPLETENESS_SHEET)).toHaveLength(1);
    expect(book.cell(COMPLETENESS_SHEET, `E${top + 3}`).value).toBe('Đã gửi');
    expect(book.cell(COMPLETENESS_SHEET, `C${top + 3}`).fill).toBeNull();
    expect(book.sheet(COMPLETENESS_SHEET).charts).toHaveLength(1);
    expect(book.cell(COMPLETENESS_SHEET, `E${top + 2}`).value).toBe('Chờ duyệt – quá hạn');
    const chart = book.sheet(COMPLETENESS_SHEET).charts[0]!.data;
    expect([chart[3], chart[6]]).toEqual([
      ['Chờ duyệt', 1],
      ['Bị trả lại', 0],
    ]);
    expect([cell('B10'), cell('C10')]).toEqual(['Chờ lãnh đạo đơn vị duyệt', 1]);
  });

  test('consolidated tables as the appendix: group, totals, each agency, roll-up by district', async () => {
    const { book, host } = doubleHost(options);
    const names = await pullConsolidated(host, {
      tables: [tasks],
      outline: [
        {
          key: 'I',
          number: 'I',
          heading: 'Kết quả đạt được',
          depth: 0,
          answers: [{ org: org(1, 'Sở Y tế tỉnh Nghệ An'), text: 'Hoàn thành kho dữ liệu' }],
        },
      ],
    });
    expect(names).toEqual(['TH Phụ lục 03', 'TH Đề cương']);
    const sheet = 'TH Phụ lục 03';
    const line = (r: number) =>
      ['A', 'B', 'C', 'D', 'E'].map((c) => book.cell(sheet, `${c}${r}`).value);
    expect(line(3)).toEqual(['Mã đơn vị', 'Đơn vị', 'Nhiệm vụ', 'Kết quả', 'Số máy tính']);
    expect(line(4)).toEqual(['', 'II. Phát triển hạ tầng số', '', '', '']);
    expect(book.cell(sheet, 'B4').fill).toBe('#F2F2F2');
    expect(line(5)).toEqual(['', 'Tổng hợp (2 đơn vị)', 'Trang bị máy tính', '', 150]);
    expect(book.cell(sheet, 'E5').bold).toBe(true);
    expect(line(6)).toEqual([uuid(1), 'Sở Y tế tỉnh Nghệ An', '', '=HYPERLINK("x")', 120]);
    // An agency's text is never a formula in the consolidator's workbook.
    expect(book.cell(sheet, 'D6').formula).toBeNull();
    expect(line(7)).toEqual([uuid(4), 'UBND xã Nghi Phú', '', 'Đã trang bị', 30]);
    expect(line(8)).toEqual([uuid(5), 'Cộng UBND thành phố Vinh', '', '', 30]);
    expect(book.cell(sheet, 'B8').italic).toBe(true);
    expect(book.cell(sheet, 'E8').numberFormat).toBe('#,##0');
    expect(book.cell('TH Đề cương', 'C3').value).toBe('Hoàn thành kho dữ liệu');
    expect(book.cell('TH Đề cương', 'A3').value).toBe(uuid(1));
  });

  test("one agency's report opens read-only; the selected row names its agency", async () => {
    const { book, host } = doubleHost(options);
    const sheet: Sheet = {
      outline: [
        {
          key: 'I',
          number: 'I',
          heading: 'Kết quả',
          guidance: null,
          answer: 'Đã làm',
          depth: 0,
          answerable: true,
          required: false,
        },
      ],
      tables: [
        {
          key: 'pl03',
          title: tasks.title,
          description: null,
          allowOpenRows: false,
          columns: tasks.columns,
          rows: [
            {
              key: 'II.4',
              group: 'II',
              label: 'Trang bị máy tính',
              readOnly: false,
              isGroup: false,
              open: false,
              cells: [
                { columnKey: 'ten', value: 'Trang bị máy tính' },
                { columnKey: 'so_may', value: '120' },
              ],
            },
          ],
        },
      ],
    };
    const name = await pullReview(host, {
      sheet,
      org: { id: uuid(1), name: 'Sở Y tế tỉnh Nghệ An' },
      requestTitle: heading.title,
      status: 'Đã gửi',
      version: 2,
      submittedAt: '2023-08-21T01:30:00Z',
      late: true,
      returnReason: null,
    });
    expect(name).toBe('BC Sở Y tế tỉnh Nghệ An');
    expect(book.activeSheet).toBe(name);
    expect(book.cell(name, 'B3').value).toContain('phiên bản 2');
    expect(book.cell(name, 'B3').value).toContain('(trễ hạn)');
    const values = [...book.sheet(name).cells.values()].map((c) => c.value);
    expect(values).toEqual(
      expect.arrayContaining(['Số máy tính', 'Trang bị máy tính', 120, 'Đã làm']),
    );
    expect(book.sheet(name).protection.protected).toBe(true);
    expect(() => book.userTypes(name, 'D7', '5')).toThrow('protected');

    await pullCompleteness(host, heading, completeness, recipients);
    book.select(COMPLETENESS_SHEET, `C${RECIPIENTS_HEADER_ROW + 2}`);
    expect(await selectedOrgId(host)).toBe(uuid(2));
    book.select(COMPLETENESS_SHEET, `C${RECIPIENTS_HEADER_ROW}`);
    expect(await selectedOrgId(host)).toBeNull();
  });
});

test('a return reason "- Thiếu số liệu" stays text; a person\'s own sheet of the same name stays', async () => {
  const { book, host } = doubleHost({ api: '1.10', locale: 'en-US' });
  book.userAddsSheet('tình hình nộp');
  book.userTypes('tình hình nộp', 'A1', 'Ghi chú riêng');
  const returned = recipients.map((r) =>
    r.state === 'RETURNED' ? { ...r, returnReason: '- Thiếu số liệu mục II' } : r,
  );
  await pullCompleteness(host, heading, completeness, returned);
  expect(book.cell('tình hình nộp', 'A1').value).toBe('Ghi chú riêng');
  const name = `${COMPLETENESS_SHEET} (2)`;
  expect(book.cell(name, `I${RECIPIENTS_HEADER_ROW + 3}`)).toMatchObject({
    value: '- Thiếu số liệu mục II',
    formula: null,
  });
});

test('national scale: 3,321 communes × 40 rows in blocks, no request over 4 MB', async () => {
  const communes = (n: number) =>
    Array.from({ length: n }, (_, i) => org(i + 10, `UBND xã số ${i + 1} tỉnh Nghệ An`, 'COMMUNE'));
  const many = (n: number): RecipientLine[] =>
    communes(n).map((o, i) => ({ ...recipients[i % 3]!, org: o }));
  const national = (n: number): ConsolidatedTable => ({
    ...tasks,
    rows: [
      tasks.rows[0]!,
      ...Array.from({ length: 40 }, (_, r) => ({
        ...tasks.rows[1]!,
        key: `II.${r + 1}`,
        label: `Nhiệm vụ ${r + 1}`,
        totals: [
          { columnKey: 'ten', value: `Nhiệm vụ ${r + 1}` },
          { columnKey: 'so_may', value: String(n) },
        ],
        byOrg: communes(n).map((o, i) => ({
          org: o,
          cells: [
            { columnKey: 'ket_qua', value: `- Đã triển khai tại xã số ${i + 1}` },
            { columnKey: 'so_may', value: String(i % 50) },
          ],
        })),
        rollup: [],
      })),
    ],
  });
  const figures: Record<string, unknown> = {};
  for (const n of [3, 3321]) {
    const { book, host } = doubleHost({ api: '1.10' });
    const completenessStep = await measured(book, () =>
      pullCompleteness(host, heading, completeness, many(n)),
    );
    const consolidatedStep = await measured(book, () =>
      pullConsolidated(host, { tables: [national(n)], outline: [] }),
    );
    figures[`communes${n}`] = { completeness: completenessStep, consolidated: consolidatedStep };
    expect(book.cell(COMPLETENESS_SHEET, `C${RECIPIENTS_HEADER_ROW + n}`).value).toBe(
      `UBND xã số ${n} tỉnh Nghệ An`,
    );
    // The last agency of the last row, 40 × (n + 1) + 1 lines below the header.
    const last = 3 + 1 + 40 * (n + 1);
    expect(book.cell('TH Phụ lục 03', `B${last}`).value).toBe(`UBND xã số ${n} tỉnh Nghệ An`);
    expect(book.cell('TH Phụ lục 03', `D${last}`)).toMatchObject({
      value: `- Đã triển khai tại xã số ${n}`,
      formula: null,
    });
    expect(book.cell('TH Phụ lục 03', `E${last}`).value).toBe((n - 1) % 50);
    expect(book.largestRequest).toBeLessThanOrEqual(4 * MB);
    expect(book.largestResponse).toBeLessThanOrEqual(4 * MB);
    expect(book.requests.every((r) => !r.failed)).toBe(true);
  }
  recordFigures('consolidation-national', figures);
  const small = figures.communes3 as {
    completeness: { syncs: number };
    consolidated: { syncs: number };
  };
  const large = figures.communes3321 as typeof small;
  expect(small).toMatchObject({ completeness: { syncs: 3 }, consolidated: { syncs: 3 } });
  // Only the blocks add syncs: at most one per 1.5 MB of lines written.
  expect(large.consolidated.syncs).toBeLessThanOrEqual(3 + 20);
}, 180_000);
