// One report in the leader's hands: open it read-only in a protected sheet, approve the version
// read, or return it to staff with a reason; once approved, sign it (SigningPanel.tsx) and send
// it, or withdraw the approval. Which buttons show follows shared/reporting/approval.ts, the
// table the server decides by.
import { Button, Card, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { approvalTransition } from '../../../shared/reporting/approval.ts';
import { STATE_LABEL } from '../../../shared/reporting/status.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { pullReview } from '../excel/consolidation-workbook.ts';
import type { QueuedReport } from './api.ts';
import type { PaneKit } from './kit.ts';
import { ReturnWithReason } from './ReturnWithReason.tsx';
import { SigningPanel } from './SigningPanel.tsx';
import { HistoryList, SignatureLine } from './SubmissionFacts.tsx';

export function ApprovalCard(props: {
  kit: PaneKit;
  report: QueuedReport;
  onChanged: () => Promise<void>;
  onSent: () => Promise<void>;
}) {
  const { kit, report } = props;
  const { api, host, t, act, notify } = kit;
  // The version the leader opened in the sheet: the one approved, so a later save by staff is
  // not approved unread (the server refuses a stale version).
  const [readVersion, setReadVersion] = useState<number | null>(null);
  const requirement = {
    requiresApproval: true,
    requiresSignature: report.request.requiresSignature,
  };
  const may = (action: Parameters<typeof approvalTransition>[0]) =>
    approvalTransition(action, report.status, requirement).ok;
  const signatureStands =
    report.signature?.valid === true && report.signature.version === report.version;
  const maySend = may('send') && (!report.request.requiresSignature || signatureStands);

  const run = (work: () => Promise<string>, after: () => Promise<void> = props.onChanged) =>
    act(async () => {
      const text = await work();
      await after();
      notify({ intent: 'success', text });
    });

  const open = () =>
    act(async () => {
      const sheet = await api.sheetOf(report.request.id, report.org.id);
      const version = sheet.submission?.version ?? report.version;
      const name = await pullReview(host, {
        sheet,
        org: report.org,
        requestTitle: report.request.title,
        status: STATE_LABEL[report.status],
        version,
        submittedAt: null,
        late: false,
        returnReason: null,
      });
      setReadVersion(version);
      notify({ intent: 'success', text: t.openedReadOnly(name) });
    });

  return (
    <Card data-approval={report.id} aria-label={`${report.org.name}: ${report.request.title}`}>
      <Text weight="semibold">
        {report.org.name} — {report.request.title}
      </Text>
      <Text size={200}>
        <span data-report-state={report.status}>{t.status[report.status]}</span> · {t.version}{' '}
        {report.version}
        {report.approvedAt && ` · ${t.approvedAt(formatVietnamTime(report.approvedAt))}`}
      </Text>
      <SignatureLine signature={report.signature ?? null} t={t} />
      <HistoryList events={report.history} t={t} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button disabled={kit.busy} onClick={open}>
          {t.openReadOnly}
        </Button>
        {may('approve') && (
          <Button
            appearance="primary"
            disabled={kit.busy}
            onClick={() =>
              run(async () => {
                const approved = await api.approve(report.id, readVersion ?? report.version);
                return t.approvedIt(report.org.name, approved.version);
              })
            }
          >
            {t.approve}
          </Button>
        )}
        {may('unapprove') && (
          <Button
            disabled={kit.busy}
            onClick={() =>
              run(async () => {
                await api.unapprove(report.id);
                return t.unapproved(report.request.title);
              })
            }
          >
            {t.unapprove}
          </Button>
        )}
      </div>
      {may('sign') && <SigningPanel kit={kit} report={report} onSigned={props.onChanged} />}
      {may('send') && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {!maySend && <Text size={200}>{t.signatureRequired}</Text>}
          <Button
            appearance="primary"
            disabled={kit.busy || !maySend}
            onClick={() =>
              run(async () => {
                const sent = await api.sendSubmission(report.id);
                return t.sentOff(report.org.name, sent.version);
              }, props.onSent)
            }
          >
            {t.sendToSo}
          </Button>
        </div>
      )}
      {may('returnToStaff') && (
        <ReturnWithReason
          label={t.returnToStaffLabel}
          requiredMessage={t.staffReasonRequired}
          name="return-to-staff-reason"
          button={t.returnToStaff}
          busy={kit.busy}
          onReturn={(reason, clear) =>
            void run(async () => {
              await api.returnToStaff(report.id, reason);
              clear();
              return t.returnedToStaff(report.org.name);
            }, props.onSent)
          }
        />
      )}
    </Card>
  );
}
