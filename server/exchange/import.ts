// Data typed elsewhere comes in as DHIS2 dataValueSets JSON, through the mapping table and then
// through saveReport itself: the same rights, checks, versions, idempotency and audit as a save
// from Excel, all or nothing. The answer adds DHIS2's import count (imported, updated, deleted,
// ignored = unchanged), so a system that speaks DHIS2 reads what happened.
import type { SaveTableInput } from '../../shared/reporting/sheet.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, notFound, unauthenticated } from '../graphql/errors.ts';
import { openSheet } from '../sheets/sheet.ts';
import { saveReport, type SaveResult } from '../submissions/save.ts';
import { fromDataValueSet, ValueSetError } from './data-value-set.ts';
import { storedPeriod } from '../requests/stored-period.ts';
import { loadCodeBook } from './schemes.ts';

export interface ImportInput {
  schemeCode: string;
  /** The dataValueSets JSON, as text. */
  payload: string;
  /** The request it is for; unset: the one request of the data set's template and period. */
  requestId?: string | null;
  baseVersion: number;
  idempotencyKey: string;
  submit?: boolean | null;
}

export interface ImportCount {
  imported: number;
  updated: number;
  deleted: number;
  ignored: number;
}

export interface ImportResult extends SaveResult {
  importCount: ImportCount;
}

/** A payload larger than this is not one report (the sheet's own save limit is far below). */
export const MAX_PAYLOAD_CHARS = 2_000_000;

export async function importDataValueSet(ctx: Context, input: ImportInput): Promise<ImportResult> {
  if (!ctx.viewer) throw unauthenticated();
  if (input.payload.length > MAX_PAYLOAD_CHARS) {
    throw badInput(
      `Dữ liệu nhập quá lớn (tối đa ${MAX_PAYLOAD_CHARS.toLocaleString('vi-VN')} ký tự).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(input.payload);
  } catch {
    throw badInput('Dữ liệu nhập không phải JSON hợp lệ.');
  }
  const { book } = await loadCodeBook(ctx.prisma, input.schemeCode);
  let read;
  try {
    read = fromDataValueSet(json, book);
  } catch (error) {
    if (error instanceof ValueSetError) {
      throw badInput(`Không nhập được: ${error.message}`, { problems: error.problems });
    }
    throw error;
  }
  const org = await ctx.prisma.org.findUnique({ where: { code: read.orgCode } });
  if (!org) throw notFound(`đơn vị mã ${read.orgCode}`);
  const requests = await ctx.prisma.reportRequest.findMany({
    where: {
      ...(input.requestId ? { id: input.requestId } : {}),
      template: { code: read.templateCode },
      recipients: { some: { orgId: org.id } },
    },
    select: { id: true, period: true },
  });
  const matching = requests.filter((r) => {
    const p = storedPeriod(r.period);
    return (
      p.kind === read.period.kind && p.start === read.period.start && p.end === read.period.end
    );
  });
  if (matching.length !== 1) {
    throw badInput(
      matching.length
        ? `Có ${matching.length} yêu cầu báo cáo mẫu ${read.templateCode} kỳ ${read.period.label} gửi ${org.name}; chọn một (requestId).`
        : `Không có yêu cầu báo cáo mẫu ${read.templateCode} kỳ ${read.period.label} gửi ${org.name}.`,
    );
  }
  const requestId = matching[0]!.id;
  // What the sheet holds now, to count what the import changes (DHIS2's import count).
  const before = await openSheet(ctx, requestId, org.id);
  const current = new Map<string, string | null>();
  for (const t of before.sheet.tables) {
    for (const r of t.rows)
      for (const c of r.cells) current.set(`${t.key}/${r.key}/${c.columnKey}`, c.value);
  }
  const count: ImportCount = { imported: 0, updated: 0, deleted: 0, ignored: 0 };
  const tables = new Map<string, Map<string, SaveTableInput['rows'][number]>>();
  for (const cell of read.cells) {
    // DHIS2 counts data values; a comment is part of its value.
    if (!cell.note) {
      const was = current.get(`${cell.tableKey}/${cell.rowKey}/${cell.columnKey}`) ?? null;
      if (cell.value === was) count.ignored++;
      else if (cell.value === null) count.deleted++;
      else if (was === null) count.imported++;
      else count.updated++;
    }
    let rows = tables.get(cell.tableKey);
    if (!rows) tables.set(cell.tableKey, (rows = new Map()));
    let row = rows.get(cell.rowKey);
    if (!row) rows.set(cell.rowKey, (row = { key: cell.rowKey, cells: [] }));
    row.cells.push({ columnKey: cell.columnKey, value: cell.value });
  }
  const result = await saveReport(ctx, {
    requestId,
    orgId: org.id,
    baseVersion: input.baseVersion,
    idempotencyKey: input.idempotencyKey,
    submit: input.submit ?? null,
    tables: [...tables].map(([key, rows]) => ({ key, rows: [...rows.values()] })),
  });
  // Refused by the sheet's checks: nothing changed, as DHIS2 counts a rejected import.
  const importCount = result.problems.length
    ? { imported: 0, updated: 0, deleted: 0, ignored: read.cells.filter((c) => !c.note).length }
    : count;
  return { ...result, importCount };
}
