// The consolidated report in pages: walking every page (tables, then each table's agencies, and
// each outline section's answers) gives exactly the whole `consolidated` answer, as reported and
// in today's structure (Bến Tre's districts were abolished on 1/7/2025, so the two differ), and
// bad paging arguments are refused clearly. The consolidated .xlsx, written from the same data a
// few rows of every agency at a time, is read back and checked line by line against it.
import ExcelJS from 'exceljs';
import { contractOperation } from '../../support/contract.ts';
import { targets } from '../../support/databases.ts';
import type { Json } from '../../support/json.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { viewerFromHeader } from '../../../server/auth/viewer.ts';
import type { Context } from '../../../server/graphql/context.ts';
import {
  everyTable,
  openPagedConsolidation,
  SHEET_ORDER_CELLS,
  tableRowsInSheetOrder,
} from '../../../server/consolidation/pages.ts';
import type { Structure } from '../../../server/consolidation/structure.ts';
import type { ConsolidatedRow } from '../../../shared/reporting/consolidated.ts';
import { NUMBER_FORMATS, uniqueSheetName } from '../../../shared/reporting/spreadsheet.ts';
import { sectionTitle, shortTableName } from '../../../shared/reporting/sheet.ts';
import { excelValue } from '../../../server/files/workbook.ts';

const SAVE = contractOperation('SaveReport');

const PLACED = 'unit { id } placement displayName';
const CELLS = 'cells { columnKey value }';
const ROW_HEAD = `key group label isGroup totals { columnKey value } rollup { org { id } ${CELLS} }`;
const WHOLE = `query($id: ID!, $s: ConsolidationStructure) { reportRequest(id: $id) {
  consolidated(structure: $s) {
    outline { key number heading depth answers { org { id } text ${PLACED} } }
    tables { key title description columns { key label type aggregate readOnly }
      rows { ${ROW_HEAD} byOrg { org { id } ${CELLS} ${PLACED} } } }
  } } }`;
const TABLES = `query($id: ID!, $s: ConsolidationStructure, $t: String, $a: String, $n: Int) {
  reportRequest(id: $id) { consolidatedPages(structure: $s) {
    tables(first: 1, after: $t) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { key title description columns { key label type aggregate readOnly }
        rows { ${ROW_HEAD} reporting }
        agencies(first: $n, after: $a) {
          pageInfo { hasNextPage endCursor }
          edges { node { org { id } ${PLACED} rows { rowKey ${CELLS} }
            addedRows { ${ROW_HEAD} byOrg { org { id } ${CELLS} ${PLACED} } } } }
        } } }
    } } } }`;
const OUTLINE = `query($id: ID!, $s: ConsolidationStructure, $a: String, $key: String) {
  reportRequest(id: $id) { consolidatedPages(structure: $s) {
    outline(key: $key) { key number heading depth
      answers(first: 1, after: $a) { pageInfo { hasNextPage endCursor }
        edges { node { org { id } text ${PLACED} } } } }
  } } }`;

/** As the .xlsx's reader sees it: the whole consolidation as reported, names and choices too. */
const FILE_WHOLE = `query($id: ID!) { reportRequest(id: $id) {
  completeness { expected }
  consolidated {
    outline { key number heading answers { org { name } text } }
    tables { title columns { key label type readOnly options { key label } }
      rows { label isGroup totals { columnKey value } rollup { org { name } ${CELLS} }
        byOrg { org { name } ${CELLS} } } }
  } } }`;

type Look = 'group' | 'total' | 'agency' | 'roll-up';
interface Line {
  look: Look;
  values: unknown[];
}

/** A consolidated table as its sheet should read from the fourth line on (Phụ lục 02/03). */
function expectedLines(table: Json): Line[] {
  const valuesOf = (cells: Json[], withReadOnly: boolean) =>
    table.columns.map((c: Json) => {
      const value = cells.find((x: Json) => x.columnKey === c.key)?.value ?? null;
      return c.readOnly && !withReadOnly
        ? null
        : excelValue({ type: c.type, options: c.options }, value);
    });
  return table.rows.flatMap((row: Json): Line[] =>
    row.isGroup
      ? [{ look: 'group', values: [row.label, ...table.columns.map(() => null)] }]
      : [
          {
            look: 'total',
            values: [
              row.byOrg.length > 1 ? `Tổng hợp (${row.byOrg.length} đơn vị)` : null,
              ...valuesOf(row.totals, true),
            ],
          },
          ...row.byOrg.map((o: Json) => ({
            look: 'agency' as const,
            values: [o.org.name, ...valuesOf(o.cells, false)],
          })),
          ...row.rollup.map((o: Json) => ({
            look: 'roll-up' as const,
            values: [`Cộng ${o.org.name}`, ...valuesOf(o.cells, true)],
          })),
        ],
  );
}

