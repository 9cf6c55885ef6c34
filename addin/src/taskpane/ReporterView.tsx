// The agency's side: the reports it owes, and for the chosen one: load the template into the
// workbook, save a draft, send, refresh. Problems are checked in the pane with the server's own
// rules before anything is sent, and marked on their cells either way.
import {
  Badge,
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import {
  hasUnsentEdits,
  markProblems,
  pullReport,
  readReport,
  setBaseVersion,
} from '../excel/report-workbook.ts';
import type { OwedRequest } from './api.ts';
import { countdown } from './i18n.ts';
import { shortTime, type PaneKit } from './kit.ts';

export const STATUS_COLOR = {
  NONE: 'informative',
  NOT_STARTED: 'informative',
  DRAFT: 'warning',
  SUBMITTED: 'success',
  RETURNED: 'danger',
  ACCEPTED: 'brand',
} as const;

export function ReporterView({ kit }: { kit: PaneKit }) {
  const { api, run, t, act, notify } = kit;
  const [owed, setOwed] = useState<OwedRequest[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  // Office task panes cannot show window.confirm: overwriting unsent edits is confirmed in the pane.
  const [confirmingPull, setConfirmingPull] = useState(false);

  const load = useCallback(async () => setOwed(await api.owed()), [api]);
  useEffect(() => {
    void act(load);
  }, [act, load]);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const chosenRequest = owed.find((r) => r.id === chosen) ?? null;

  const pull = (confirmed: boolean) =>
    act(async () => {
      setConfirmingPull(false);
      const sheet = await api.sheet(chosen!);
      if (!confirmed && (await hasUnsentEdits(run, sheet))) {
        setConfirmingPull(true);
        return;
      }
      await pullReport(
        run,
        {
          requestId: sheet.request.id,
          requestTitle: sheet.request.title,
          orgId: sheet.org.id,
          orgName: sheet.org.name,
          templateCode: sheet.template.code,
          templateVersion: sheet.template.version,
          baseVersion: sheet.submission?.version ?? 0,
        },
        sheet,
      );
      notify({ intent: 'success', text: t.pulled });
    });

  const send = (submit: boolean) =>
    act(async () => {
      const sheet = await api.sheet(chosen!);
      const read = await readReport(run, sheet);
      if (!read) throw new Error(t.notPulled);
      if (read.stored.requestId !== sheet.request.id || read.stored.orgId !== sheet.org.id) {
        throw new Error(t.otherReport);
      }
      // The server's own checks, here first: problems show on the cells without a round trip.
      const local = checkSave(sheet, read.input, { submit, newRowKey: (k, n) => `${k}-${n}` });
      const result = local.problems.length
        ? { submission: null, problems: local.problems }
        : await api.save(sheet.request.id, read.stored.baseVersion, read.input, submit);
      await markProblems(run, sheet, result.problems);
      if (result.problems.length) {
        notify({
          intent: 'error',
          text: t.problems(result.problems.length),
          details: result.problems.slice(0, 5).map((p) => p.message),
        });
        return;
      }
      const s = result.submission!;
      await setBaseVersion(run, s.version);
      await load();
      notify({ intent: 'success', text: submit ? t.sent(s.version, s.late) : t.saved(s.version) });
    });

  return (
    <>
      <Text weight="semibold">{t.requests}</Text>
      {owed.length === 0 && <Text>{t.none}</Text>}
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
              {r.period.label} · {t.deadline}: {shortTime(r.deadline, kit.lang)} (
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
            {state === 'RETURNED' && r.mySubmission?.returnReason && (
              <Text size={200}>
                {t.returnReason}: {r.mySubmission.returnReason}
              </Text>
            )}
          </Card>
        );
      })}
      {confirmingPull && (
        <MessageBar intent="warning">
          <MessageBarBody>{t.confirmPull}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => pull(true)}>{t.pullAnyway}</Button>
            <Button onClick={() => setConfirmingPull(false)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {chosenRequest && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Button appearance="primary" disabled={kit.busy} onClick={() => pull(false)}>
            {t.pull}
          </Button>
          <Button disabled={kit.busy} onClick={() => send(false)}>
            {t.saveDraft}
          </Button>
          <Button appearance="primary" disabled={kit.busy} onClick={() => send(true)}>
            {t.submit}
          </Button>
          <Button disabled={kit.busy} onClick={() => act(load)}>
            {t.refresh}
          </Button>
        </div>
      )}
    </>
  );
}
