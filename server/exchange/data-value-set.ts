// DHIS2's dataValueSets JSON (docs.dhis2.org, Developer manual › Data entry › "Sending data
// values": a data value set has dataSet, completeDate, period, orgUnit and dataValues, each value
// dataElement, categoryOptionCombo, period, orgUnit, value and optionally comment), written from
// a report's values through the Sở's mapping table (code-book.ts), and read back the same way.
// Codes are the receiver's codes (idScheme=CODE on the DHIS2 side).
import type { Period } from '../../shared/reporting/period.ts';
import { type CellAddress, type CodeBook } from './code-book.ts';
import { dhis2Period, periodOfDhis2 } from './periods.ts';

export interface DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  value: string;
  comment?: string;
}

export interface DataValueSet {
  /** Our identifiers are the receiver's codes, not DHIS2 UIDs (DHIS2 reads this option). */
  idScheme?: 'CODE';
  dataSet: string;
  completeDate?: string;
  period: string;
  orgUnit: string;
  dataValues: DataValue[];
}

/** One agency's values for one period of one template, as the exports read them. */
export interface ReportValues {
  templateCode: string;
  period: Period;
  /** The agency's code (Org.code). */
  orgCode: string;
  orgName: string;
  /** When it was sent (DHIS2's completeDate), or null for a consolidation not closed. */
  completedOn: string | null;
  cells: (CellAddress & { value: string; label: string })[];
}

/** What the mapping table lacks for an export; the message names each thing. */
export class UnmappedError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `Bảng mã chưa có mã cho: ${missing.slice(0, 10).join('; ')}` +
        (missing.length > 10 ? ` và ${missing.length - 10} mục khác` : '') +
        '. Bổ sung vào bảng mã rồi xuất lại.',
    );
  }
}

/**
 * The report as a data value set; every value, the agency and the template must be mapped.
 * `periodName` says the period as the format does (DHIS2's 2026Q1 by default; ADX's own).
 */
export function toDataValueSet(
  report: ReportValues,
  book: CodeBook,
  periodName: (p: Period) => string = dhis2Period,
): DataValueSet {
  const missing: string[] = [];
  const dataSet = book.dataSet(report.templateCode);
  if (!dataSet) missing.push(`mẫu ${report.templateCode} (data set)`);
  const orgUnit = book.orgUnit(report.orgCode);
  if (!orgUnit) missing.push(`đơn vị ${report.orgName} (${report.orgCode})`);
  const period = periodName(report.period);
  const dataValues: DataValue[] = [];
  const byCell = new Map<string, DataValue>();
  const notes: ReportValues['cells'] = [];
  for (const cell of report.cells) {
    // A note column the table declares travels as its value's comment, after the values.
    if (book.valueColumnOf(cell.templateCode, cell.tableKey, cell.columnKey)) {
      notes.push(cell);
      continue;
    }
    const code = book.element(cell);
    if (!code) {
      missing.push(`ô "${cell.label}" (${cell.tableKey}/${cell.rowKey}/${cell.columnKey})`);
      continue;
    }
    const value: DataValue = {
      dataElement: code.dataElement,
      period,
      orgUnit: orgUnit ?? '',
      ...(code.categoryOptionCombo ? { categoryOptionCombo: code.categoryOptionCombo } : {}),
      value: cell.value,
    };
    dataValues.push(value);
    byCell.set(`${cell.tableKey}/${cell.rowKey}/${cell.columnKey}`, value);
  }
  for (const note of notes) {
    const column = book.valueColumnOf(note.templateCode, note.tableKey, note.columnKey)!;
    const value = byCell.get(`${note.tableKey}/${note.rowKey}/${column}`);
    if (value) value.comment = note.value;
    else missing.push(`giá trị để kèm ghi chú "${note.label}" (${note.tableKey}/${note.rowKey})`);
  }
  if (missing.length) throw new UnmappedError(missing);
  return {
    idScheme: 'CODE',
    dataSet: dataSet!,
    ...(report.completedOn ? { completeDate: report.completedOn } : {}),
    period,
    orgUnit: orgUnit!,
    dataValues,
  };
}

/** A data value set read back into our terms: one agency, one period, one template. */
export interface ReadValueSet {
  templateCode: string;
  period: Period;
  orgCode: string;
  /** `note`: a value's comment, in the row's note column. */
  cells: (CellAddress & { value: string | null; note?: boolean })[];
}

/** Everything wrong with a payload, each in Vietnamese; nothing is imported when any is. */
export class ValueSetError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.slice(0, 10).join(' '));
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string field, or a number DHIS2 clients sometimes send for a value; else undefined. */
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/**
 * Reads a dataValueSets payload for one report. Values may carry their own period and org unit
 * (DHIS2's exports do) or take the set's; all must name the same ones, since a report is one
 * agency's one period. A value marked `deleted` (DHIS2's soft delete) clears the cell.
 */
