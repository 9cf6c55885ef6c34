// The consolidation read in pages fills the workbook exactly as the whole answer does: several
// tables (over more than one page of tables), agencies a page at a time (pages of 1 and 2 here,
// 400 in the pane), an agency's own added rows, rows some agencies left out, outline answers over
// several pages and a section nobody answered. The reader plays the server's connections over
// one fixed consolidation, so the only difference between the two books is the paging.
import {
  pullConsolidated,
  pullConsolidatedPages,
  type ConsolidatedSectionView,
} from '../../../addin/src/excel/consolidation-workbook.ts';
import {
  pagedSource,
  type AgencyPage,
  type ConsolidationPageReader,
  type ConsolidationProgress,
  type OutlinePage,
  type TableHeads,
} from '../../../addin/src/taskpane/consolidation-pages.ts';
import type { ConsolidatedTableView } from '../../../shared/reporting/consolidated.ts';
import { doubleHost } from '../../support/excel-hosts.ts';
import { column } from '../../support/sheets.ts';

const org = (n: number, name: string) => ({ id: `org-${n}`, name });
const agencies = [
  org(1, 'Sở Y tế tỉnh Nghệ An'),
  org(2, 'UBND thành phố Vinh'),
  org(3, 'UBND xã Nghi Phú'),
  org(4, 'UBND xã Hưng Lộc'),
  org(5, 'UBND huyện Nam Đàn'),
];
const cells = (n: number) => [
  { columnKey: 'ket_qua', value: `Kết quả ${n}` },
  { columnKey: 'so', value: String(n * 10) },
];

type Head = TableHeads['edges'][number]['node'];
type Agency = AgencyPage['edges'][number]['node'];

/** A table's head and its agencies: agency i reports row r unless (i + r) % 3 === 0. */
function table(t: number): { head: Head; agencies: Agency[] } {
  const rowKeys = ['1', '2', '3'].map((r) => `t${t}.${r}`);
  const reports = (i: number, r: number) => (i + r + t) % 3 !== 0;
  const head: Head = {
    key: `t${t}`,
    title: `Phụ lục 0${t}: Bảng ${t}`,
    description: t === 1 ? 'Số liệu đến 30/6' : null,
    columns: [
      {
        ...column('ket_qua', 'Kết quả', 'LONG_TEXT', { aggregate: 'LIST' }),
        carryForward: false,
        changeFactor: null,
      },
      {
        ...column('so', 'Số lượng', 'INTEGER', { aggregate: 'SUM' }),
        carryForward: false,
        changeFactor: null,
      },
    ],
    rows: [
      {
        key: `group:${t}`,
        group: null,
        label: `Nhóm ${t}`,
        isGroup: true,
        reporting: 0,
        totals: [],
        rollup: [],
      },
      ...rowKeys.map((key, r) => ({
        key,
        group: `${t}`,
        label: `Dòng ${key}`,
        isGroup: false,
        reporting: agencies.filter((_, i) => reports(i, r)).length,
        totals: [{ columnKey: 'so', value: String(100 * t + r) }],
        rollup: [{ org: org(9, 'Tỉnh Nghệ An'), cells: [{ columnKey: 'so', value: '7' }] }],
      })),
    ],
  };
  return {
    head,
    agencies: agencies.map((o, i) => ({
      org: o,
      rows: rowKeys.flatMap((rowKey, r) =>
        reports(i, r) ? [{ rowKey, cells: cells(10 * t + i) }] : [],
      ),
      // The second agency added a row of its own to every table.
      addedRows:
        i === 1
          ? [
              {
                key: `t${t}.added`,
                group: `${t}`,
                label: 'Dòng đơn vị thêm',
                isGroup: false,
                totals: [{ columnKey: 'so', value: '5' }],
                byOrg: [{ org: o, cells: cells(99) }],
                rollup: [],
              },
            ]
          : [],
    })),
  };
}

