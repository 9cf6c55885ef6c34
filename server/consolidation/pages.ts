// The consolidated report in pieces, for consolidations too large to build as one answer (3,321
// communes × 40 rows is ~47 MB): each table's totals and roll-ups, computed in SQL over every
// sent report (never over a page), then the agencies of a table page by page in the order of the
// org tree, each with its cells for every row — read only for the page's agencies and merged by
// the same mergeTable as the whole consolidation. Outline answers likewise, per section. Cursors
// are keysets on the structure's order (StructureView.orderKey), so a page never reads the ones
// before it.
import { createHash } from 'node:crypto';
import type { Context } from '../graphql/context.ts';
import { badInput } from '../graphql/errors.ts';
import type { ConsolidatedRow, OrgCells, OrgRef } from '../../shared/reporting/consolidated.ts';
import type { SheetCell, SheetColumn, SheetRow } from '../../shared/reporting/sheet.ts';
import { SENT_STATUSES_SQL } from '../../shared/reporting/status.ts';
import type { ShapeSection, ShapeTable } from '../sheets/template-shape.ts';
import {
  aggregateSummary,
  NUMBER_SQL,
  rollsUp,
  SUMMARIES_SQL,
  SUMMARY_SQL,
  type ValueSummary,
} from './aggregate.ts';
import {
  cellsOfReports,
  loadConsolidationFrame,
  valuesByTable,
  type ConsolidationFrame,
  type SentCell,
} from './consolidate.ts';
import { asReported, mergeTable, type Placed, type StructureView } from './merge.ts';
import { todaysView, type Structure } from './structure.ts';
import { loadTodaysStructure } from './todays-structure.ts';

/** Agencies per page: at 40 rows × 5 columns a page of the maximum stays well under 4 MB. */
export const AGENCIES_PER_PAGE = { default: 200, max: 400 } as const;
/** Tables per page: a table's totals and roll-ups (by district) are a few hundred kB at most. */
export const TABLES_PER_PAGE = { default: 1, max: 5 } as const;
/** Answers per page of an outline section: long texts, so fewer. */
export const ANSWERS_PER_PAGE = { default: 200, max: 400 } as const;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Which part of an ordered list a page is: forward only, `first` bounded, `after` a keyset. */
export interface PageWindow {
  size: number;
  /** The order key of the last item of the previous page (null: from the start). */
  afterKey: string | null;
}

/** A cursor names the list it belongs to, so one from another table or structure is refused. */
const encodeCursor = (list: string, key: string) =>
  Buffer.from(JSON.stringify([list, key])).toString('base64url');

export function pageWindow(
  args: PageArgs,
  list: string,
  limits: { default: number; max: number },
): PageWindow {
  if (args.last != null || args.before != null) {
    throw badInput('Bản tổng hợp chỉ phân trang tiến: dùng first và after (endCursor).');
  }
  const size = args.first ?? limits.default;
  if (!Number.isInteger(size) || size < 1 || size > limits.max) {
    throw badInput(`Số mục mỗi trang (first) phải từ 1 đến ${limits.max}; đã gửi ${size}.`);
  }
  if (args.after == null) return { size, afterKey: null };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    decoded[0] !== list ||
    typeof decoded[1] !== 'string'
  ) {
    throw badInput(
      'Con trỏ phân trang (after) không hợp lệ cho danh sách này; hãy dùng endCursor do máy chủ trả về cho đúng bảng và cách xếp.',
    );
  }
  return { size, afterKey: decoded[1] };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** The window of a list already in order (`keys` ascending). */
function slice<T>(
  items: T[],
  keyOf: (item: T) => string,
  window: PageWindow,
  list: string,
): { items: T[]; page: Omit<Page<unknown>, 'edges'>; cursorOf: (item: T) => string } {
  let start = 0;
  if (window.afterKey !== null) {
    // First item after the key (binary search: the list is sorted by key).
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyOf(items[mid]!) <= window.afterKey) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const chosen = items.slice(start, start + window.size);
  const cursorOf = (item: T) => encodeCursor(list, keyOf(item));
  return {
    items: chosen,
    cursorOf,
    page: {
      pageInfo: {
        hasNextPage: start + window.size < items.length,
        hasPreviousPage: start > 0,
        startCursor: chosen.length ? cursorOf(chosen[0]!) : null,
        endCursor: chosen.length ? cursorOf(chosen[chosen.length - 1]!) : null,
      },
    },
  };
}

