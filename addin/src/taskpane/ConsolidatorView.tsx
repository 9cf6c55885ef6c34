// The consolidating department's side: the requests it oversees, opening a new one, and for the
// chosen request its standing (StandingPanel): who has reported, the consolidated tables, the
// reminder list and the review of one agency's report.
import { Button, Card, Text } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { countdown } from './i18n.ts';
import type { PaneKit } from './kit.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { OpenRequestForm } from './OpenRequestForm.tsx';
import { StandingPanel } from './StandingPanel.tsx';

export function ConsolidatorView({ kit }: { kit: PaneKit }) {
  const { api, t } = kit;
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const requests = useQuery({
    queryKey: ['overseen', api.server, api.token],
    queryFn: () => api.overseen(),
  });

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
            await queryClient.invalidateQueries({ queryKey: ['overseen'] });
            setChosen(id);
          }}
        />
      )}
      {requests.error && <Text role="alert">{requests.error.message}</Text>}
      {requests.isSuccess && requests.data.length === 0 && <Text>{t.noneOverseen}</Text>}
      {(requests.data ?? []).map((r) => {
        const left = countdown(new Date(r.deadline), new Date());
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
              {left.past ? t.overdue : t.left(left.days, left.hours)}) ·{' '}
              {t.recipients(r.recipientCount)}
            </Text>
          </Card>
        );
      })}
      {chosen && <StandingPanel key={chosen} kit={kit} requestId={chosen} />}
    </>
  );
}
