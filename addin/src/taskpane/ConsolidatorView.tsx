// The consolidating department's side: the requests it oversees, opening a new one, and for the
// chosen request: who has reported (a sheet refreshed on demand, the reminder list), the
// consolidated tables, and the review of one agency's report — read it, return it with a reason,
// or accept it — after which the completeness sheet is brought up to date.
import { Badge, Button, Card, Field, Input, Text, Textarea } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { STATE_LABEL, reminderList } from '../../../shared/reporting/consolidated-layout.ts';
import { foldVietnamese } from '../../../shared/text/fold.ts';
import {
  pullCompleteness,
  pullConsolidated,
  pullReview,
  selectedOrgId,
} from '../excel/consolidation-workbook.ts';
import type { OverseenRequest, RecipientStanding, Standing } from './api.ts';
import { countdown } from './i18n.ts';
import { shortTime, type PaneKit } from './kit.ts';
import { OpenRequestForm } from './OpenRequestForm.tsx';
import { STATUS_COLOR } from './ReporterView.tsx';

const SHOWN_AGENCIES = 8;

export function ConsolidatorView({ kit }: { kit: PaneKit }) {
  const { api, run, t, act, notify } = kit;
  const [requests, setRequests] = useState<OverseenRequest[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [standing, setStanding] = useState<Standing | null>(null);
  const [opening, setOpening] = useState(false);
  /** The request whose completeness sheet is in the workbook: it is refreshed after a review. */
  const [sheetFor, setSheetFor] = useState<string | null>(null);
  const [showReminder, setShowReminder] = useState(false);
  const [filter, setFilter] = useState('');
  const [agency, setAgency] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);

  const loadRequests = useCallback(async () => setRequests(await api.overseen()), [api]);
  useEffect(() => {
    void act(loadRequests);
  }, [act, loadRequests]);

  const choose = (id: string) =>
    act(async () => {
      setChosen(id);
      setAgency(null);
      setShowReminder(false);
      setStanding(await api.standing(id));
    });

  /** Fresh standing from the server, and the completeness sheet with it if it is there. */
  const refresh = async (toSheet: boolean): Promise<Standing> => {
    const next = await api.standing(chosen!);
    setStanding(next);
    if (toSheet) {
      await pullCompleteness(
        run,
        {
          title: next.title,
          periodLabel: next.period.label,
          deadline: next.deadline,
          at: new Date(),
        },
        next.completeness,
        next.recipientStatuses,
      );
      setSheetFor(next.id);
    }
    return next;
  };

  const consolidate = () =>
    act(async () => {
      const view = await api.consolidation(chosen!);
      setStanding(view);
      const sheets = await pullConsolidated(run, view.consolidated);
      notify({
        intent: 'success',
        text: t.consolidated(view.completeness.submitted, sheets.length),
      });
    });

  const chosenAgency = standing?.recipientStatuses.find((r) => r.org.id === agency) ?? null;

  const review = (work: (s: RecipientStanding) => Promise<string>) =>
    act(async () => {
      if (!chosenAgency) return;
      const text = await work(chosenAgency);
      await refresh(sheetFor === chosen);
      notify({ intent: 'success', text });
    });

  const matches = useMemo(() => {
    const wanted = foldVietnamese(filter.trim());
    return (standing?.recipientStatuses ?? []).filter((r) =>
      foldVietnamese(r.org.name).includes(wanted),
    );
  }, [standing, filter]);

  const reminder = standing ? reminderList(standing.recipientStatuses) : '';
  const c = standing?.completeness;

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text weight="semibold">{t.overseen}</Text>
        <Button size="small" onClick={() => setOpening(!opening)}>
          {opening ? t.cancel : t.openRequest}
        </Button>
      </div>
      {opening && (
        <OpenRequestForm
          kit={kit}
          onOpened={async (id) => {
            setOpening(false);
            await loadRequests();
            await choose(id);
          }}
        />
      )}
      {requests.length === 0 && <Text>{t.noneOverseen}</Text>}
      {requests.map((r) => {
        const left = countdown(new Date(r.deadline), new Date());
        return (
          <Card
            key={r.id}
            data-request={r.id}
            selected={r.id === chosen}
            onSelectionChange={() => void choose(r.id)}
            onClick={() => void choose(r.id)}
          >
            <Text weight="semibold">{r.title}</Text>
            <Text size={200}>
              {r.period.label} · {t.deadline}: {shortTime(r.deadline, kit.lang)} (
              {left.past ? t.overdue : t.left(left.days, left.hours)}) ·{' '}
              {t.recipients(r.recipientCount)}
            </Text>
          </Card>
        );
      })}
      {standing && c && (
        <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Text data-completeness>
            {t.completeness(c.submitted, c.expected, c.late, c.missing, c.returned, c.accepted)}
          </Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            <Button
              appearance="primary"
              disabled={kit.busy}
              onClick={() =>
                act(async () => {
                  await refresh(true);
                  notify({ intent: 'success', text: t.completenessPulled });
                })
              }
            >
              {sheetFor === standing.id ? t.refreshCompleteness : t.pullCompleteness}
            </Button>
            <Button disabled={kit.busy} onClick={consolidate}>
              {t.pullConsolidated}
            </Button>
            <Button disabled={kit.busy} onClick={() => setShowReminder(!showReminder)}>
              {t.reminder(c.missing + c.returned)}
            </Button>
          </div>
          {showReminder && (
            <Field label={t.reminderHint}>
              <Textarea readOnly rows={6} value={reminder || t.nobodyMissing} name="reminder" />
              <Button
                size="small"
                onClick={() =>
                  act(async () => {
                    await copyText(reminder, t.copyFailed);
                    notify({ intent: 'success', text: t.copied });
                  })
                }
              >
                {t.copy}
              </Button>
            </Field>
          )}

          <Text weight="semibold">{t.reviewTitle}</Text>
          <div style={{ display: 'flex', gap: 8, alignItems: 'end' }}>
            <Field label={t.findAgency} style={{ flexGrow: 1 }}>
              <Input name="agency-filter" value={filter} onChange={(_e, d) => setFilter(d.value)} />
            </Field>
            <Button
              disabled={kit.busy}
              onClick={() =>
                act(async () => {
                  const id = await selectedOrgId(run);
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
                onClick={() => (setAgency(r.org.id), setReasonMissing(false))}
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
          {chosenAgency && (
            <Card data-agency={chosenAgency.org.id}>
              <Text weight="semibold">{chosenAgency.org.name}</Text>
              <Text size={200}>
                <span data-agency-state={chosenAgency.state}>{t.status[chosenAgency.state]}</span>
                {chosenAgency.version > 0 && ` · ${t.version} ${chosenAgency.version}`}
                {chosenAgency.submittedAt &&
                  ` · ${t.sentAt} ${shortTime(chosenAgency.submittedAt, kit.lang)}${chosenAgency.late ? ` (${t.lateMark})` : ''}`}
              </Text>
              {chosenAgency.returnReason && chosenAgency.state === 'RETURNED' && (
                <Text size={200}>
                  {t.returnReason}: {chosenAgency.returnReason}
                </Text>
              )}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                <Button
                  disabled={kit.busy || !chosenAgency.submissionId}
                  onClick={() =>
                    act(async () => {
                      const sheet = await api.sheetOf(standing.id, chosenAgency.org.id);
                      const name = await pullReview(run, {
                        sheet,
                        org: chosenAgency.org,
                        requestTitle: standing.title,
                        status: STATE_LABEL[chosenAgency.state],
                        version: chosenAgency.version,
                        submittedAt: chosenAgency.submittedAt,
                        late: chosenAgency.late,
                        returnReason: chosenAgency.returnReason,
                      });
                      notify({ intent: 'success', text: t.reviewPulled(name) });
                    })
                  }
                >
                  {t.viewReport}
                </Button>
                <Button
                  appearance="primary"
                  disabled={kit.busy || chosenAgency.state !== 'SUBMITTED'}
                  onClick={() =>
                    review(async (s) => {
                      await api.acceptSubmission(s.submissionId!);
                      return t.accepted(s.org.name);
                    })
                  }
                >
                  {t.accept}
                </Button>
              </div>
              {chosenAgency.state === 'SUBMITTED' && (
                <>
                  <Field
                    label={t.returnReasonLabel}
                    required
                    validationState={reasonMissing ? 'error' : 'none'}
                    validationMessage={reasonMissing ? t.reasonRequired : undefined}
                  >
                    <Textarea
                      name="return-reason"
                      value={reason}
                      onChange={(_e, d) => (setReason(d.value), setReasonMissing(false))}
                    />
                  </Field>
                  <Button
                    disabled={kit.busy}
                    onClick={() => {
                      if (!reason.trim()) {
                        setReasonMissing(true);
                        return;
                      }
                      void review(async (s) => {
                        await api.returnSubmission(s.submissionId!, reason.trim());
                        setReason('');
                        return t.returned(s.org.name);
                      });
                    }}
                  >
                    {t.returnIt}
                  </Button>
                </>
              )}
            </Card>
          )}
        </section>
      )}
    </>
  );
}

/** The clipboard where the host allows it; otherwise a hidden text area and the copy command. */
async function copyText(text: string, failed: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Office hosts may refuse the clipboard API in a task pane: fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error(failed);
}