function page<T, N>(items: T[], keyOf: (item: T) => string, window: PageWindow, list: string) {
  const s = slice(items, keyOf, window, list);
  return {
    items: s.items,
    finish: (nodes: N[]): Page<N> => ({
      edges: nodes.map((node, i) => ({ cursor: s.cursorOf(s.items[i]!), node })),
      pageInfo: s.page.pageInfo,
    }),
  };
}

/** One request's consolidation as pages are cut from it, in one structure. */
export interface PagedConsolidation {
  frame: ConsolidationFrame;
  structure: Structure;
  view: StructureView;
  /** Agencies whose sent report counts, in the structure's order. */
  sent: OrgRef[];
  /** The sent report of each of those agencies (org id → submission id). */
  reportOf: Map<string, string>;
}

export interface TablePiece {
  paged: PagedConsolidation;
  table: ShapeTable;
  columns: SheetColumn[];
}

export interface SectionPiece {
  paged: PagedConsolidation;
  section: ShapeSection;
}

/** A row's totals and roll-ups over every sent report, and how many agencies reported it. */
export type ConsolidatedRowTotals = Omit<ConsolidatedRow, 'byOrg'> & { reporting: number };

/** One agency of a table: its cells for every row it reported, and the rows it added. */
export interface ConsolidatedAgency extends Placed {
  org: OrgRef;
  rows: { rowKey: string; cells: SheetCell[] }[];
  /** Rows the agency added (Phụ lục 02), as the whole consolidation lists them: heading first. */
  addedRows: ConsolidatedRow[];
}

const perOperation = new WeakMap<Context, Map<string, Promise<unknown>>>();

/** Once per operation per key, however many fields ask. */
function once<T>(ctx: Context, key: string, load: () => Promise<T>): Promise<T> {
  let cache = perOperation.get(ctx);
  if (!cache) perOperation.set(ctx, (cache = new Map()));
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) cache.set(key, (hit = load()));
  return hit;
}

const sentFilter = `s."status" IN ${SENT_STATUSES_SQL}`;

/** The cells of these agencies' sent reports in one table (only `rowKeys`' when given). */
function sentCellsOf(
  ctx: Context,
  paged: PagedConsolidation,
  orgIds: string[],
  tableKey: string,
  rowKeys?: string[],
): Promise<SentCell[]> {
  const orgOfReport = new Map<string, string>();
  for (const orgId of orgIds) {
    const report = paged.reportOf.get(orgId);
    if (report) orgOfReport.set(report, orgId);
  }
  return cellsOfReports(ctx.db.sql, orgOfReport, { key: tableKey, rowKeys });
}

/** The rows sent reports added to one table, in their order (only these agencies' when given). */
function addedRowsOf(
  ctx: Context,
  requestId: string,
  tableKey: string,
  orgIds?: string[],
): Promise<{ orgId: string; rowKey: string }[]> {
  return ctx.db.sql.query<{ orgId: string; rowKey: string }>(
    `SELECT s."orgId", r."rowKey"
     FROM "Submission" s JOIN "SubmissionRow" r ON r."submissionId" = s."id"
     WHERE s."requestId" = $1 AND ${sentFilter} AND r."tableKey" = $2${orgIds ? ' AND s."orgId" = ANY($3::text[])' : ''}
     ORDER BY r."sortOrder"`,
    [requestId, tableKey, ...(orgIds ? [orgIds] : [])],
  );
}

/**
 * What a request's reports are now: every save (the only writer of cell values, with its added
 * rows) bumps its submission's version in the same transaction, and every review or status move
 * does too, so an equal fingerprint means equal cells.
 */
function reportsFingerprint(ctx: Context, requestId: string): Promise<string> {
  return once(ctx, `fingerprint:${requestId}`, async () => {
    const [row] = await ctx.db.sql.query<{ fingerprint: string | null }>(
      `SELECT md5(string_agg(s."id" || ':' || s."version" || ':' || s."status" || ':' ||
                             s."updatedAt"::text, ',' ORDER BY s."id")) AS "fingerprint"
       FROM "Submission" s WHERE s."requestId" = $1`,
      [requestId],
    );
    return `${requestId}:${row?.fingerprint ?? ''}`;
  });
}

/** A short key for a read and its parameters (thousands of agency ids). */
const digest = (what: string, params: unknown[]) =>
  `${what}:${createHash('sha256').update(JSON.stringify(params)).digest('base64url')}`;

