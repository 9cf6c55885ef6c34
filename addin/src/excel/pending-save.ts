/// <reference types="office-js" />
// The save in flight, kept in the workbook until the server's answer arrives: its idempotency key
// and base version in the report's record, its content in custom XML parts (ExcelApi 1.5; "this
// data persists with the file"), cut so that no part comes near Excel's 5 MB request limit. A
// retry after a lost answer sends exactly the same save again, so the server returns the first
// result instead of refusing a second one.
import type { WireSaveInput } from '../../../shared/reporting/save-delta.ts';
import type { ExcelHost } from './host.ts';
import { BlockWriter, bytesOf } from './payload.ts';
import { loadStored, saveStored, type PendingSave } from './report-store.ts';

const NAMESPACE = 'urn:tong-hop:pending-save';
/** Characters of JSON per part: at most ~1.5 MB of UTF-8, however Vietnamese the text. */
const PART_CHARACTERS = 500_000;

export interface SaveToSend extends Omit<PendingSave, 'parts'> {
  input: WireSaveInput;
}

/** JSON safe inside CDATA: no "]]>", and no U+FFFE/U+FFFF, which XML does not allow. */
function cdata(json: string): string {
  const safe = json.replace(/[\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `<![CDATA[${safe.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** The JSON in pieces, never splitting a surrogate pair. */
function pieces(json: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < json.length;) {
    let end = Math.min(json.length, at + PART_CHARACTERS);
    const code = json.charCodeAt(end - 1);
    if (end < json.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    out.push(json.slice(at, end));
    at = end;
  }
  return out.length ? out : [''];
}

/** Queues the deletion of the kept save's parts that are still there (one sync to look). */
export async function deleteParts(context: Excel.RequestContext, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const parts = ids.map((id) => context.workbook.customXmlParts.getItemOrNullObject(id));
  for (const p of parts) p.load('id');
  await context.sync();
  for (const p of parts) if (!p.isNullObject) p.delete();
}

/** Keeps the save in the workbook before it is sent (replacing one kept earlier). */
export async function keepPendingSave(host: ExcelHost, save: SaveToSend): Promise<void> {
  await host.run(async (context) => {
    const stored = await loadStored(context);
    if (!stored) throw new Error('Bảng tính không còn báo cáo để lưu.');
    const w = new BlockWriter(context);
    const parts = [];
    for (const [i, piece] of pieces(JSON.stringify(save.input)).entries()) {
      const xml = `<pendingSave xmlns="${NAMESPACE}" part="${i}">${cdata(piece)}</pendingSave>`;
      await w.room(bytesOf(xml));
      const part = context.workbook.customXmlParts.add(xml);
      part.load('id');
      parts.push(part);
    }
    await w.flush();
    await deleteParts(context, stored.pendingSave?.parts ?? []);
    const pendingSave = {
      key: save.key,
      baseVersion: save.baseVersion,
      submit: save.submit,
      parts: parts.map((p) => p.id),
    };
    saveStored(context, { ...stored, pendingSave });
    await context.sync();
  });
}

/** The save kept in the workbook and not yet answered, with its content; null when none. */
export async function pendingSave(
  host: ExcelHost,
): Promise<(SaveToSend & { requestId: string }) | null> {
  return host.run(async (context) => {
    const stored = await loadStored(context);
    const pending = stored?.pendingSave;
    if (!stored || !pending) return null;
    const parts = pending.parts.map((id) =>
      context.workbook.customXmlParts.getItemOrNullObject(id),
    );
    for (const p of parts) p.load('id');
    await context.sync();
    // A part gone (the file edited outside Excel): the save cannot be sent again as it was.
    if (parts.some((p) => p.isNullObject)) return null;
    let json = '';
    // One part per sync: each answer stays far below 5 MB.
    for (const part of parts) {
      const xml = part.getXml();
      await context.sync();
      const m = /<pendingSave[^>]*>([\s\S]*)<\/pendingSave>\s*$/.exec(xml.value);
      if (!m) return null;
      json += m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
    }
    try {
      return {
        key: pending.key,
        baseVersion: pending.baseVersion,
        submit: pending.submit,
        requestId: stored.requestId,
        input: JSON.parse(json) as WireSaveInput,
      };
    } catch {
      return null;
    }
  });
}

/**
 * The server answered: the workbook's values are now `version` (the base of the next save) and
 * the kept save is done with. With `version` null the save changed nothing (refused with
 * problems): only the kept save goes.
 */
export async function settlePendingSave(host: ExcelHost, version: number | null): Promise<void> {
  await host.run(async (context) => {
    const stored = await loadStored(context);
    if (!stored) return;
    await deleteParts(context, stored.pendingSave?.parts ?? []);
    saveStored(context, {
      ...stored,
      baseVersion: version ?? stored.baseVersion,
      pendingSave: null,
    });
    await context.sync();
  });
}
