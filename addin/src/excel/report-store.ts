/// <reference types="office-js" />
// What the workbook remembers about the report in it, in the workbook's settings (saved with the
// file, so a workbook closed and reopened on another day still knows its request, agency, rows
// and base version), and the save sent but not yet answered.

export interface ReportIdentity {
  requestId: string;
  requestTitle: string;
  orgId: string;
  orgName: string;
  templateCode: string;
  templateVersion: number;
  /** The submission version the values were pulled or last saved at: the base of the next save. */
  baseVersion: number;
}

/**
 * A save sent to the server whose answer has not come back. It is sent again, with the same
 * idempotency key and the same content, before anything else: the server answers the first
 * result if it had committed, or applies it now, never twice. Its content sits in custom XML
 * parts (settings are small), which travel with the file.
 */
export interface PendingSave {
  key: string;
  baseVersion: number;
  submit: boolean;
  /** IDs of the custom XML parts holding the SaveInput's JSON, in order. */
  parts: string[];
}

export interface StoredReport extends ReportIdentity {
  /** Worksheets by ID: a person may rename them. */
  outlineSheetId: string | null;
  tables: { key: string; sheetId: string; columns: string[]; rows: number }[];
  /** Cells marked with a problem, with the fill to give back once it is fixed. */
  marked: { sheetId: string; address: string; fill: string | null }[];
  pendingSave: PendingSave | null;
}

export const SETTING_KEY = 'tonghop.report';

/**
 * The record, or null. Workbooks pulled by the add-in's first version named sheets instead of
 * IDs (`outlineSheet`, `tables[].sheet`); Excel finds a worksheet by either.
 */
export async function loadStored(context: Excel.RequestContext): Promise<StoredReport | null> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTING_KEY);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject) return null;
  try {
    type Legacy = Partial<Omit<StoredReport, 'tables' | 'marked'>> & {
      outlineSheet?: string | null;
      tables: { key: string; columns: string[]; sheet?: string; sheetId?: string; rows?: number }[];
      marked?: { sheet?: string; sheetId?: string; address: string; fill?: string | null }[];
    };
    const raw = JSON.parse(String(setting.value)) as Legacy & ReportIdentity;
    return {
      ...raw,
      outlineSheetId: raw.outlineSheetId ?? raw.outlineSheet ?? null,
      tables: raw.tables.map((t) => ({
        key: t.key,
        columns: t.columns,
        sheetId: t.sheetId ?? t.sheet ?? '',
        rows: t.rows ?? 0,
      })),
      marked: (raw.marked ?? []).map((m) => ({
        address: m.address,
        sheetId: m.sheetId ?? m.sheet ?? '',
        fill: m.fill ?? null,
      })),
      pendingSave: raw.pendingSave ?? null,
    };
  } catch {
    return null;
  }
}

export function saveStored(context: Excel.RequestContext, stored: StoredReport): void {
  context.workbook.settings.add(SETTING_KEY, JSON.stringify(stored));
}