/** A sheet's lines from `from` on, as a person sees them: the values, and how the line looks. */
function linesOf(ws: ExcelJS.Worksheet, columns: number, from: number): Line[] {
  const lines: Line[] = [];
  for (let n = from; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    const first = row.getCell(1);
    const look: Look =
      columns > 0 && row.getCell(columns + 1).isMerged
        ? 'group'
        : first.font?.bold
          ? 'total'
          : first.font?.italic
            ? 'roll-up'
            : 'agency';
    const values = Array.from({ length: columns + 1 }, (_, i) => {
      const value = row.getCell(i + 1).value;
      return look === 'group' && i > 0 ? null : value === '' || value === undefined ? null : value;
    });
    lines.push({ look, values });
  }
  return lines;
}

/** A row as the WHOLE query answers it (placement's defaults are the schema's: as reported). */
function answered(row: ConsolidatedRow): Json {
  return {
    key: row.key,
    group: row.group,
    label: row.label,
    isGroup: row.isGroup,
    totals: row.totals,
    rollup: row.rollup.map((o) => ({ org: { id: o.org.id }, cells: o.cells })),
    byOrg: row.byOrg.map((o: Json) => ({
      org: { id: o.org.id },
      cells: o.cells,
      unit: { id: (o.unit ?? o.org).id },
      placement: o.placement ?? 'SELF',
      displayName: o.displayName ?? o.org.name,
    })),
  };
}

