// What reached the signed-in user and is not read yet: deadline reminders for their agency's
// report, a report waiting for their approval. Shown above every view, so nobody has to look for
// it; read ones go away. Fetched again when the pane regains focus and every few minutes.
import { Button, Card, Link, Text } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import type { PaneKit } from './kit.ts';

const REFRESH_MS = 5 * 60_000;

export function Notifications({ kit }: { kit: PaneKit }) {
  const { api, t, act } = kit;
  const queryClient = useQueryClient();
  const queryKey = ['notifications', api.server, api.token];
  const unread = useQuery({
    queryKey,
    queryFn: () => api.notifications(true),
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  const notices = unread.data ?? [];
  if (!notices.length) return null;
  const markRead = (ids?: string[]) =>
    act(async () => {
      await api.markRead(ids);
      await queryClient.invalidateQueries({ queryKey });
    });
  return (
    <section aria-label={t.notificationsTitle(notices.length)} data-notifications>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text weight="semibold">{t.notificationsTitle(notices.length)}</Text>
        {notices.length > 1 && (
          <Link onClick={() => void markRead()} disabled={kit.busy}>
            {t.markAllRead}
          </Link>
        )}
      </div>
      {notices.map((n) => (
        <Card key={n.id} data-notification={n.id} size="small">
          <Text weight="semibold">{n.title}</Text>
          <Text size={200}>{formatVietnamTime(n.createdAt)}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
          <Button size="small" disabled={kit.busy} onClick={() => void markRead([n.id])}>
            {t.markRead}
          </Button>
        </Card>
      ))}
    </section>
  );
}