/** Process-wide answers of the heavy reads of a request (totals, who reported), by fingerprint. */
const acrossRequestsByDatabase = new WeakMap<Context['db'], Map<string, Promise<unknown>>>();
const ACROSS_REQUESTS_MAX = 64;

/**
 * A read over every sent report, kept for the next HTTP request while the reports stay as they
 * are (reportsFingerprint): a consolidator paging through 3,321 agencies would otherwise have the
 * 664,000 cells aggregated again for each page.
 */
async function whileUnchanged<T>(
  ctx: Context,
  requestId: string,
  what: string,
  load: () => Promise<T>,
): Promise<T> {
  const key = `${await reportsFingerprint(ctx, requestId)}\u0000${what}`;
  let acrossRequests = acrossRequestsByDatabase.get(ctx.db);
  if (!acrossRequests) acrossRequestsByDatabase.set(ctx.db, (acrossRequests = new Map()));
  let hit = acrossRequests.get(key) as Promise<T> | undefined;
  if (hit) {
    // Most recently used last, so the oldest goes first when the map is full.
    acrossRequests.delete(key);
    acrossRequests.set(key, hit);
    return hit;
  }
  hit = load();
  acrossRequests.set(key, hit);
  // A failed read is not kept.
  hit.catch(() => acrossRequests.delete(key));
  while (acrossRequests.size > ACROSS_REQUESTS_MAX) {
    acrossRequests.delete(acrossRequests.keys().next().value!);
  }
  return hit;
}

