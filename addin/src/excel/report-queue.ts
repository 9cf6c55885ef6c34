/// <reference types="office-js" />
// The report's working copy in the workbook, so it can be filled and saved with no connection:
// the sheet as the server last gave it (the base of every check and every delta) and the saves
// waiting to be sent, in order, each with its idempotency key. Their content sits in custom XML
// parts (ExcelApi 1.5: "this data persists with the file"), cut so that no part comes near
// Excel's 5 MB request limit; the record in the settings lists them.
import { checkSave } from '../../../shared/reporting/check-save.ts';
import type { WireSaveInput } from '../../../shared/reporting/save-delta.ts';
import type { Sheet } from '../../../shared/reporting/sheet.ts';
import {
  jsonParts,
  valueFromParts,
  type QueuedSave,
  type SheetSnapshot,
  type StoredReport,
} from '../../../shared/reporting/workbook-record.ts';
import type { ExcelHost } from './host.ts';
import { BlockWriter, bytesOf } from './payload.ts';
import { loadStored, saveStored } from './report-store.ts';

/** A save waiting in the workbook, with its content. */
export interface WaitingSave extends Omit<QueuedSave, 'parts'> {
  input: WireSaveInput;
}

/** The workbook's working copy: its record, the server's sheet at the base, the waiting saves. */
export interface WorkingCopy {
  stored: StoredReport;
  /** Null in a workbook pulled before the add-in kept one. */
  snapshot: SheetSnapshot | null;
  queue: WaitingSave[];
}

/** Queues the deletion of those of the parts that are still there (one sync to look). */
export async function deleteParts(context: Excel.RequestContext, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const parts = ids.map((id) => context.workbook.customXmlParts.getItemOrNullObject(id));
  for (const p of parts) p.load('id');
  await context.sync();
  for (const p of parts) if (!p.isNullObject) p.delete();
}

/** Adds the documents as custom XML parts (a sync each ~3 MB); their IDs once synced. */
async function addParts(context: Excel.RequestContext, xmls: string[]): Promise<string[]> {
  const w = new BlockWriter(context);
  const parts = [];
  for (const xml of xmls) {
    await w.room(bytesOf(xml));
    const part = context.workbook.customXmlParts.add(xml);
    part.load('id');
    parts.push(part);
  }
  await w.flush();
  return parts.map((p) => p.id);
}

/** The documents of the parts, one per sync so each answer stays far below 5 MB; null if gone. */
async function readParts(context: Excel.RequestContext, ids: string[]): Promise<string[] | null> {
  const parts = ids.map((id) => context.workbook.customXmlParts.getItemOrNullObject(id));
  for (const p of parts) p.load('id');
  await context.sync();
  // A part gone (the file edited outside Excel): what it held cannot be read back.
  if (parts.some((p) => p.isNullObject)) return null;
  const xmls: string[] = [];
  for (const part of parts) {
    const xml = part.getXml();
    await context.sync();
    xmls.push(xml.value);
  }
  return xmls;
}

/** Reads the working copy inside a batch; null when the workbook holds no report. */
async function loadWorkingCopy(context: Excel.RequestContext): Promise<WorkingCopy | null> {
  const stored = await loadStored(context);
  if (!stored) return null;
  const sheetXml = stored.sheetParts.length ? await readParts(context, stored.sheetParts) : null;
  const snapshot = sheetXml ? valueFromParts<SheetSnapshot>('sheet', sheetXml) : null;
  const queue: WaitingSave[] = [];
  for (const q of stored.queue) {
    const xmls = await readParts(context, q.parts);
    const input = xmls ? valueFromParts<WireSaveInput>('pendingSave', xmls) : null;
    // A save whose content is gone cannot be sent as it was; the cells still hold the values,
    // and the next save sends them.
    if (!input) break;
    queue.push({
      key: q.key,
      baseVersion: q.baseVersion,
      submit: q.submit,
      queuedAt: q.queuedAt,
      input,
    });
  }
  return { stored, snapshot, queue };
}

/**
 * The working copy. Saves whose content is gone (the file edited outside Excel) leave the queue
 * with every save after them, which was made on them: the cells still hold the values, and the
 * next save sends them over the base.
 */
export function workingCopy(host: ExcelHost): Promise<WorkingCopy | null> {
  return host.run(async (context) => {
    const copy = await loadWorkingCopy(context);
    if (!copy || copy.queue.length === copy.stored.queue.length) return copy;
    const lost = copy.stored.queue.slice(copy.queue.length);
    await deleteParts(
      context,
      lost.flatMap((q) => q.parts),
    );
    const stored = { ...copy.stored, queue: copy.stored.queue.slice(0, copy.queue.length) };
    saveStored(context, stored);
    await context.sync();
    return { ...copy, stored };
  });
}

/** The sheet once every waiting save is applied: what the server will hold after the queue. */
export function sheetAfterQueue(snapshot: Sheet, queue: readonly WaitingSave[]): Sheet {
  return queue.reduce(
    (sheet, save) =>
      checkSave(sheet, save.input, { submit: false, newRowKey: (t, n) => `${t}-queued-${n}` })
        .merged,
    snapshot,
  );
}

/** Keeps the server's sheet as the workbook's base (replacing the one kept before). */
export async function keepSnapshot(
  context: Excel.RequestContext,
  stored: StoredReport,
  snapshot: SheetSnapshot,
): Promise<StoredReport> {
  const ids = await addParts(context, jsonParts('sheet', snapshot));
  await deleteParts(context, stored.sheetParts);
  return { ...stored, sheetParts: ids };
}

/** Adds a save at the end of the queue, and writes the record, in one batch. */
export async function enqueueSave(
  context: Excel.RequestContext,
  stored: StoredReport,
  save: WaitingSave,
): Promise<StoredReport> {
  const parts = await addParts(context, jsonParts('pendingSave', save.input));
  const entry: QueuedSave = {
    key: save.key,
    baseVersion: save.baseVersion,
    submit: save.submit,
    queuedAt: save.queuedAt,
    parts,
  };
  const next = { ...stored, queue: [...stored.queue, entry] };
  saveStored(context, next);
  await context.sync();
  return next;
}

/**
 * The server applied the waiting save `key`: the workbook's base moves to `version` (with the
 * sheet as the server now holds it) and the save leaves the queue. Nothing happens unless it is
 * still the first: a second sender that got the same answer back must not remove the next save.
 */
export async function settleFirst(
  host: ExcelHost,
  key: string,
  answer: { version: number; status: StoredReport['status']; snapshot: SheetSnapshot },
): Promise<void> {
  await host.run(async (context) => {
    const stored = await loadStored(context);
    const [first, ...rest] = stored?.queue ?? [];
    if (!stored || first?.key !== key) return;
    let next = await keepSnapshot(context, stored, answer.snapshot);
    await deleteParts(context, first.parts);
    next = { ...next, baseVersion: answer.version, status: answer.status, queue: rest };
    saveStored(context, next);
    await context.sync();
  });
}

/**
 * Empties the queue, keeping the base: after a refusal the person chose to drop, or a save the
 * server found problems in. The cells keep what was typed, and the next save sends it.
 */
export async function clearQueue(host: ExcelHost): Promise<void> {
  await host.run(async (context) => {
    const stored = await loadStored(context);
    if (!stored?.queue.length) return;
    await deleteParts(
      context,
      stored.queue.flatMap((q) => q.parts),
    );
    saveStored(context, { ...stored, queue: [] });
    await context.sync();
  });
}
