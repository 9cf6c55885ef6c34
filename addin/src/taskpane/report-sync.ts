// Saving the report in the workbook, the one way it is done, online or not. A save is first
// checked here with the server's own rules against the sheet the workbook keeps, then queued in
// the workbook with its idempotency key (so it survives a closed pane, a closed file, another
// computer), then the queue is sent in order when the server can be reached. Each save is
// applied once: one sent again after a lost answer carries the same key and the server answers
// the first result. A save whose base version is no longer the server's stops the queue: the
// person sees both sides (conflictOf) and chooses; nothing is overwritten on its own.
import { checkSave, clientRowKey } from '../../../shared/reporting/check-save.ts';
import { changedInput, isEmptyInput } from '../../../shared/reporting/save-delta.ts';
import {
  conflictingCells,
  mergeSaves,
  type ConflictCell,
} from '../../../shared/reporting/save-conflict.ts';
import type { Problem } from '../../../shared/reporting/sheet.ts';
import { isSent, type RecipientState } from '../../../shared/reporting/status.ts';
import type { SheetSnapshot, StoredReport } from '../../../shared/reporting/workbook-record.ts';
import type { ExcelHost } from '../excel/host.ts';
import {
  enqueueSave,
  keepSnapshot,
  clearQueue,
  settleFirst,
  sheetAfterQueue,
  workingCopy,
  type WaitingSave,
  type WorkingCopy,
} from '../excel/report-queue.ts';
import { loadStored, saveStored } from '../excel/report-store.ts';
import {
  fillCells,
  markProblems,
  pullReport,
  readReport,
  writeRowKeys,
} from '../excel/report-workbook.ts';
import {
  carryForwardCells,
  changeWarnings,
  sheetCells,
} from '../../../shared/reporting/last-period.ts';
import { ApiError, type Api, type OpenedSheet, type SaveResult } from './api.ts';

export type SavedSubmission = NonNullable<SaveResult['submission']>;

export interface SyncWords {
  notPulled: string;
  otherReport: string;
  noCopyOffline: string;
  sentNeedsResend: string;
}

/** What became of the queue when it was sent. */
export type SendOutcome =
  /** Every waiting save applied; the last answer (null when there was nothing to send). */
  | { kind: 'sent'; count: number; submission: SavedSubmission | null }
  /** The server could not be reached: the saves wait. */
  | { kind: 'offline'; waiting: number }
  /** The session ended: the saves wait for the person to sign in again. */
  | { kind: 'signedOut'; waiting: number }
  /** Someone saved the report meanwhile: nothing applied, the person chooses. */
  | { kind: 'conflict'; conflict: Conflict }
  /** The server refused the first save (the request closed, the report locked…); it waits. */
  | { kind: 'refused'; message: string; waiting: number }
  /** The server found problems the pane did not: the queue is dropped, the cells keep it all. */
  | { kind: 'problems'; problems: Problem[] };

export type SaveOutcome =
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'unchanged'; version: number }
  | { kind: 'queued'; sent: SendOutcome | null };

export interface Conflict {
  /** The version the workbook's saves were made on, and the server's now. */
  ourBase: number;
  serverVersion: number;
  waiting: number;
  cells: ConflictCell[];
  server: SheetSnapshot;
}

/** The server's sheet as the workbook keeps it. */
export function snapshotOf(sheet: OpenedSheet): SheetSnapshot {
  return {
    request: sheet.request,
    org: sheet.org,
    template: sheet.template,
    submission: sheet.submission,
    outline: sheet.outline,
    tables: sheet.tables,
  };
}

const identityOf = (sheet: SheetSnapshot) => ({
  requestId: sheet.request.id,
  requestTitle: sheet.request.title,
  orgId: sheet.org.id,
  orgName: sheet.org.name,
  templateCode: sheet.template.code,
  templateVersion: sheet.template.version,
  baseVersion: sheet.submission?.version ?? 0,
});

/** Lays the server's report out in the workbook, keeping its sheet for working offline. */
export async function pullIntoWorkbook(host: ExcelHost, sheet: OpenedSheet): Promise<void> {
  const snapshot = snapshotOf(sheet);
  await pullReport(host, identityOf(snapshot), snapshot, snapshot);
}

/**
 * The working copy, with the server's sheet kept in it when it has none yet (a workbook pulled
 * by an older add-in): that needs the server once.
 */
async function copyWithSnapshot(
  api: Api | null,
  host: ExcelHost,
  words: SyncWords,
): Promise<WorkingCopy & { snapshot: SheetSnapshot }> {
  const copy = await workingCopy(host);
  if (!copy) throw new Error(words.notPulled);
  if (copy.snapshot) return { ...copy, snapshot: copy.snapshot };
  if (!api) throw new Error(words.noCopyOffline);
  const snapshot = snapshotOf(await api.sheet(copy.stored.requestId));
  // Only when the workbook is still at the server's version is that sheet its base.
  if ((snapshot.submission?.version ?? 0) !== copy.stored.baseVersion || copy.queue.length) {
    throw new Error(words.noCopyOffline);
  }
  await host.run(async (context) => {
    const stored = await keepSnapshot(context, copy.stored, snapshot);
    saveStored(context, stored);
    await context.sync();
  });
  return { ...copy, snapshot };
}

