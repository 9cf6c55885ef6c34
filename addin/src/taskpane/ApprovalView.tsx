// The agency's leader: the reports staff presented (and those approved, not sent yet), each opened
// read-only in a protected sheet, approved or returned to staff with a reason, signed and sent
// (ApprovalCard.tsx); and the reports already sent that the Sở has not accepted, whose approval
// can still be withdrawn.
import { Badge, Button, Card, Text } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import type { QueuedReport } from './api.ts';
import { ApprovalCard } from './ApprovalCard.tsx';
import type { PaneKit } from './kit.ts';
import { STATUS_COLOR } from './ReporterView.tsx';

/** Who presented the report to the leader, and when: the last presentation in its history. */
export function presentation(report: QueuedReport): { who: string | null; at: string } | null {
  const last = report.history.filter((e) => e.action === 'submission.present').at(-1);
  return last ? { who: last.actorName ?? null, at: last.at } : null;
}

export function ApprovalView({ kit }: { kit: PaneKit }) {
  const { api, t, act, notify } = kit;
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const queue = useQuery({
    queryKey: ['approval-queue', api.server, api.token],
    queryFn: () => api.approvalQueue(),
  });
  // The agency's own requests: those sent after approval and not yet accepted can be unapproved.
  const owed = useQuery({
    queryKey: ['owed', api.server, api.token],
    queryFn: () => api.owed(),
  });
  const sent = (owed.data ?? []).filter(
    (r) => r.requiresApproval && r.mySubmission?.status === 'SUBMITTED',
  );
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['approval-queue'] }),
      queryClient.invalidateQueries({ queryKey: ['owed'] }),
    ]).then(() => undefined);
  const reports = queue.data ?? [];
  const report = reports.find((r) => r.id === chosen) ?? null;

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text weight="semibold" as="h2" style={{ margin: 0 }}>
          {t.queueTitle}
        </Text>
        <Button size="small" disabled={kit.busy} onClick={() => act(refresh)}>
          {t.refresh}
        </Button>
      </div>
      {queue.error && <Text role="alert">{queue.error.message}</Text>}
      {queue.isSuccess && reports.length === 0 && <Text>{t.queueEmpty}</Text>}
      {reports.map((r) => {
        const by = presentation(r);
        return (
          <Card
            key={r.id}
            data-submission={r.id}
            selected={r.id === chosen}
            onSelectionChange={() => setChosen(r.id)}
            onClick={() => setChosen(r.id)}
            checkbox={{ 'aria-label': `${r.org.name}: ${r.request.title}` }}
          >
            <Text weight="semibold">{r.org.name}</Text>
            <Text size={200}>
              {r.request.title} · {r.request.period.label}
            </Text>
            {by && <Text size={200}>{t.presentedBy(by.who ?? '—', formatVietnamTime(by.at))}</Text>}
            <div>
              <Badge color={STATUS_COLOR[r.status]} data-status={r.status}>
                {t.status[r.status]}
              </Badge>{' '}
              <Text size={200}>
                {t.version} {r.version}
              </Text>
            </div>
          </Card>
        );
      })}
      {report && (
        <ApprovalCard
          key={report.id}
          kit={kit}
          report={report}
          onChanged={refresh}
          onSent={async () => {
            setChosen(null);
            await refresh();
          }}
        />
      )}
      {sent.length > 0 && (
        <section
          aria-label={t.sentReports}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        >
          <Text weight="semibold">{t.sentReports}</Text>
          {sent.map((r) => (
            <div
              key={r.id}
              data-sent={r.mySubmission!.id}
              style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}
            >
              <Text size={200}>
                {r.title} · {t.version} {r.mySubmission!.version}
              </Text>
              <Button
                size="small"
                disabled={kit.busy}
                onClick={() =>
                  act(async () => {
                    await api.unapprove(r.mySubmission!.id);
                    await refresh();
                    notify({ intent: 'success', text: t.unapproved(r.title) });
                  })
                }
              >
                {t.unapprove}
              </Button>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