export function openPagedConsolidation(
  ctx: Context,
  requestId: string,
  structure: Structure,
  now: Date = new Date(),
): Promise<PagedConsolidation> {
  return once(ctx, `paged:${requestId}:${structure}`, async () => {
    const frame = await once(ctx, `frame:${requestId}`, () =>
      loadConsolidationFrame(ctx, requestId),
    );
    const [view, sentRows] = await Promise.all([
      structure === 'AS_REPORTED'
        ? asReported(frame.parents)
        : loadTodaysStructure(ctx.prisma, frame.recipientOrgs, frame.consolidator, now).then((s) =>
            todaysView(s, frame.recipientOrgs),
          ),
      ctx.db.sql.query<{ id: string; orgId: string }>(
        `SELECT s."id", s."orgId" FROM "Submission" s WHERE s."requestId" = $1 AND ${sentFilter}`,
        [requestId],
      ),
    ]);
    const reportOf = new Map(sentRows.map((r) => [r.orgId, r.id]));
    const sent = sentRows
      .map((r) => frame.orgsById.get(r.orgId))
      .filter((o): o is OrgRef => Boolean(o))
      .map((org) => ({ org, key: view.orderKey(org) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((o) => o.org);
    return { frame, structure, view, sent, reportOf };
  });
}

const listName = (paged: PagedConsolidation, what: string) =>
  `${paged.frame.request.id}:${paged.structure}:${what}`;

export function tablesPage(paged: PagedConsolidation, args: PageArgs): Page<TablePiece> {
  const tables = paged.frame.shape.tables.map((table, i) => ({
    table,
    // Template order; the index, zero-padded, sorts as it.
    key: String(i).padStart(6, '0'),
  }));
  const list = listName(paged, 'tables');
  const p = page<(typeof tables)[number], TablePiece>(
    tables,
    (t) => t.key,
    pageWindow(args, list, TABLES_PER_PAGE),
    list,
  );
  return p.finish(
    p.items.map(({ table }) => ({ paged, table, columns: paged.frame.columnsOf(table) })),
  );
}

const EMPTY: ValueSummary = { filled: 0, numbers: 0, sum: null, min: null, max: null };

/**
 * A table's shared rows with their totals and roll-ups over every sent report, aggregated in SQL:
 * cells are first summarised per group of agencies rolling into the same parents, then the groups
 * added up per parent (and all of them for the totals), then each column's rule applied.
 */
export function tableTotals(ctx: Context, piece: TablePiece): Promise<ConsolidatedRowTotals[]> {
  const { paged, table, columns } = piece;
  return once(ctx, `totals:${listName(paged, table.key)}`, async () => {
    const { view, sent } = paged;
    const rows = paged.frame.sharedRows(table);
    const editable = columns.filter((c) => !c.readOnly);
    const rolling = editable.filter((c) => rollsUp(c.aggregate));
    // Agencies rolling into the same parents form one group.
    const groupOf = new Map<string, number>();
    const placed: { orgIds: string[]; groups: number[] } = { orgIds: [], groups: [] };
    const ups: { groups: number[]; parents: number[] } = { groups: [], parents: [] };
    for (const org of sent) {
      const parents = view.parents.flatMap((p, i) => (view.rollsInto(org, p.org) ? [i] : []));
      const signature = parents.join(',');
      let g = groupOf.get(signature);
      if (g === undefined) {
        groupOf.set(signature, (g = groupOf.size));
        for (const parent of [-1, ...parents]) {
          ups.groups.push(g);
          ups.parents.push(parent);
        }
      }
      placed.orgIds.push(org.id);
      placed.groups.push(g);
    }
    const params = [
      paged.frame.request.id,
      placed.orgIds,
      placed.groups,
      ups.groups,
      ups.parents,
      table.key,
      rows.filter((r) => !r.isGroup).map((r) => r.key),
      editable.map((c) => c.key),
    ];
    const found = await whileUnchanged(ctx, paged.frame.request.id, digest('totals', params), () =>
      ctx.db.sql.query<ValueSummary & { parent: number; rowKey: string; columnKey: string | null }>(
        `WITH placed AS (SELECT * FROM unnest($2::text[], $3::int[]) AS p("orgId", g)),
       ups AS (SELECT * FROM unnest($4::int[], $5::int[]) AS u(g, parent)),
       cells AS (
         SELECT p.g, s."orgId", c."rowKey", c."columnKey", c."value",
                ${NUMBER_SQL('c."value"')} AS num
         FROM "Submission" s JOIN placed p ON p."orgId" = s."orgId"
         JOIN "CellValue" c ON c."submissionId" = s."id"
         WHERE s."requestId" = $1 AND ${sentFilter} AND c."tableKey" = $6
           AND c."rowKey" = ANY($7::text[]) AND c."columnKey" = ANY($8::text[])
       ),
       per_group AS (
         SELECT g, "rowKey", "columnKey", ${SUMMARY_SQL('"value"', 'num')}
         FROM cells GROUP BY g, "rowKey", "columnKey"
       )
       SELECT u.parent, pg."rowKey", pg."columnKey", ${SUMMARIES_SQL}
       FROM per_group pg JOIN ups u ON u.g = pg.g
       GROUP BY u.parent, pg."rowKey", pg."columnKey"
       UNION ALL
       SELECT -2, "rowKey", NULL, count(*)::int, 0, NULL, NULL, NULL
       FROM (SELECT DISTINCT "rowKey", "orgId" FROM cells) reported GROUP BY "rowKey"`,
        params,
      ),
    );
    const summaries = new Map<string, ValueSummary>();
    const reported = new Set<string>();
    const reporting = new Map<string, number>();
    for (const f of found) {
      if (f.parent === -2) {
        reporting.set(f.rowKey, f.filled);
        continue;
      }
      summaries.set(`${f.parent}\u0000${f.rowKey}\u0000${f.columnKey}`, f);
      reported.add(`${f.parent}\u0000${f.rowKey}`);
    }
    const ruled = (parent: number, rowKey: string, c: SheetColumn) =>
      aggregateSummary(
        c.aggregate,
        summaries.get(`${parent}\u0000${rowKey}\u0000${c.key}`) ?? EMPTY,
      );
    return rows.map((row) => {
      if (row.isGroup) {
        const { key, group, label, isGroup } = row;
        return { key, group, label, isGroup, totals: [], rollup: [], reporting: 0 };
      }
      const fixed = new Map(row.cells.map((c) => [c.columnKey, c.value]));
      const rollup: OrgCells[] = rolling.length
        ? view.parents.flatMap((p, i) =>
            reported.has(`${i}\u0000${row.key}`)
              ? [
                  {
                    org: p.org,
                    cells: rolling.map((c) => ({ columnKey: c.key, value: ruled(i, row.key, c) })),
                  },
                ]
              : [],
          )
        : [];
      return {
        key: row.key,
        group: row.group,
        label: row.label,
        isGroup: false,
        totals: columns.map((c) => ({
          columnKey: c.key,
          value: c.readOnly ? (fixed.get(c.key) ?? null) : ruled(-1, row.key, c),
        })),
        rollup,
        reporting: reporting.get(row.key) ?? 0,
      };
    });
  });
}

/** The agencies of a table in the structure's order: those that reported a row or added one. */
function tableAgencies(ctx: Context, piece: TablePiece): Promise<OrgRef[]> {
  const { paged, table, columns } = piece;
  return once(ctx, `agencies:${listName(paged, table.key)}`, async () => {
    const params = [
      paged.frame.request.id,
      table.key,
      paged.frame
        .sharedRows(table)
        .filter((r) => !r.isGroup)
        .map((r) => r.key),
      columns.filter((c) => !c.readOnly).map((c) => c.key),
    ];
    const found = await whileUnchanged(
      ctx,
      paged.frame.request.id,
      digest('agencies', params),
      () =>
        ctx.db.sql.query<{ orgId: string }>(
          `SELECT s."orgId" FROM "Submission" s
       WHERE s."requestId" = $1 AND ${sentFilter} AND (
         EXISTS (SELECT 1 FROM "CellValue" c WHERE c."submissionId" = s."id" AND c."tableKey" = $2
                   AND c."rowKey" = ANY($3::text[]) AND c."columnKey" = ANY($4::text[]))
         OR EXISTS (SELECT 1 FROM "SubmissionRow" r
                    WHERE r."submissionId" = s."id" AND r."tableKey" = $2))`,
          params,
        ),
    );
    const ids = new Set(found.map((f) => f.orgId));
    return paged.sent.filter((o) => ids.has(o.id));
  });
}

export async function agenciesPage(
  ctx: Context,
  piece: TablePiece,
  args: PageArgs,
): Promise<Page<ConsolidatedAgency>> {
  const { paged, table, columns } = piece;
  const { view, frame } = paged;
  const list = listName(paged, `table:${table.key}`);
  const window = pageWindow(args, list, AGENCIES_PER_PAGE);
  const p = page<OrgRef, ConsolidatedAgency>(
    await tableAgencies(ctx, piece),
    (o) => view.orderKey(o),
    window,
    list,
  );
  const ids = p.items.map((o) => o.id);
  if (!ids.length) return p.finish([]);
  const [cells, openRows] = await Promise.all([
    sentCellsOf(ctx, paged, ids, table.key),
    addedRowsOf(ctx, frame.request.id, table.key, ids),
  ]);
  const shared = frame.sharedRows(table);
  // The page's agencies merged exactly as the whole consolidation merges them; its totals (over
  // the page) are not used, nor roll-ups (no parents).
  const merged = mergeTable(
    {
      key: table.key,
      title: table.title,
      description: table.description,
      columns,
      rows: shared,
      openRows: openRows.map((r) => ({ org: frame.orgsById.get(r.orgId)!, rowKey: r.rowKey })),
    },
    valuesByTable(cells).get(table.key) ?? new Map(),
    frame.orgsById,
    { ...view, parents: [] },
  );
  const nodes = new Map<string, ConsolidatedAgency>(
    p.items.map((org) => [
      org.id,
      { org, ...view.place(org), rows: [], addedRows: [] } satisfies ConsolidatedAgency,
    ]),
  );
  for (const row of merged.rows.slice(0, shared.length)) {
    for (const o of row.byOrg) {
      nodes.get(o.org.id)!.rows.push({ rowKey: row.key, cells: o.cells });
    }
  }
  // Added rows follow, each agency's under its heading (key "org:<code>").
  const byCode = new Map(p.items.map((o) => [o.code, o.id]));
  let current: ConsolidatedAgency | undefined;
  for (const row of merged.rows.slice(shared.length)) {
    if (row.isGroup && row.key.startsWith('org:'))
      current = nodes.get(byCode.get(row.key.slice(4))!);
    current?.addedRows.push(row);
  }
  return p.finish(p.items.map((o) => nodes.get(o.id)!));
}

export function outlineSections(paged: PagedConsolidation): SectionPiece[] {
  return paged.frame.shape.sections
    .filter((s) => s.answerable)
    .map((section) => ({ paged, section }));
}

export async function answersPage(
  ctx: Context,
  piece: SectionPiece,
  args: PageArgs,
): Promise<Page<{ org: OrgRef; text: string } & Placed>> {
  const { paged, section } = piece;
  const { view, frame } = paged;
  const list = listName(paged, `section:${section.key}`);
  const window = pageWindow(args, list, ANSWERS_PER_PAGE);
  const answering = await once(ctx, `answers:${list}`, async () => {
    const found = await ctx.db.sql.query<{ orgId: string }>(
      `SELECT s."orgId" FROM "Submission" s JOIN "OutlineAnswer" a ON a."submissionId" = s."id"
       WHERE s."requestId" = $1 AND ${sentFilter} AND a."sectionKey" = $2
         AND a."text" IS NOT NULL AND a."text" <> ''`,
      [frame.request.id, section.key],
    );
    const ids = new Set(found.map((f) => f.orgId));
    return paged.sent.filter((o) => ids.has(o.id));
  });
  const p = page<OrgRef, { org: OrgRef; text: string } & Placed>(
    answering,
    (o) => view.orderKey(o),
    window,
    list,
  );
  if (!p.items.length) return p.finish([]);
  const texts = await ctx.db.sql.query<{ orgId: string; text: string }>(
    `SELECT s."orgId", a."text" FROM "Submission" s
     JOIN "OutlineAnswer" a ON a."submissionId" = s."id"
     WHERE s."requestId" = $1 AND ${sentFilter} AND a."sectionKey" = $2
       AND s."orgId" = ANY($3::text[])`,
    [frame.request.id, section.key, p.items.map((o) => o.id)],
  );
  const textOf = new Map(texts.map((t) => [t.orgId, t.text]));
  return p.finish(p.items.map((org) => ({ org, text: textOf.get(org.id)!, ...view.place(org) })));
}

/** Every page of a list, one after the other (the .xlsx reads a section's answers so). */
async function* everyPage<T>(
  pageAfter: (after: string | null) => Promise<Page<T>>,
): AsyncIterable<T[]> {
  for (let after: string | null = null; ;) {
    const p: Page<T> = await pageAfter(after);
    yield p.edges.map((e) => e.node);
    if (!p.pageInfo.hasNextPage) return;
    after = p.pageInfo.endCursor;
  }
}

/**
 * Cells read at a time when a table goes out row by row (the .xlsx): as many of its rows as make
 * about this many cells over every sent report, at least one row. 3,321 communes × 5 columns is
 * one row of 16,605 cells, a few MB while it is written out.
 */
export const SHEET_ORDER_CELLS = 20_000;

/**
 * Some shared rows of a table with every agency that reported them, as mergeTable lists them:
 * each agency with a value in the row, in the structure's order (paged.sent's), with its editable
 * columns' values (placed, in today's structure); totals and roll-ups are tableTotals'. A row of
 * more cells than a chunk is read a slice of agencies at a time. Its own function so that nothing
 * read (the cells as they come from the database) outlives the rows it gives.
 */
async function sharedRowsOfEveryAgency(
  ctx: Context,
  piece: TablePiece,
  rows: SheetRow[],
  totals: Map<string, ConsolidatedRowTotals>,
  chunkCells: number,
): Promise<ConsolidatedRow[]> {
  const { paged, table, columns } = piece;
  const editable = columns.filter((c) => !c.readOnly);
  const position = new Map(editable.map((c, i) => [c.key, i]));
  const keys = rows.filter((r) => !r.isGroup).map((r) => r.key);
  // Row key → agency → its values in the order of the editable columns.
  const values = new Map<string, Map<string, (string | null)[]>>(keys.map((k) => [k, new Map()]));
  const { sent } = paged;
  const agenciesAtOnce = Math.floor(chunkCells / Math.max(1, keys.length * editable.length)) || 1;
  for (let a = 0; keys.length && editable.length && a < sent.length; a += agenciesAtOnce) {
    // By the slice's reports (see cellsOfReports in consolidate.ts): by the rows' index instead, the 40 rows of every
    // request's reports were a scan of all of CellValue at 100 agencies (353 ms against 7).
    const orgOf = new Map(
      sent.slice(a, a + agenciesAtOnce).map((o) => [paged.reportOf.get(o.id)!, o.id]),
    );
    const cells = await ctx.db.sql.query<{
      submissionId: string;
      rowKey: string;
      columnKey: string;
      value: string;
    }>(
      `SELECT c."submissionId", c."rowKey", c."columnKey", c."value"
       FROM "CellValue" c
       WHERE c."submissionId" = ANY($1::text[]) AND c."tableKey" = $2
         AND c."rowKey" = ANY($3::text[]) AND c."columnKey" = ANY($4::text[])
         AND c."value" IS NOT NULL`,
      [[...orgOf.keys()], table.key, keys, [...position.keys()]],
    );
    for (const c of cells) {
      const byAgency = values.get(c.rowKey)!;
      const orgId = orgOf.get(c.submissionId)!;
      let own = byAgency.get(orgId);
      if (!own) byAgency.set(orgId, (own = editable.map(() => null)));
      own[position.get(c.columnKey)!] = c.value;
    }
  }
  const placed = paged.structure !== 'AS_REPORTED';
  return rows.map((row) => {
    const { key, group, label, isGroup } = row;
    if (isGroup) return { key, group, label, isGroup, totals: [], byOrg: [], rollup: [] };
    const { totals: sums, rollup } = totals.get(key)!;
    const byAgency = values.get(key)!;
    const byOrg = sent.flatMap((org) => {
      const own = byAgency.get(org.id);
      if (!own) return [];
      const cells = editable.map((c, j) => ({ columnKey: c.key, value: own[j] ?? null }));
      return [placed ? { org, cells, ...paged.view.place(org) } : { org, cells }];
    });
    return { key, group, label, isGroup, totals: sums, byOrg, rollup };
  });
}

/**
 * A table's rows in the order a sheet lists them, a few at a time: each shared row with its
 * totals and roll-ups over every sent report and every agency that reported it, then the rows
 * agencies added under a heading per agency — what `consolidated` gives, row for row. Pages go
 * agency by agency and a sheet row by row, so this reads about `chunkCells` cells at a time
 * across the agencies instead (rows, or a row's agencies slice by slice), never a whole table.
 */
export async function* tableRowsInSheetOrder(
  ctx: Context,
  piece: TablePiece,
  chunkCells: number = SHEET_ORDER_CELLS,
): AsyncIterable<ConsolidatedRow[]> {
  const { paged, table, columns } = piece;
  const { view, frame } = paged;
  const totals = new Map((await tableTotals(ctx, piece)).map((t) => [t.key, t]));
  const shared = frame.sharedRows(table);
  const perRow = Math.max(1, paged.sent.length * columns.filter((c) => !c.readOnly).length);
  const rowsAtOnce = Math.floor(chunkCells / perRow) || 1;
  for (let i = 0; i < shared.length; i += rowsAtOnce) {
    const rows = shared.slice(i, i + rowsAtOnce);
    yield await sharedRowsOfEveryAgency(ctx, piece, rows, totals, chunkCells);
  }
  // The rows agencies added (few), merged as agenciesPage merges them, a page of agencies at a
  // time in the structure's order.
  const open = await addedRowsOf(ctx, frame.request.id, table.key);
  const openOf = new Map<string, string[]>();
  for (const o of open) {
    if (!frame.orgsById.has(o.orgId)) continue;
    const list = openOf.get(o.orgId) ?? [];
    list.push(o.rowKey);
    openOf.set(o.orgId, list);
  }
  const adding = paged.sent.filter((o) => openOf.has(o.id));
  const facts = { key: table.key, title: table.title, description: table.description, columns };
  for (let i = 0; i < adding.length; i += AGENCIES_PER_PAGE.max) {
    const orgs = adding.slice(i, i + AGENCIES_PER_PAGE.max);
    const cells = await sentCellsOf(
      ctx,
      paged,
      orgs.map((o) => o.id),
      table.key,
      [...new Set(orgs.flatMap((o) => openOf.get(o.id)!))],
    );
    const merged = mergeTable(
      {
        ...facts,
        rows: [],
        openRows: orgs.flatMap((org) => openOf.get(org.id)!.map((rowKey) => ({ org, rowKey }))),
      },
      valuesByTable(cells).get(table.key) ?? new Map(),
      frame.orgsById,
      // Alone: an added row is one agency's, with no roll-up.
      { ...view, parents: [] },
    );
    yield merged.rows;
  }
}

/** A section's answers, page after page. */
export const everyAnswer = (ctx: Context, piece: SectionPiece) =>
  everyPage((after) => answersPage(ctx, piece, { first: ANSWERS_PER_PAGE.max, after }));

/** Every table of the template, without their rows or agencies (read when asked). */
export const everyTable = (paged: PagedConsolidation): TablePiece[] =>
  paged.frame.shape.tables.map((table) => ({
    paged,
    table,
    columns: paged.frame.columnsOf(table),
  }));
