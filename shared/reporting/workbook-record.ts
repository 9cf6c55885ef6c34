// What a report workbook carries about itself, written by the add-in (a pulled report) and by the
// server (a downloaded sheet that opens with the add-in): one small record in the add-in's
// settings, which travel with the file, and the large parts (the sheet as the server last gave
// it, each save waiting to be sent) in custom XML parts, since settings have a size limit. Never
// a token or a password: the file is mailed around and copied onto USB sticks.
import type { RecipientState } from './status.ts';
import type { Sheet } from './sheet.ts';
import type { WireSaveInput } from './save-delta.ts';

/** The add-in's setting holding the record (Office add-in settings are JSON, per add-in). */
export const REPORT_SETTING_KEY = 'tonghop.report';
/** Custom XML namespaces of the parts holding the sheet and the waiting saves. */
export const SHEET_NAMESPACE = 'urn:tong-hop:sheet';
export const QUEUED_SAVE_NAMESPACE = 'urn:tong-hop:pending-save';

export interface ReportIdentity {
  requestId: string;
  requestTitle: string;
  orgId: string;
  orgName: string;
  templateCode: string;
  templateVersion: number;
  /** The version the server last confirmed for this workbook: the base of the next save. */
  baseVersion: number;
}

/**
 * A save made in the workbook and not yet answered by the server: made offline, or sent and its
 * answer lost. Sent in order, each with its own idempotency key, so each applies once.
 */
export interface QueuedSave {
  key: string;
  /** The version it expects the server to be at: the one before it in the queue, plus one. */
  baseVersion: number;
  submit: boolean;
  /** When the person pressed the button (ISO), shown in the queue. */
  queuedAt: string;
  /** IDs of the custom XML parts holding the save's JSON, in order. */
  parts: string[];
}

/** The report's sheet as the server gave it at the base version: what offline checks read. */
export interface SheetSnapshot extends Sheet {
  request: { id: string; title: string; deadline: string };
  org: { id: string; name: string };
  template: { id: string; code: string; name: string; version: number };
  submission: {
    id: string;
    status: RecipientState;
    version: number;
    returnReason: string | null;
  } | null;
}

export interface StoredReport extends ReportIdentity {
  /**
   * Worksheets by ID, since a person may rename them. Excel finds a worksheet by name or ID, so
   * a file written by the server names them, and the add-in puts IDs in on first opening.
   */
  outlineSheetId: string | null;
  /**
   * The worksheets' names when last seen: Office.js gives no promise that an ID outlives the
   * session, so a workbook reopened where an ID no longer answers finds its sheets by name.
   */
  outlineSheetName?: string | null;
  tables: { key: string; sheetId: string; sheetName?: string; columns: string[]; rows: number }[];
  /** Cells marked with a problem, with the fill to give back once it is fixed. */
  marked: { sheetId: string; address: string; fill: string | null }[];
  /** The submission's state when the server last answered (null: never saved). */
  status: RecipientState | null;
  /** IDs of the custom XML parts holding the SheetSnapshot at baseVersion (empty: none kept). */
  sheetParts: string[];
  queue: QueuedSave[];
}

/**
 * The record from the setting's JSON, or null when it is not one. Workbooks of the add-in's
 * first versions named sheets (`outlineSheet`, `tables[].sheet`) and kept one `pendingSave`.
 */
export function parseRecord(json: unknown): StoredReport | null {
  type Legacy = Partial<Omit<StoredReport, 'tables' | 'marked'>> & {
    outlineSheet?: string | null;
    tables?: {
      key: string;
      columns: string[];
      sheet?: string;
      sheetId?: string;
      sheetName?: string;
      rows?: number;
    }[];
    marked?: { sheet?: string; sheetId?: string; address: string; fill?: string | null }[];
    pendingSave?: Omit<QueuedSave, 'queuedAt'> | null;
  };
  let raw: Legacy;
  try {
    raw = (typeof json === 'string' ? JSON.parse(json) : json) as Legacy;
  } catch {
    return null;
  }
  if (!raw || typeof raw.requestId !== 'string' || typeof raw.orgId !== 'string') return null;
  if (!Array.isArray(raw.tables)) return null;
  const legacyPending = raw.pendingSave ? [{ ...raw.pendingSave, queuedAt: '' }] : [];
  return {
    requestId: raw.requestId,
    requestTitle: raw.requestTitle ?? '',
    orgId: raw.orgId,
    orgName: raw.orgName ?? '',
    templateCode: raw.templateCode ?? '',
    templateVersion: raw.templateVersion ?? 0,
    baseVersion: raw.baseVersion ?? 0,
    outlineSheetId: raw.outlineSheetId ?? raw.outlineSheet ?? null,
    outlineSheetName: raw.outlineSheetName ?? raw.outlineSheet ?? null,
    tables: raw.tables.map((t) => ({
      key: t.key,
      columns: t.columns,
      sheetId: t.sheetId ?? t.sheet ?? '',
      sheetName: t.sheetName ?? t.sheet,
      rows: t.rows ?? 0,
    })),
    marked: (raw.marked ?? []).map((m) => ({
      address: m.address,
      sheetId: m.sheetId ?? m.sheet ?? '',
      fill: m.fill ?? null,
    })),
    status: raw.status ?? null,
    sheetParts: raw.sheetParts ?? [],
    queue: raw.queue ?? legacyPending,
  };
}

/** Characters of JSON per part: at most ~1.5 MB of UTF-8, far below Excel's 5 MB per request. */
export const PART_CHARACTERS = 500_000;

/** JSON safe inside CDATA: no "]]>", and no U+FFFE/U+FFFF, which XML does not allow. */
function cdata(json: string): string {
  const safe = json.replace(/[\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `<![CDATA[${safe.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** The JSON in pieces of at most `size` characters, never splitting a surrogate pair. */
function pieces(json: string, size: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < json.length;) {
    let end = Math.min(json.length, at + size);
    const code = json.charCodeAt(end - 1);
    if (end < json.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    out.push(json.slice(at, end));
    at = end;
  }
  return out.length ? out : [''];
}

/** The part documents holding `value` as JSON: `<element xmlns=namespace part="i">…`. */
export function jsonParts(
  element: 'sheet' | 'pendingSave',
  value: unknown,
  size = PART_CHARACTERS,
): string[] {
  const namespace = element === 'sheet' ? SHEET_NAMESPACE : QUEUED_SAVE_NAMESPACE;
  return pieces(JSON.stringify(value), size).map(
    (piece, i) => `<${element} xmlns="${namespace}" part="${i}">${cdata(piece)}</${element}>`,
  );
}

/** The value back from its part documents, in order; null when one is not what we wrote. */
export function valueFromParts<T>(element: 'sheet' | 'pendingSave', xmls: string[]): T | null {
  let json = '';
  const pattern = new RegExp(`<${element}[^>]*>([\\s\\S]*)</${element}>\\s*$`);
  for (const xml of xmls) {
    const m = pattern.exec(xml);
    if (!m) return null;
    json += m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
  }
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

export type { WireSaveInput };