/**
 * Saves the workbook's report: checks it against the sheet after the waiting saves, gives added
 * rows their keys, queues what changed, and sends the queue when `api` is given (online).
 * `requestId`, when given, is the request the person chose in the pane: it must be the
 * workbook's.
 */
export async function saveInWorkbook(
  api: Api | null,
  host: ExcelHost,
  submit: boolean,
  words: SyncWords,
  options: { requestId?: string; newKey?: () => string; now?: () => Date } = {},
): Promise<SaveOutcome> {
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const copy = await copyWithSnapshot(api, host, words);
  if (options.requestId && options.requestId !== copy.stored.requestId) {
    throw new Error(words.otherReport);
  }
  const local = sheetAfterQueue(copy.snapshot, copy.queue);
  const read = await readReport(host, local, () => clientRowKey());
  if (!read) throw new Error(words.notPulled);
  if (
    read.stored.requestId !== copy.snapshot.request.id ||
    read.stored.orgId !== copy.snapshot.org.id
  ) {
    throw new Error(words.otherReport);
  }
  // The server's own checks, here first: problems show on the cells with or without a network.
  const checked = checkSave(local, read.input, { submit, newRowKey: (k, n) => `${k}-${n}` });
  if (checked.problems.length) {
    await markProblems(host, local, checked.problems);
    return { kind: 'problems', problems: checked.problems };
  }
  const delta = changedInput(local, read.input);
  const statusAfterQueue = copy.queue.some((q) => q.submit) ? 'SUBMITTED' : copy.stored.status;
  await markProblems(host, local, []);
  if (isEmptyInput(delta) && (!submit || isSent(statusAfterQueue))) {
    if (!copy.queue.length) return { kind: 'unchanged', version: copy.stored.baseVersion };
    // Nothing new, but saves wait: they are what there is to send.
    return { kind: 'queued', sent: api ? await sendQueue(api, host) : null };
  }
  // A sent report changes only by being sent again (the server refuses a draft over it).
  if (!submit && isSent(statusAfterQueue)) throw new Error(words.sentNeedsResend);
  const save: WaitingSave = {
    key: newKey(),
    baseVersion: copy.stored.baseVersion + copy.queue.length,
    submit,
    queuedAt: (options.now?.() ?? new Date()).toISOString(),
    input: delta,
  };
  // Built, so checked against the server's size limit, before it is kept: a save the server
  // cannot take is not one.
  if (api) bodyOf(api, copy.stored.requestId, save);
  await host.run(async (context) => {
    await writeRowKeys(context, read.keyed);
    // The record only: the parts were read a moment ago.
    const stored = await loadStored(context);
    if (!stored) throw new Error(words.notPulled);
    await enqueueSave(context, stored, save);
  });
  return { kind: 'queued', sent: api ? await sendQueue(api, host) : null };
}

/** The workbook's report as the server's `sheet` of it: what is typed now, read back. */
async function typedNow(host: ExcelHost, sheet: OpenedSheet, words: SyncWords) {
  const copy = await workingCopy(host);
  if (!copy) throw new Error(words.notPulled);
  if (copy.stored.requestId !== sheet.request.id || copy.stored.orgId !== sheet.org.id) {
    throw new Error(words.otherReport);
  }
  const local = sheetAfterQueue(copy.snapshot ?? snapshotOf(sheet), copy.queue);
  const read = await readReport(host, local);
  if (!read) throw new Error(words.notPulled);
  return { local, input: read.input };
}

/**
 * "Điền số liệu kỳ trước": the empty carry-forward cells filled with what the agency sent last
 * period (shared/reporting/last-period.ts chooses them). The server's sheet says what carries; the
 * workbook says what is typed. Returns how many cells were filled.
 */
export async function fillFromLastPeriod(
  host: ExcelHost,
  sheet: OpenedSheet,
  words: SyncWords,
): Promise<number> {
  if (!sheet.lastPeriod) return 0;
  const { local, input } = await typedNow(host, sheet, words);
  return fillCells(host, local, carryForwardCells(sheet, sheet.lastPeriod, input));
}

/**
 * The change warnings of sending the workbook's report now, as the server will answer them:
 * none without a last period, or when the report has problems (the save shows those instead).
 */
export async function warningsBeforeSending(
  host: ExcelHost,
  sheet: OpenedSheet,
  words: SyncWords,
): Promise<Problem[]> {
  if (!sheet.lastPeriod) return [];
  const { local, input } = await typedNow(host, sheet, words);
  const checked = checkSave(local, input, { submit: true, newRowKey: (k, n) => `${k}-${n}` });
  if (checked.problems.length) return [];
  return changeWarnings(sheet, sheet.lastPeriod, sheetCells(checked.merged));
}

/** The SaveReport request of a waiting save, refused by api.saveBody when it is too large. */
const bodyOf = (api: Api, requestId: string, save: WaitingSave): string =>
  api.saveBody({
    ...save.input,
    requestId,
    baseVersion: save.baseVersion,
    idempotencyKey: save.key,
    submit: save.submit,
  });

