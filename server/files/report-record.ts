// What a downloaded report sheet carries so that the add-in recognises it like a workbook it
// pulled itself (shared/reporting/workbook-record.ts): the record in the add-in's settings and
// the server's sheet, as the add-in's ReportSheet query returns it, in custom XML parts.
import { SPARE_OPEN_ROWS } from '../../shared/reporting/spreadsheet.ts';
import {
  jsonParts,
  REPORT_SETTING_KEY,
  type SheetSnapshot,
  type StoredReport,
} from '../../shared/reporting/workbook-record.ts';
import type { OpenedSheet } from '../sheets/sheet.ts';
import { addAddinParts, newPartId } from './addin-parts.ts';

/**
 * The sheet exactly as the add-in's ReportSheet query (addin/src/taskpane/operations.ts) answers
 * it, field by field: the same source rows as the GraphQL resolvers, nothing the query does not
 * ask for.
 */
export function sheetSnapshot(opened: OpenedSheet): SheetSnapshot {
  const { request, org, template, submission, sheet } = opened;
  return {
    request: {
      id: request.row.id,
      title: request.row.title,
      deadline: request.row.deadline.toISOString(),
    },
    org: { id: org.id, name: org.name },
    template: {
      id: template.row.id,
      code: template.row.code,
      name: template.row.name,
      version: template.row.version,
    },
    outline: sheet.outline.map((s) => ({
      key: s.key,
      number: s.number,
      heading: s.heading,
      guidance: s.guidance,
      answer: s.answer,
      depth: s.depth,
      answerable: s.answerable,
      required: s.required,
    })),
    tables: sheet.tables.map((t) => ({
      key: t.key,
      title: t.title,
      description: t.description,
      allowOpenRows: t.allowOpenRows,
      columns: t.columns.map((c) => ({
        key: c.key,
        label: c.label,
        type: c.type,
        required: c.required,
        readOnly: c.readOnly,
        carryForward: c.carryForward ?? false,
        changeFactor: c.changeFactor ?? null,
        aggregate: c.aggregate,
        options: c.options.map((o) => ({ key: o.key, label: o.label })),
      })),
      rows: t.rows.map((r) => ({
        key: r.key,
        group: r.group,
        label: r.label,
        readOnly: r.readOnly,
        isGroup: r.isGroup,
        open: r.open,
        carryForward: r.carryForward ?? false,
        cells: r.cells.map((c) => ({ columnKey: c.columnKey, value: c.value })),
      })),
    })),
    submission: submission && {
      id: submission.id,
      status: submission.status,
      version: submission.version,
      returnReason: submission.returnReason,
    },
  };
}

/** Where the file put the outline and each table (worksheet names, column keys in order). */
export interface SheetLayout {
  outlineSheet: string | null;
  tables: { key: string; sheet: string; columns: string[] }[];
}

/**
 * The record the add-in's pullReport would keep for this sheet (report-sync.ts identityOf,
 * report-workbook.ts pullReport), with the file's worksheet names where the add-in keeps IDs:
 * Excel's getItem takes "the name or ID of the worksheet", and worksheet IDs are Excel's to give.
 */
export function reportRecord(
  snapshot: SheetSnapshot,
  layout: SheetLayout,
  sheetParts: string[],
): StoredReport {
  return {
    requestId: snapshot.request.id,
    requestTitle: snapshot.request.title,
    orgId: snapshot.org.id,
    orgName: snapshot.org.name,
    templateCode: snapshot.template.code,
    templateVersion: snapshot.template.version,
    baseVersion: snapshot.submission?.version ?? 0,
    outlineSheetId: layout.outlineSheet,
    outlineSheetName: layout.outlineSheet,
    tables: layout.tables.map((t) => {
      const table = snapshot.tables.find((x) => x.key === t.key);
      // As pullReport counts them: the rows and the spare rows of an open table, at least one.
      const spare = table?.allowOpenRows ? SPARE_OPEN_ROWS : 0;
      return {
        key: t.key,
        sheetId: t.sheet,
        sheetName: t.sheet,
        columns: t.columns,
        rows: Math.max((table?.rows.length ?? 0) + spare, 1),
      };
    }),
    marked: [],
    status: snapshot.submission?.status ?? null,
    sheetParts,
    queue: [],
  };
}

/** The .xlsx with the add-in's web extension, the record and the snapshot's parts. */
export async function withReportRecord(
  xlsx: Buffer,
  options: { addinId: string; snapshot: SheetSnapshot; layout: SheetLayout },
): Promise<Buffer> {
  const customXmlParts = jsonParts('sheet', options.snapshot).map((xml) => ({
    id: newPartId(),
    xml,
  }));
  const record = reportRecord(
    options.snapshot,
    options.layout,
    customXmlParts.map((p) => p.id),
  );
  // The setting's value is the record's JSON text, as the add-in's saveStored writes it.
  return addAddinParts(xlsx, {
    addinId: options.addinId,
    settings: { [REPORT_SETTING_KEY]: JSON.stringify(record) },
    customXmlParts,
  });
}
