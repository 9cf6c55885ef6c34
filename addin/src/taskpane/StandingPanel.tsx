// One request as its consolidating department follows it: the completeness figures, the
// completeness sheet (loaded and refreshed on demand), the consolidated tables, the list of
// agencies still owing with their contacts, the documents and reminders (RequestReminders.tsx),
// and the review of one agency's report.
import { Button, Field, Text, Textarea } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reminderList } from '../../../shared/reporting/consolidated-layout.ts';
import { pullCompleteness, pullConsolidatedPages } from '../excel/consolidation-workbook.ts';
import { AgencyReview } from './AgencyReview.tsx';
import type { Standing } from './api.ts';
import { AGENCY_PAGE_MAX, pagedSource } from './consolidation-pages.ts';
import type { PaneKit } from './kit.ts';
import { RequestDocuments, RequestReminders } from './RequestReminders.tsx';

export function StandingPanel({ kit, requestId }: { kit: PaneKit; requestId: string }) {
  const { api, host, t, act, notify } = kit;
  const queryClient = useQueryClient();
  const queryKey = ['standing', api.server, api.token, requestId];
  const standing = useQuery({ queryKey, queryFn: () => api.standing(requestId) });
  /** Whether this request's completeness sheet is in the workbook: refreshed after a review. */
  const [sheetLoaded, setSheetLoaded] = useState(false);
  const [showReminder, setShowReminder] = useState(false);
  /** How far the consolidation has been read, while it is. */
  const [progress, setProgress] = useState<string | null>(null);

  const toSheet = async (next: Standing) => {
    await pullCompleteness(
      host,
      {
        title: next.title,
        periodLabel: next.period.label,
        deadline: next.deadline,
        at: new Date(),
      },
      next.completeness,
      next.recipientStatuses,
    );
    setSheetLoaded(true);
  };

  /** Fresh standing from the server, into the completeness sheet too when it is there. */
  const refresh = async (intoSheet: boolean) => {
    const next = await queryClient.fetchQuery({
      queryKey,
      queryFn: () => api.standing(requestId),
      staleTime: 0,
    });
    if (intoSheet) await toSheet(next);
  };

  // Fresh standing first (the figures in the message), then the consolidation page by page into
  // its sheets, how far it has read shown under the buttons.
  const consolidate = () =>
    act(async () => {
      try {
        const fresh = await queryClient.fetchQuery({
          queryKey,
          queryFn: () => api.standing(requestId),
          staleTime: 0,
        });
        setProgress(t.consolidationStarting);
        const source = await pagedSource(api.consolidationPages(requestId), AGENCY_PAGE_MAX, (p) =>
          setProgress(t.consolidationProgress(p.agencies, p.of, p.table, p.tables)),
        );
        const sheets = await pullConsolidatedPages(host, source);
        notify({
          intent: 'success',
          text: t.consolidated(fresh.completeness.submitted, sheets.length),
        });
      } finally {
        setProgress(null);
      }
    });

  if (standing.error) return <Text role="alert">{standing.error.message}</Text>;
  const s = standing.data;
  if (!s) return null;
  const c = s.completeness;
  const reminder = reminderList(s.recipientStatuses);

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Text data-completeness>
        {t.completeness(
          c.submitted,
          c.expected,
          c.late,
          c.missing,
          c.pendingApproval,
          c.returned,
          c.accepted,
        )}
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
          {sheetLoaded ? t.refreshCompleteness : t.pullCompleteness}
        </Button>
        <Button disabled={kit.busy} onClick={consolidate}>
          {t.pullConsolidated}
        </Button>
        <Button disabled={kit.busy} onClick={() => setShowReminder(!showReminder)}>
          {t.reminder(c.missing + c.returned)}
        </Button>
      </div>
      {progress && <Text data-consolidation-progress>{progress}</Text>}
      {showReminder && <Reminder kit={kit} text={reminder} />}
      <RequestDocuments kit={kit} requestId={requestId} />
      <RequestReminders kit={kit} requestId={requestId} />
      <AgencyReview kit={kit} standing={s} onReviewed={() => refresh(sheetLoaded)} />
    </section>
  );
}

function Reminder({ kit, text }: { kit: PaneKit; text: string }) {
  const { t, act, notify } = kit;
  return (
    <Field label={t.reminderHint}>
      <Textarea readOnly rows={6} value={text || t.nobodyMissing} name="reminder" />
      <Button
        size="small"
        onClick={() =>
          act(async () => {
            await copyText(text, t.copyFailed);
            notify({ intent: 'success', text: t.copied });
          })
        }
      >
        {t.copy}
      </Button>
    </Field>
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