const tables = [1, 2, 3].map(table);
const outline: ConsolidatedSectionView[] = [
  {
    key: 'I',
    number: 'I',
    heading: 'Kết quả đạt được',
    depth: 0,
    answers: agencies.map((o, i) => ({ org: o, text: `Trả lời ${i}` })),
  },
  { key: 'II', number: 'II', heading: 'Khó khăn', depth: 0, answers: [] },
];

/** The whole answer, as `consolidated` gives it: each row with every agency that reported it. */
const whole: { tables: ConsolidatedTableView[]; outline: ConsolidatedSectionView[] } = {
  tables: tables.map(({ head, agencies: list }) => ({
    ...head,
    rows: [
      ...head.rows.map(({ reporting: _reporting, ...row }) => ({
        ...row,
        byOrg: list.flatMap((a) => {
          const own = a.rows.find((r) => r.rowKey === row.key);
          return own ? [{ org: a.org, cells: own.cells }] : [];
        }),
      })),
      ...list.flatMap((a) => a.addedRows),
    ],
  })),
  outline,
};

/** A Relay page of `list` after the cursor `after` (its index), `first` long. */
function page<T>(list: T[], first: number, after: string | null) {
  const from = after === null ? 0 : Number(after) + 1;
  const slice = list.slice(from, from + first);
  return {
    edges: slice.map((node, i) => ({ cursor: String(from + i), node })),
    pageInfo: {
      hasNextPage: from + first < list.length,
      endCursor: slice.length ? String(from + slice.length - 1) : null,
    },
  };
}

/** The server's connections over the fixed consolidation; every read counted. */
function reader(): ConsolidationPageReader & { reads: number } {
  const r = {
    reads: 0,
    async tables(after: string | null): Promise<TableHeads> {
      r.reads += 1;
      // Two tables a page here (the server gives five), so the tables' heads take pages too.
      return page(
        tables.map((t) => t.head),
        2,
        after,
      );
    },
    async agencies(tableAfter: string | null, first: number, after: string | null) {
      r.reads += 1;
      const index = tableAfter === null ? 0 : Number(tableAfter) + 1;
      return page(tables[index]!.agencies, first, after) satisfies AgencyPage;
    },
    async outline(key: string | null, first: number, after: string | null): Promise<OutlinePage> {
      r.reads += 1;
      return outline
        .filter((s) => key === null || s.key === key)
        .map(({ answers, ...s }) => ({ ...s, answers: page(answers, first, after) }));
    },
  };
  return r;
}

test.each([1, 2, 400])(
  'agencies %i a page give the same workbook as the whole consolidation',
  async (first) => {
    const one = doubleHost();
    await pullConsolidated(one.host, whole);
    const paged = doubleHost();
    const read = reader();
    const progress: ConsolidationProgress[] = [];
    const source = await pagedSource(read, first, (p) => progress.push(p));
    const names = await pullConsolidatedPages(paged.host, source);

    expect(names).toEqual(['TH Phụ lục 01', 'TH Phụ lục 02', 'TH Phụ lục 03', 'TH Đề cương']);
    expect(paged.book.state()).toEqual(one.book.state());
    // The pages were really read: 5 agencies in pages of `first` for each of 3 tables.
    const agencyPages = Math.ceil(5 / first);
    expect(read.reads).toBe(2 + 3 * agencyPages + 1 + (first < 5 ? agencyPages - 1 : 0));
    // What the pane shows: how many agencies of how many, table by table, ending at 5 of 4 or 5.
    const last = progress.filter((p) => p.table === 3).at(-1);
    expect(last).toEqual({ table: 3, tables: 3, agencies: 5, of: 4 });
    expect(progress.filter((p) => p.table === 1).map((p) => p.agencies)).toEqual([
      0,
      ...Array.from({ length: agencyPages }, (_, i) => Math.min(5, (i + 1) * first)),
    ]);
  },
);