/** A refusal that says the save's base is gone (someone saved meanwhile). */
const isStaleBase = (error: unknown): error is ApiError =>
  error instanceof ApiError &&
  error.code === 'CONFLICT' &&
  typeof error.details.currentVersion === 'number';

/** Sends the waiting saves in order, each once; stops at the first that does not apply. */
export async function sendQueue(api: Api, host: ExcelHost): Promise<SendOutcome> {
  let count = 0;
  let last: SavedSubmission | null = null;
  for (;;) {
    const copy = await workingCopy(host);
    const first = copy?.queue[0];
    if (!copy || !first) return { kind: 'sent', count, submission: last };
    const waiting = copy.queue.length;
    try {
      let result: SaveResult;
      try {
        result = await api.save(bodyOf(api, copy.stored.requestId, first));
      } catch (error) {
        if (isStaleBase(error)) {
          return { kind: 'conflict', conflict: await conflictOf(api, copy) };
        }
        throw error;
      }
      // The sheet the server now holds: this save over the workbook's base, as the server
      // merges it (the same checkSave); fetched only for a workbook that kept no base.
      const base = copy.snapshot ?? snapshotOf(await api.sheet(copy.stored.requestId));
      if (!result.submission || result.problems.length) {
        // Nothing was applied, and the later saves were made on this one: the queue goes, the
        // base stays, and the cells, which still hold everything typed, go in the next save
        // once the problems are fixed.
        await clearQueue(host);
        await markProblems(host, base, result.problems);
        return { kind: 'problems', problems: result.problems };
      }
      const s = result.submission;
      const merged = checkSave(base, first.input, {
        submit: false,
        newRowKey: (t, n) => `${t}-queued-${n}`,
      }).merged;
      last = s;
      count += 1;
      await settleFirst(host, first.key, {
        version: s.version,
        status: s.status as StoredReport['status'],
        snapshot: {
          ...base,
          ...merged,
          submission: {
            id: s.id,
            status: s.status as RecipientState,
            version: s.version,
            returnReason: null,
          },
        },
      });
    } catch (error) {
      // Not reached, or the answer lost: the saves wait; sent again, each gets its first answer.
      if (error instanceof ApiError && error.code === 'NETWORK')
        return { kind: 'offline', waiting };
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        return { kind: 'signedOut', waiting };
      }
      if (error instanceof ApiError) return { kind: 'refused', message: error.message, waiting };
      throw error;
    }
  }
}

/** Both sides of a refused queue: the cells it changed that the server now holds otherwise. */
async function conflictOf(api: Api, copy: WorkingCopy): Promise<Conflict> {
  const server = snapshotOf(await api.sheet(copy.stored.requestId));
  const base = copy.snapshot ?? server;
  return {
    ourBase: copy.stored.baseVersion,
    serverVersion: server.submission?.version ?? 0,
    waiting: copy.queue.length,
    cells: conflictingCells(base, sheetAfterQueue(base, copy.queue), server),
    server,
  };
}

/**
 * "Keep mine": every change of the waiting saves, and anything typed since, in one save over the
 * server's version (the other person's changes to every other cell stay). The workbook is laid
 * out with that result first, so its cells never show an older version than its base.
 */
export async function keepMine(
  api: Api,
  host: ExcelHost,
  conflict: Conflict,
  newKey: () => string = () => crypto.randomUUID(),
): Promise<SendOutcome> {
  const copy = await workingCopy(host);
  if (!copy?.queue.length) return { kind: 'sent', count: 0, submission: null };
  const base = copy.snapshot ?? conflict.server;
  const local = sheetAfterQueue(base, copy.queue);
  const read = await readReport(host, local, () => clientRowKey());
  const typed = read ? [changedInput(local, read.input)] : [];
  const merged = mergeSaves([...copy.queue.map((q) => q.input), ...typed]);
  const submit = copy.queue.some((q) => q.submit);
  const server = conflict.server;
  await pullReport(
    host,
    identityOf(server),
    sheetAfterQueue(server, [{ ...copy.queue[0]!, input: merged }]),
    server,
  );
  await host.run(async (context) => {
    const now = await loadStored(context);
    if (!now) return;
    await enqueueSave(context, now, {
      key: newKey(),
      baseVersion: conflict.serverVersion,
      submit,
      queuedAt: new Date().toISOString(),
      input: merged,
    });
  });
  return sendQueue(api, host);
}

/** "Take the server's": the waiting saves are dropped and the server's report pulled. */
export async function takeServers(api: Api, host: ExcelHost, conflict: Conflict): Promise<void> {
  await pullIntoWorkbook(host, await api.sheet(conflict.server.request.id));
}

/**
 * Drops the waiting saves after a refusal. The base stays: the cells keep what was typed and the
 * next save sends it over the version the workbook was really at, so a newer one still conflicts.
 */
export async function dropQueue(host: ExcelHost): Promise<void> {
  await clearQueue(host);
}
