// Saving the report in the workbook, the one way it is done. A save whose answer never came (the
// network dropped after the server committed, the pane was closed) is kept in the workbook with
// its idempotency key and sent again, exactly, before anything else: the server gives the first
// result back, or applies it now, never twice. Then the workbook is read, checked with the
// server's own rules, and only what changed since the base version is kept and sent.
import { checkSave } from '../../../shared/reporting/check-save.ts';
import { changedInput, isEmptyInput } from '../../../shared/reporting/save-delta.ts';
import type { Problem } from '../../../shared/reporting/sheet.ts';
import type { ExcelHost } from '../excel/host.ts';
import {
  keepPendingSave,
  pendingSave,
  settlePendingSave,
  type SaveToSend,
} from '../excel/pending-save.ts';
import { markProblems, readReport } from '../excel/report-workbook.ts';
import { ApiError, type Api, type SaveResult } from './api.ts';
import { isSent } from '../../../shared/reporting/status.ts';

export type SaveOutcome =
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'saved'; submission: NonNullable<SaveResult['submission']> }
  | { kind: 'unchanged'; version: number };

export interface SaveWords {
  notPulled: string;
  otherReport: string;
  unanswered: string;
}

/** Refusals after which the kept save can never apply; anything else may be retried. */
const REFUSED_FOR_GOOD = new Set(['CONFLICT', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND']);
const refusedForGood = (error: unknown) =>
  error instanceof ApiError && REFUSED_FOR_GOOD.has(error.code);

/** The SaveReport request of a save, refused by api.saveBody when the server could not take it. */
const bodyOf = (api: Api, requestId: string, save: SaveToSend): string =>
  api.saveBody({
    ...save.input,
    requestId,
    baseVersion: save.baseVersion,
    idempotencyKey: save.key,
    submit: save.submit,
  });

/**
 * Sends the save kept in the workbook (its body, from bodyOf) and settles it with the answer. Refused for good
 * (CONFLICT, FORBIDDEN…): nothing was saved, nothing to send again. No answer: it may have
 * committed, so it stays kept and goes again, as it is, on the next click; the error says so.
 */
async function sendKept(
  api: Api,
  host: ExcelHost,
  body: string,
  words: SaveWords,
): Promise<SaveResult> {
  let result: SaveResult;
  try {
    result = await api.save(body);
  } catch (error) {
    if (refusedForGood(error)) await settlePendingSave(host, null);
    if (error instanceof ApiError && error.code === 'NETWORK') {
      throw new ApiError(`${error.message} ${words.unanswered}`, 'NETWORK');
    }
    throw error;
  }
  await settlePendingSave(host, result.submission?.version ?? null);
  return result;
}

export async function saveWorkbookReport(
  api: Api,
  host: ExcelHost,
  requestId: string,
  submit: boolean,
  words: SaveWords,
  newKey: () => string = () => crypto.randomUUID(),
): Promise<SaveOutcome> {
  let sheet = await api.sheet(requestId);
  let replayed: SaveResult['submission'] = null;
  const kept = await pendingSave(host);
  if (kept && kept.requestId === requestId) {
    const result = await sendKept(api, host, bodyOf(api, requestId, kept), words);
    if (result.submission) {
      replayed = result.submission;
      sheet = await api.sheet(requestId);
    }
  }

  const read = await readReport(host, sheet);
  if (!read) throw new Error(words.notPulled);
  if (read.stored.requestId !== sheet.request.id || read.stored.orgId !== sheet.org.id) {
    throw new Error(words.otherReport);
  }
  // The server's own checks, here first: problems show on the cells without a round trip.
  const local = checkSave(sheet, read.input, { submit, newRowKey: (k, n) => `${k}-${n}` });
  if (local.problems.length) {
    await markProblems(host, sheet, local.problems);
    return { kind: 'problems', problems: local.problems };
  }
  const delta = changedInput(sheet, read.input);
  const sent = isSent(sheet.submission?.status);
  if (isEmptyInput(delta) && (!submit || sent)) {
    await markProblems(host, sheet, []);
    return replayed
      ? { kind: 'saved', submission: replayed }
      : { kind: 'unchanged', version: read.stored.baseVersion };
  }
  const save = { key: newKey(), baseVersion: read.stored.baseVersion, submit, input: delta };
  // Built, so checked against the server's size limit, before it is kept: a save the server
  // cannot take is not one. The same body is sent.
  const body = bodyOf(api, requestId, save);
  await keepPendingSave(host, save);
  const result = await sendKept(api, host, body, words);
  await markProblems(host, sheet, result.problems);
  return result.submission
    ? { kind: 'saved', submission: result.submission }
    : { kind: 'problems', problems: result.problems };
}