export function fromDataValueSet(json: unknown, book: CodeBook): ReadValueSet {
  const problems: string[] = [];
  if (!isRecord(json) || !Array.isArray(json.dataValues)) {
    throw new ValueSetError(['Dữ liệu không phải một dataValueSet: cần đối tượng có dataValues.']);
  }
  const periods = new Set<string>();
  const orgUnits = new Set<string>();
  if (text(json.period)) periods.add(text(json.period)!);
  if (text(json.orgUnit)) orgUnits.add(text(json.orgUnit)!);
  const raw = json.dataValues as unknown[];
  for (const v of raw) {
    if (!isRecord(v)) continue;
    if (text(v.period)) periods.add(text(v.period)!);
    if (text(v.orgUnit)) orgUnits.add(text(v.orgUnit)!);
  }
  if (periods.size !== 1) {
    problems.push(
      periods.size
        ? `Một báo cáo chỉ có một kỳ; dữ liệu có ${periods.size} kỳ (${[...periods].join(', ')}).`
        : 'Thiếu kỳ báo cáo (period).',
    );
  }
  if (orgUnits.size !== 1) {
    problems.push(
      orgUnits.size
        ? `Một báo cáo chỉ của một đơn vị; dữ liệu có ${orgUnits.size} đơn vị (${[...orgUnits].join(', ')}).`
        : 'Thiếu đơn vị (orgUnit).',
    );
  }
  const periodId = [...periods][0];
  const period = periodId ? periodOfDhis2(periodId) : null;
  if (periodId && !period)
    problems.push(`Kỳ "${periodId}" không phải kỳ tháng, quý, 6 tháng hay năm của DHIS2.`);
  const orgUnit = [...orgUnits][0];
  const orgCode = orgUnit ? book.orgOf(orgUnit) : null;
  if (orgUnit && !orgCode) problems.push(`Đơn vị "${orgUnit}" chưa có trong bảng mã.`);

  let templateCode: string | null = null;
  const dataSet = text(json.dataSet);
  if (dataSet) {
    templateCode = book.templateOf(dataSet);
    if (!templateCode) problems.push(`Bộ dữ liệu (dataSet) "${dataSet}" chưa có trong bảng mã.`);
  }
  const cells: ReadValueSet['cells'] = [];
  const seen = new Set<string>();
  raw.forEach((v, i) => {
    const where = `Giá trị thứ ${i + 1}`;
    if (!isRecord(v)) return problems.push(`${where} không phải một đối tượng.`);
    const dataElement = text(v.dataElement);
    if (!dataElement) return problems.push(`${where} thiếu dataElement.`);
    const categoryOptionCombo = text(v.categoryOptionCombo) ?? '';
    const cell = book.cellOf({ dataElement, categoryOptionCombo });
    const named = categoryOptionCombo ? `${dataElement} / ${categoryOptionCombo}` : dataElement;
    if (!cell) return problems.push(`${where}: "${named}" chưa có trong bảng mã.`);
    if (templateCode && cell.templateCode !== templateCode) {
      return problems.push(
        `${where}: "${named}" thuộc mẫu ${cell.templateCode}, không phải ${templateCode}.`,
      );
    }
    templateCode ??= cell.templateCode;
    const id = `${cell.tableKey}/${cell.rowKey}/${cell.columnKey}`;
    if (seen.has(id)) return problems.push(`${where}: "${named}" có hai lần trong cùng báo cáo.`);
    seen.add(id);
    const deleted = v.deleted === true;
    const value = text(v.value);
    if (!deleted && value === undefined) return problems.push(`${where}: "${named}" thiếu value.`);
    cells.push({ ...cell, value: deleted ? null : value! });
    // A comment goes to the row's note column; one with nowhere to go is not dropped silently.
    const comment = typeof v.comment === 'string' && v.comment.trim() ? v.comment : null;
    const noteColumn = book.noteColumnOf(cell.templateCode, cell.tableKey, cell.columnKey);
    if (comment && !noteColumn) {
      return problems.push(
        `${where}: "${named}" có ghi chú (comment) nhưng bảng mã không có cột ghi chú cho nó.`,
      );
    }
    // Present (even null) sets the note; absent leaves it as it is.
    if (noteColumn && !deleted && 'comment' in v) {
      cells.push({ ...cell, columnKey: noteColumn, value: comment, note: true });
    }
  });
  if (!templateCode && !problems.length) problems.push('Không có giá trị nào để nhập.');
  if (problems.length) throw new ValueSetError(problems);
  return { templateCode: templateCode!, period: period!, orgCode: orgCode!, cells };
}
