/// <reference types="office-js" />
// What the workbook remembers about the report in it (shared/reporting/workbook-record.ts): the
// record in the add-in's settings, saved with the file, so a workbook closed and reopened on
// another day or another computer still knows its request, agency, rows, base version, state and
// the saves waiting to be sent.
import {
  parseRecord,
  REPORT_SETTING_KEY,
  type QueuedSave,
  type ReportIdentity,
  type StoredReport,
} from '../../../shared/reporting/workbook-record.ts';

export type { QueuedSave, ReportIdentity, StoredReport };
export const SETTING_KEY = REPORT_SETTING_KEY;

/** The record, or null when the workbook holds no report. */
export async function loadStored(context: Excel.RequestContext): Promise<StoredReport | null> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTING_KEY);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject) return null;
  return parseRecord(setting.value);
}

export function saveStored(context: Excel.RequestContext, stored: StoredReport): void {
  context.workbook.settings.add(SETTING_KEY, JSON.stringify(stored));
}

/**
 * Finds the report's worksheets again when the workbook is opened: by the ID kept, else by the
 * name kept (an ID need not outlive the session, and a file the server wrote names its sheets),
 * and keeps what Excel says now. Two syncs; the record is written only when something moved.
 */
export async function adoptWorksheets(context: Excel.RequestContext): Promise<StoredReport | null> {
  const stored = await loadStored(context);
  if (!stored) return null;
  const places = [
    { id: stored.outlineSheetId, name: stored.outlineSheetName ?? null },
    ...stored.tables.map((t) => ({ id: t.sheetId, name: t.sheetName ?? null })),
  ];
  const found = places.map(({ id, name }) => {
    const sheets = context.workbook.worksheets;
    const byId = id ? sheets.getItemOrNullObject(id) : null;
    const byName = name ? sheets.getItemOrNullObject(name) : null;
    byId?.load('id,name');
    byName?.load('id,name');
    return { byId, byName };
  });
  await context.sync();
  const now = found.map(({ byId, byName }) => {
    const ws = byId && !byId.isNullObject ? byId : byName && !byName.isNullObject ? byName : null;
    return ws ? { id: ws.id, name: ws.name } : null;
  });
  const [outline, ...tables] = now;
  const adopted: StoredReport = {
    ...stored,
    outlineSheetId: outline?.id ?? stored.outlineSheetId,
    outlineSheetName: outline?.name ?? stored.outlineSheetName ?? null,
    tables: stored.tables.map((t, i) => ({
      ...t,
      sheetId: tables[i]?.id ?? t.sheetId,
      sheetName: tables[i]?.name ?? t.sheetName,
    })),
  };
  if (JSON.stringify(adopted) !== JSON.stringify(stored)) {
    saveStored(context, adopted);
    await context.sync();
  }
  return adopted;
}
