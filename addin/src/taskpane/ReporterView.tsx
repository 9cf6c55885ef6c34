// The agency's side: the reports it owes, and for the chosen one: load the template into the
// workbook, save a draft, send, refresh. Saving is save-report.ts: problems are checked in the
// pane with the server's own rules and marked on their cells, and a save whose answer was lost is
// sent again with its key. Where the request asks for the leader's approval, "send" presents the
// report to the leader, and the report is read-only to staff while the leader has it.
import {
  Badge,
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { hasUnsentEdits } from '../excel/report-workbook.ts';
import { countdown } from './i18n.ts';
import type { PaneKit } from './kit.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { LOCKED_FOR_STAFF_STATUSES } from '../../../shared/reporting/status.ts';
import type { OwedRequest } from './api.ts';
import { hasCarryForward } from '../../../shared/reporting/last-period.ts';
import type { Problem } from '../../../shared/reporting/sheet.ts';
import { fillFromLastPeriod, pullIntoWorkbook, warningsBeforeSending } from './report-sync.ts';
import { saveFile } from './save-file.ts';

export const STATUS_COLOR = {
  NONE: 'informative',
  NOT_STARTED: 'informative',
  DRAFT: 'warning',
  PENDING_APPROVAL: 'important',
  APPROVED: 'important',
  SUBMITTED: 'success',
  RETURNED: 'danger',
  ACCEPTED: 'brand',
} as const;

/**
 * Whether staff may no longer change the report: with the leader, approved, sent after approval
 * (the server refuses the save, save.ts), or accepted.
 */
export function lockedForStaff(request: OwedRequest): boolean {
  const status = request.mySubmission?.status;
  if (!status) return false;
  if (status === 'ACCEPTED') return true;
  return (
    request.requiresApproval && (LOCKED_FOR_STAFF_STATUSES as readonly string[]).includes(status)
  );
}

/** The return's reason, and who returned it: the Sở (RETURNED) or the leader (a draft again). */
function returnLine(request: OwedRequest, t: PaneKit['t']): string | null {
  const s = request.mySubmission;
  if (!s?.returnReason) return null;
  if (s.status === 'RETURNED') return `${t.returnReason}: ${s.returnReason}`;
  if (s.status === 'DRAFT') return `${t.leaderReturnReason}: ${s.returnReason}`;
  return null;
}

/** The clock the countdowns read, ticking once a minute. */
export function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function ReporterView({ kit }: { kit: PaneKit }) {
  const { api, host, t, act, notify } = kit;
  const queryClient = useQueryClient();
  const owedQuery = useQuery({
    queryKey: ['owed', api.server, api.token],
    queryFn: () => api.owed(),
  });
  const owed = owedQuery.data ?? [];
  const [picked, setChosen] = useState<string | null>(null);
  // Until the person picks one, the report the workbook holds (pulled, or a downloaded file).
  const chosen = picked ?? kit.sync.stored?.requestId ?? null;
  const now = useMinuteClock();
  // Office task panes cannot show window.confirm: overwriting unsent edits is confirmed in the pane.
  const [confirmingPull, setConfirmingPull] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['owed'] });

  const chosenRequest = owed.find((r) => r.id === chosen) ?? null;

  // Saves still waiting in the workbook would be dropped by a pull: asked first, in the pane.
  const waiting = kit.sync.stored?.queue.length ?? 0;
  const pull = (confirmed: boolean) =>
    act(async () => {
      setConfirmingPull(false);
      const sheet = await api.sheet(chosen!);
      if (!confirmed && (waiting > 0 || (await hasUnsentEdits(host, sheet)))) {
        setConfirmingPull(true);
        return;
      }
      await pullIntoWorkbook(host, sheet);
      await kit.sync.reload();
      notify({ intent: 'success', text: t.pulled });
    });

  // The chosen request's sheet as the server has it: its last period and what carries forward.
  const sheetQuery = useQuery({
    queryKey: ['sheet', api.server, api.token, chosen],
    queryFn: () => api.sheet(chosen!),
    enabled: chosen !== null,
  });
  const opened = sheetQuery.data ?? null;
  const lastPeriod = opened?.lastPeriod ?? null;
  const words = {
    notPulled: t.notPulled,
    otherReport: t.otherReport,
    noCopyOffline: t.noCopyOffline,
    sentNeedsResend: t.sentNeedsResend,
  };
  // Change warnings found before sending, for the request they were found on.
  const [warned, setWarned] = useState<{ requestId: string; list: Problem[] } | null>(null);
  const warnings = warned && warned.requestId === chosen ? warned.list : null;

  const fill = () =>
    act(async () => {
      if (!opened?.lastPeriod) return;
      const n = await fillFromLastPeriod(host, opened, words);
      notify({ intent: 'success', text: t.filledLastPeriod(n, opened.lastPeriod.periodLabel) });
    });

  /**
   * Saves or sends. Before sending, numbers that moved by more than the template's factor since
   * the last period are listed and the person confirms ("Vẫn gửi") or goes back; a draft is saved
   * whatever they say, and without the server's sheet (offline) the save goes as before.
   */
  const send = (submit: boolean, confirmed = false) =>
    act(async () => {
      setWarned(null);
      if (submit && !confirmed && opened?.lastPeriod) {
        const list = await warningsBeforeSending(host, opened, words);
        if (list.length) {
          setWarned({ requestId: opened.request.id, list });
          return;
        }
      }
      await kit.sync.save(submit, chosen!).finally(refresh);
    });

  /** The sheet as an .xlsx that opens with the add-in, to fill where there is no connection. */
  const download = () =>
    act(async () => {
      saveFile(await api.download(`requests/${encodeURIComponent(chosen!)}/sheet.xlsx`));
    });

  /** Staff send what the leader approved (without a signature, or with a valid one). */
  const sendApproved = (submissionId: string) =>
    act(async () => {
      const s = await api.sendSubmission(submissionId).finally(refresh);
      notify({ intent: 'success', text: t.sent(s.version, s.late) });
    });

  const locked = chosenRequest ? lockedForStaff(chosenRequest) : false;
  const mine = chosenRequest?.mySubmission ?? null;
  const staffMaySend =
    mine?.status === 'APPROVED' &&
    (!chosenRequest!.requiresSignature || mine.signature?.valid === true);
  const mayFill =
    !locked &&
    lastPeriod !== null &&
    opened !== null &&
    opened.request.id === chosen &&
    hasCarryForward(opened) &&
    kit.sync.stored?.requestId === chosen;

  return (
    <>
      <Text weight="semibold">{t.requests}</Text>
      {owedQuery.isSuccess && owed.length === 0 && <Text>{t.none}</Text>}
      {owedQuery.error && <Text role="alert">{owedQuery.error.message}</Text>}
      {owed.map((r) => {
        const state = r.mySubmission?.status ?? 'NONE';
        const left = countdown(new Date(r.deadline), now);
        return (
          <Card
            key={r.id}
            data-request={r.id}
            selected={r.id === chosen}
            onSelectionChange={() => setChosen(r.id)}
            onClick={() => setChosen(r.id)}
          >
            <Text weight="semibold">{r.title}</Text>
            <Text size={200}>
              {r.period.label} · {t.deadline}: {formatVietnamTime(r.deadline)} (
              {left.past ? t.late(left.days) : t.left(left.days, left.hours)})
            </Text>
            <div>
              <Badge color={STATUS_COLOR[state]} data-status={state}>
                {t.status[state]}
              </Badge>{' '}
              {r.mySubmission && (
                <Text size={200}>
                  {t.version} {r.mySubmission.version}
                </Text>
              )}
            </div>
            {r.requiresApproval && (
              <Text size={200}>{r.requiresSignature ? t.needsSignature : t.needsApproval}</Text>
            )}
            {returnLine(r, t) && (
              <Text size={200} data-return-reason>
                {returnLine(r, t)}
              </Text>
            )}
            {r.mySubmission?.signature && (
              <Text
                size={200}
                data-signature={r.mySubmission.signature.valid ? 'valid' : 'invalid'}
              >
                {r.mySubmission.signature.summary}
              </Text>
            )}
          </Card>
        );
      })}
      {confirmingPull && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {waiting > 0 ? t.confirmPullQueue(waiting) : t.confirmPull}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => pull(true)}>{t.pullAnyway}</Button>
            <Button onClick={() => setConfirmingPull(false)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {chosenRequest && locked && mine && (
        <Text data-locked={mine.status}>
          {t.lockedForStaff[mine.status] ?? t.lockedForStaff.ACCEPTED}
        </Text>
      )}
      {chosenRequest && warnings && lastPeriod && (
        <MessageBar intent="warning" data-change-warnings={warnings.length}>
          <MessageBarBody>
            {t.changeWarnings(warnings.length, lastPeriod.periodLabel)}
            <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
              {warnings.map((w) => (
                <li key={`${w.tableKey}/${w.rowKey}/${w.columnKey}`} data-change-warning>
                  {w.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
          <MessageBarActions>
            <Button disabled={kit.busy} onClick={() => send(true, true)}>
              {t.sendAnyway}
            </Button>
            <Button onClick={() => setWarned(null)}>{t.goBack}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {chosenRequest && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Button appearance="primary" disabled={kit.busy} onClick={() => pull(false)}>
            {t.pull}
          </Button>
          {mayFill && (
            <Button
              disabled={kit.busy}
              onClick={fill}
              title={t.fillLastPeriodHint(lastPeriod.periodLabel)}
              data-fill-last-period={lastPeriod.periodLabel}
            >
              {t.fillLastPeriod}
            </Button>
          )}
          {!locked && (
            <>
              <Button disabled={kit.busy} onClick={() => send(false)}>
                {t.saveDraft}
              </Button>
              <Button appearance="primary" disabled={kit.busy} onClick={() => send(true)}>
                {chosenRequest.requiresApproval ? t.present : t.submit}
              </Button>
            </>
          )}
          {staffMaySend && mine && (
            <Button appearance="primary" disabled={kit.busy} onClick={() => sendApproved(mine.id)}>
              {t.submit}
            </Button>
          )}
          <Button disabled={kit.busy} onClick={download}>
            {t.downloadSheet}
          </Button>
          <Button disabled={kit.busy} onClick={() => act(refresh)}>
            {t.refresh}
          </Button>
        </div>
      )}
    </>
  );
}