describe.each(targets)('consolidation in pages (%s)', (target) => {
  let server: TestServer;
  let admin: string;

  async function gql(query: string, variables: Record<string, unknown>): Promise<Json> {
    const res = await server.gql<Json>(query, variables, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.reportRequest;
  }

  /** Every page walked (agencies `size` at a time), put back together as `consolidated`. */
  async function walk(id: string, s: string, size: number): Promise<Json> {
    const tables: Json[] = [];
    let t: string | null = null;
    for (;;) {
      const agencies: Json[] = [];
      const pageAt = async (a: string | null): Promise<Json> => {
        const page: Json = (await gql(TABLES, { id, s, t, a, n: size })).consolidatedPages.tables;
        const { agencies: some, ...table } = page.edges[0].node;
        agencies.push(...some.edges.map((e: Json) => e.node));
        return { page, table, next: some.pageInfo.hasNextPage ? some.pageInfo.endCursor : null };
      };
      const { page: more, table, next: second } = await pageAt(null);
      for (let next = second; next;) next = (await pageAt(next)).next;
      const { rows, ...head } = table;
      tables.push({
        ...head,
        rows: [
          ...rows.map(({ reporting, ...row }: Json) => {
            const byOrg = agencies.flatMap((ag) =>
              ag.rows
                .filter((r: Json) => r.rowKey === row.key)
                .map((r: Json) => ({
                  org: ag.org,
                  cells: r.cells,
                  unit: ag.unit,
                  placement: ag.placement,
                  displayName: ag.displayName,
                })),
            );
            expect(reporting).toBe(byOrg.length);
            return { ...row, byOrg };
          }),
          ...agencies.flatMap((ag) => ag.addedRows),
        ],
      });
      if (!more.pageInfo.hasNextPage) break;
      t = more.pageInfo.endCursor;
    }
    const sections: Json[] = (await gql(OUTLINE, { id, s, a: null })).consolidatedPages.outline;
    const outline = [];
    for (const section of sections) {
      const answers: Json[] = [];
      let page = section.answers;
      for (;;) {
        answers.push(...page.edges.map((e: Json) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        const next: Json = await gql(OUTLINE, {
          id,
          s,
          a: page.pageInfo.endCursor,
          key: section.key,
        });
        page = next.consolidatedPages.outline[0].answers;
      }
      outline.push({ ...section, answers });
    }
    return { outline, tables };
  }

  beforeAll(async () => {
    server = await startTestServer(target);
    admin = await server.login('quantri@demo.vn');
    // Bến Tre's pilot: a district and its commune send, averaging their rates to a decimal.
    const requestId = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'BT-2140-THIDIEM-2021-09' },
      })
    ).id;
    const binhDai = await server.login('ubnd.binhdai@demo.vn');
    for (const [code, figure] of [
      ['BT.BINHDAI', '4'],
      ['BT.BINHDAI.BINHTHOI', '11'],
    ] as const) {
      const orgId = (await server.app.db.prisma.org.findUniqueOrThrow({ where: { code } })).id;
      const sheet = (
        await server.gql<Json>(
          'query($r: ID!, $o: ID) { reportSheet(requestId: $r, orgId: $o) { outline { key required } tables { key rows { key } } submission { version } } }',
          { r: requestId, o: orgId },
          binhDai,
        )
      ).data!.reportSheet;
      const [targetsTable, figures] = sheet.tables;
      const saved = await server.gql<Json>(
        SAVE,
        {
          input: {
            requestId,
            orgId,
            baseVersion: sheet.submission?.version ?? 0,
            idempotencyKey: `pages-${code}`,
            submit: true,
            answers: sheet.outline
              .filter((s: Json) => s.required)
              .map((s: Json) => ({ key: s.key, text: `${code}: đã triển khai` })),
            tables: [
              {
                key: targetsTable.key,
                rows: targetsTable.rows.map((r: Json) => ({
                  key: r.key,
                  cells: [{ columnKey: 'ty_le', value: code.length > 10 ? '30.5%' : '70%' }],
                })),
              },
              {
                key: figures.key,
                rows: figures.rows.map((r: Json) => ({
                  key: r.key,
                  cells: [{ columnKey: 'gia_tri', value: figure }],
                })),
              },
            ],
          },
        },
        binhDai,
      );
      expect(saved.errors).toBeUndefined();
      expect(saved.data!.saveReport.problems).toEqual([]);
    }
    // Sở Y tế sends its 2023 review with two rows it adds to Phụ lục 02 (one text like a formula).
    const review = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'NA-403-SOKET-SO-HUYEN' },
      })
    ).id;
    const health = await server.login('syte.nghean@demo.vn');
    const sheet = (
      await server.gql<Json>(
        'query($r: ID!) { reportSheet(requestId: $r) { outline { key required } tables { key rows { key isGroup } } submission { version } } }',
        { r: review },
        health,
      )
    ).data!.reportSheet;
    const sent = await server.gql<Json>(
      SAVE,
      {
        input: {
          requestId: review,
          baseVersion: sheet.submission?.version ?? 0,
          idempotencyKey: 'pages-syte',
          submit: true,
          answers: sheet.outline
            .filter((s: Json) => s.required)
            .map((s: Json) => ({ key: s.key, text: 'Sở Y tế: đã triển khai' })),
          tables: [
            {
              key: 'pl02',
              rows: [
                { key: null, cells: [{ columnKey: 'noi_dung', value: 'Tuyên truyền' }] },
                {
                  key: null,
                  cells: [
                    { columnKey: 'noi_dung', value: 'Tập huấn' },
                    { columnKey: 'ghi_chu', value: '=1+2' },
                  ],
                },
              ],
            },
            {
              key: 'pl03',
              rows: sheet.tables
                .find((t: Json) => t.key === 'pl03')
                .rows.filter((r: Json) => !r.isGroup)
                .map((r: Json) => ({
                  key: r.key,
                  cells: [
                    { columnKey: 'ket_qua', value: `Kết quả ${r.key}` },
                    { columnKey: 'tien_do', value: 'DANG_TRIEN_KHAI' },
                  ],
                })),
            },
          ],
        },
      },
      health,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.saveReport.problems).toEqual([]);
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  test('walking every page gives the whole consolidation, in both structures', async () => {
    const requests = await server.app.db.prisma.reportRequest.findMany({
      where: { submissions: { some: { status: { in: ['SUBMITTED', 'ACCEPTED'] } } } },
      select: { id: true, key: true },
    });
    expect(requests.map((r) => r.key)).toContain('BT-2140-THIDIEM-2021-09');
    for (const { id } of requests) {
      for (const s of ['AS_REPORTED', 'CURRENT']) {
        const whole = (await gql(WHOLE, { id, s })).consolidated;
        // Two agencies a page: a cursor after every other agency, and pages of more than one.
        expect(await walk(id, s, 2)).toEqual(whole);
      }
    }
  }, 240_000);

  /** The requests someone sent a report to. */
  const withReports = () =>
    server.app.db.prisma.reportRequest.findMany({
      where: { submissions: { some: { status: { in: ['SUBMITTED', 'ACCEPTED'] } } } },
      select: { id: true, key: true },
    });

  test('a table read in the order of its sheet, a few cells at a time, is the whole consolidation', async () => {
    const { db } = server.app;
    const { viewer } = await viewerFromHeader(db, `Bearer ${admin}`);
    const requests = await withReports();
    expect(requests.map((r) => r.key)).toContain('NA-403-SOKET-SO-HUYEN');
    for (const { id } of requests) {
      for (const s of ['AS_REPORTED', 'CURRENT'] as Structure[]) {
        const whole = (await gql(WHOLE, { id, s })).consolidated;
        // 40 cells: a row's agencies a few at a time, or many small rows together.
        for (const cells of [40, SHEET_ORDER_CELLS]) {
          const ctx: Context = { db, prisma: db.prisma, viewer, address: null };
          const tables: Json[][] = [];
          for (const piece of everyTable(await openPagedConsolidation(ctx, id, s))) {
            const rows: Json[] = [];
            for await (const some of tableRowsInSheetOrder(ctx, piece, cells)) {
              rows.push(...some.map(answered));
            }
            tables.push(rows);
          }
          expect(tables).toEqual(whole.tables.map((t: Json) => t.rows));
        }
      }
    }
  }, 240_000);

  test('the consolidated .xlsx reads, line by line, as the consolidation', async () => {
    const requests = await withReports();
    let added = 0;
    for (const { id } of requests) {
      const res = await fetch(`${server.app.url}/files/requests/${id}/consolidated.xlsx`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const { consolidated: whole, completeness } = await gql(FILE_WHOLE, { id });

      const taken = new Set(['tình hình nộp']);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Tình hình nộp',
        ...whole.tables.map((t: Json) => uniqueSheetName(shortTableName(t.title), taken)),
        ...(whole.outline.length ? ['Đề cương'] : []),
      ]);
      // Who was asked: the count, then one line each under the header.
      const status = wb.worksheets[0]!;
      let header = 0;
      status.eachRow((row, n) => {
        if (row.getCell(2).value === 'Số đơn vị phải báo cáo') {
          expect(row.getCell(3).value).toBe(completeness.expected);
        }
        if (row.getCell(1).value === 'STT') header = n;
      });
      expect(status.rowCount - header).toBe(completeness.expected);

      whole.tables.forEach((table: Json, i: number) => {
        const ws = wb.worksheets[i + 1]!;
        const columns = table.columns.length;
        expect(ws.getCell(1, 1).value).toBe(table.title);
        expect(linesOf(ws, columns, 3)[0]!.values).toEqual([
          'Đơn vị',
          ...table.columns.map((c: Json) => c.label),
        ]);
        expect(linesOf(ws, columns, 4)).toEqual(expectedLines(table));
        // Numbers, money, percents and dates in the Vietnamese formats, agencies' and roll-ups'.
        ws.eachRow((row, n) => {
          if (n < 4 || row.getCell(1).font?.bold || row.getCell(columns + 1).isMerged) return;
          table.columns.forEach((c: Json, j: number) => {
            expect(row.getCell(j + 2).numFmt ?? null).toBe(
              NUMBER_FORMATS[c.type as 'DATE'] ?? null,
            );
          });
        });
        added += table.rows.filter(
          (r: Json) => r.isGroup && r.label === 'Sở Y tế tỉnh Nghệ An',
        ).length;
      });

      if (whole.outline.length) {
        const ws = wb.getWorksheet('Đề cương')!;
        const lines: unknown[][] = [];
        for (let n = 2; n <= ws.rowCount; n++) {
          const [a, b] = [ws.getCell(n, 1).value, ws.getCell(n, 2).value];
          lines.push(ws.getCell(n, 2).isMerged ? [a] : [a || null, b]);
        }
        expect(lines).toEqual(
          whole.outline.flatMap((s: Json) => [
            [sectionTitle({ number: s.number, heading: s.heading })],
            ...(s.answers.length
              ? s.answers.map((a: Json) => [a.org.name, a.text])
              : [[null, '(chưa có đơn vị nào trả lời)']]),
          ]),
        );
      }
    }
    // Sở Y tế's added rows came out under its name.
    expect(added).toBe(1);
  }, 240_000);

  test('bad cursors and pages too large are refused, in Vietnamese', async () => {
    const id = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'BT-2140-THIDIEM-2021-09' },
      })
    ).id;
    const errorOf = async (variables: Record<string, unknown>) => {
      const res = await server.gql<Json>(TABLES, { id, s: 'AS_REPORTED', ...variables }, admin);
      return res.errors?.[0]?.message;
    };
    expect(await errorOf({ n: 401 })).toMatch(/first\) phải từ 1 đến 400/);
    expect(await errorOf({ a: 'không-phải-con-trỏ' })).toMatch(/Con trỏ phân trang/);
    // A cursor of one list is not one of another: the tables' cursor given to the agencies.
    const first = (await gql(TABLES, { id, s: 'AS_REPORTED', n: 1 })).consolidatedPages.tables;
    expect(await errorOf({ a: first.pageInfo.endCursor })).toMatch(/Con trỏ phân trang/);
    // Nor one of the other structure.
    const agencyCursor = first.edges[0].node.agencies.pageInfo.endCursor;
    const other = await server.gql<Json>(TABLES, { id, s: 'CURRENT', a: agencyCursor }, admin);
    expect(other.errors?.[0]?.message).toMatch(/Con trỏ phân trang/);
  });
});
