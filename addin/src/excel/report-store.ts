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
