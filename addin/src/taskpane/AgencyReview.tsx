// Reviewing one agency's report: find the agency by name (or from the selected row of a sheet),
// open its report read-only in a sheet, read its digital signature and history, accept it, or
// return it with a reason.
import { Badge, Button, Card, Field, Input, Text } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { STATE_LABEL } from '../../../shared/reporting/consolidated-layout.ts';
import { isInsideAgency } from '../../../shared/reporting/status.ts';
import { foldVietnamese } from '../../../shared/text/fold.ts';
import { pullReview, selectedOrgId } from '../excel/consolidation-workbook.ts';
import type { RecipientStanding, Standing } from './api.ts';
import type { PaneKit } from './kit.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { STATUS_COLOR } from './ReporterView.tsx';
import { ReturnWithReason } from './ReturnWithReason.tsx';
import { HistoryList, SignatureLine } from './SubmissionFacts.tsx';

const SHOWN_AGENCIES = 8;

export function AgencyReview(props: {
  kit: PaneKit;
  standing: Standing;
  onReviewed: () => Promise<void>;
}) {
  const { kit, standing } = props;
  const { api, host, t, act } = kit;
  const [filter, setFilter] = useState('');
  const [agency, setAgency] = useState<string | null>(null);

  const matches = useMemo(() => {
    const wanted = foldVietnamese(filter.trim());
    return standing.recipientStatuses.filter((r) => foldVietnamese(r.org.name).includes(wanted));
  }, [standing, filter]);
  const chosen = standing.recipientStatuses.find((r) => r.org.id === agency) ?? null;

  return (
    <>
      <Text weight="semibold">{t.reviewTitle}</Text>
      <div style={{ display: 'flex', gap: 8, alignItems: 'end' }}>
        <Field label={t.findAgency} style={{ flexGrow: 1 }}>
          <Input name="agency-filter" value={filter} onChange={(_e, d) => setFilter(d.value)} />
        </Field>
        <Button
          disabled={kit.busy}
          onClick={() =>
            act(async () => {
              const id = await selectedOrgId(host);
              if (!id || !standing.recipientStatuses.some((r) => r.org.id === id)) {
                throw new Error(t.noAgencySelected);
              }
              setAgency(id);
            })
          }
        >
          {t.agencyOnRow}
        </Button>
      </div>
      <div role="listbox" aria-label={t.reviewTitle}>
        {matches.slice(0, SHOWN_AGENCIES).map((r) => (
          <div
            key={r.org.id}
            role="option"
            aria-selected={r.org.id === agency}
            onClick={() => setAgency(r.org.id)}
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              gap: 8,
              padding: '4px 6px',
              cursor: 'pointer',
              background: r.org.id === agency ? '#EBF3FC' : undefined,
            }}
          >
            <Text size={200}>{r.org.name}</Text>
            <Badge size="small" color={STATUS_COLOR[r.state]} data-state={r.state}>
              {r.overdue ? `${t.status[r.state]}, ${t.overdueShort}` : t.status[r.state]}
            </Badge>
          </div>
        ))}
        {matches.length > SHOWN_AGENCIES && (
          <Text size={200}>{t.more(matches.length - SHOWN_AGENCIES)}</Text>
        )}
      </div>
      {chosen && (
        <ReviewCard
          key={chosen.org.id}
          kit={kit}
          standing={standing}
          agency={chosen}
          onReviewed={props.onReviewed}
          view={() =>
            act(async () => {
              const sheet = await api.sheetOf(standing.id, chosen.org.id);
              const name = await pullReview(host, {
                sheet,
                org: chosen.org,
                requestTitle: standing.title,
                status: STATE_LABEL[chosen.state],
                version: chosen.version,
                submittedAt: chosen.submittedAt,
                late: chosen.late,
                returnReason: chosen.returnReason,
              });
              kit.notify({ intent: 'success', text: t.reviewPulled(name) });
            })
          }
        />
      )}
    </>
  );
}

function ReviewCard(props: {
  kit: PaneKit;
  standing: Standing;
  agency: RecipientStanding;
  onReviewed: () => Promise<void>;
  view: () => void;
}) {
  const { kit, agency } = props;
  const { api, t, act, notify } = kit;
  // A report still inside its agency is not the consolidator's to read.
  const readable = agency.submissionId !== null && !isInsideAgency(agency.state);
  const facts = useQuery({
    queryKey: [
      'submission-review',
      api.server,
      api.token,
      props.standing.id,
      agency.org.id,
      agency.state,
      agency.version,
    ],
    queryFn: () => api.submissionReview(props.standing.id, agency.org.id),
    enabled: readable,
  });

  const review = (work: () => Promise<string>) =>
    act(async () => {
      const text = await work();
      await props.onReviewed();
      notify({ intent: 'success', text });
    });

  return (
    <Card data-agency={agency.org.id}>
      <Text weight="semibold">{agency.org.name}</Text>
      <Text size={200}>
        <span data-agency-state={agency.state}>{t.status[agency.state]}</span>
        {agency.version > 0 && ` · ${t.version} ${agency.version}`}
        {agency.submittedAt &&
          ` · ${t.sentAt} ${formatVietnamTime(agency.submittedAt)}${agency.late ? ` (${t.lateMark})` : ''}`}
      </Text>
      {agency.returnReason && agency.state === 'RETURNED' && (
        <Text size={200}>
          {t.returnReason}: {agency.returnReason}
        </Text>
      )}
      {facts.error && <Text role="alert">{facts.error.message}</Text>}
      {facts.data && (
        <>
          {(facts.data.signature || props.standing.requiresSignature) && (
            <SignatureLine signature={facts.data.signature ?? null} t={t} />
          )}
          <HistoryList events={facts.data.history} t={t} />
        </>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button disabled={kit.busy || !agency.submissionId} onClick={props.view}>
          {t.viewReport}
        </Button>
        <Button
          appearance="primary"
          disabled={kit.busy || agency.state !== 'SUBMITTED'}
          onClick={() =>
            review(async () => {
              await api.acceptSubmission(agency.submissionId!);
              return t.accepted(agency.org.name);
            })
          }
        >
          {t.accept}
        </Button>
      </div>
      {agency.state === 'SUBMITTED' && (
        <ReturnWithReason
          label={t.returnReasonLabel}
          requiredMessage={t.reasonRequired}
          name="return-reason"
          button={t.returnIt}
          busy={kit.busy}
          onReturn={(reason, clear) =>
            void review(async () => {
              await api.returnSubmission(agency.submissionId!, reason);
              clear();
              return t.returned(agency.org.name);
            })
          }
        />
      )}
    </Card>
  );
}
