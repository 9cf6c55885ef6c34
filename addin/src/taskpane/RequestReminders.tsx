// For the consolidating department, beside a request's standing: the two documents it issues
// (the báo cáo tổng hợp and the công văn đôn đốc, .docx in the form of Nghị định 30/2020), the
// request's automatic reminder days, and the send log (sent, failed with the reason, retried).
import { Badge, Button, Checkbox, Field, Input, Text } from '@fluentui/react-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import type { ReminderRuleInput } from './api.ts';
import type { PaneKit } from './kit.ts';
import { saveFile } from './save-file.ts';

export function RequestDocuments({ kit, requestId }: { kit: PaneKit; requestId: string }) {
  const { api, t, act, notify } = kit;
  const download = (name: 'bao-cao-tong-hop' | 'cong-van-don-doc') =>
    act(async () => {
      const file = await api.download(`requests/${encodeURIComponent(requestId)}/${name}.docx`);
      saveFile(file);
      notify({ intent: 'success', text: t.downloaded(file.name) });
    });
  return (
    <Field label={t.documents}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Button disabled={kit.busy} onClick={() => void download('bao-cao-tong-hop')}>
          {t.consolidatedReportDocx}
        </Button>
        <Button disabled={kit.busy} onClick={() => void download('cong-van-don-doc')}>
          {t.reminderLetterDocx}
        </Button>
      </div>
    </Field>
  );
}

/** "-3, 0, 1, 3" as days, or the first part that is not a whole number. */
export function parseOffsets(text: string): { days: number[] } | { wrong: string } {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim().replace('−', '-'))
    .filter(Boolean);
  const days: number[] = [];
  for (const part of parts) {
    if (!/^[+-]?\d+$/.test(part)) return { wrong: part };
    days.push(Number(part));
  }
  return { days };
}

export function RequestReminders({ kit, requestId }: { kit: PaneKit; requestId: string }) {
  const { api, t, act, notify } = kit;
  const queryClient = useQueryClient();
  const queryKey = ['reminders', api.server, api.token, requestId];
  const reminders = useQuery({ queryKey, queryFn: () => api.reminders(requestId) });
  const [edited, setEdited] = useState<string | null>(null);
  const [attach, setAttach] = useState<boolean | null>(null);
  const [wrong, setWrong] = useState<string | null>(null);
  if (reminders.error) return <Text role="alert">{reminders.error.message}</Text>;
  const data = reminders.data;
  if (!data) return null;
  const stored = data.reminderRules.map((r) => r.offsetDays).join(', ');
  const storedAttach = data.reminderRules.some((r) => r.attachLetter);
  const text = edited ?? stored;
  const attachLetter = attach ?? storedAttach;

  const save = () => {
    const read = parseOffsets(text);
    if ('wrong' in read) {
      setWrong(t.reminderOffsetsWrong(read.wrong));
      return;
    }
    const rules: ReminderRuleInput[] = read.days.map((offsetDays) => ({
      offsetDays,
      // The letter goes with reminders once an agency is late, not before.
      attachLetter: attachLetter && offsetDays > 0,
    }));
    void act(async () => {
      await api.setReminderRules(requestId, rules);
      await queryClient.invalidateQueries({ queryKey });
      setEdited(null);
      setAttach(null);
      notify({ intent: 'success', text: t.remindersSaved(rules.length) });
    });
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-reminders>
      <Text weight="semibold">{t.autoReminders}</Text>
      <Field
        label={t.reminderOffsets}
        hint={t.reminderOffsetsHint}
        validationState={wrong ? 'error' : 'none'}
        validationMessage={wrong ?? undefined}
      >
        <Input
          name="reminder-offsets"
          value={text}
          onChange={(_e, d) => (setEdited(d.value), setWrong(null))}
        />
      </Field>
      <Checkbox
        label={t.attachLetterAfterDeadline}
        checked={attachLetter}
        onChange={(_e, d) => setAttach(d.checked === true)}
      />
      <Button size="small" disabled={kit.busy} onClick={save}>
        {t.saveReminders}
      </Button>
      <details>
        <summary>{t.sendLog(data.messageLog.length)}</summary>
        {data.messageLog.length === 0 && <Text>{t.sendLogEmpty}</Text>}
        <ul style={{ paddingInlineStart: 16, margin: 0 }}>
          {data.messageLog.map((m) => (
            <li key={m.id} data-message-status={m.status}>
              <Badge
                size="small"
                color={
                  m.status === 'SENT' ? 'success' : m.status === 'FAILED' ? 'danger' : 'informative'
                }
              >
                {t.messageStatus[m.status] ?? m.status}
              </Badge>{' '}
              <Text size={200}>
                {m.org?.name ? `${m.org.name} · ` : ''}
                {m.address} · {formatVietnamTime(m.sentAt ?? m.createdAt)}
                {m.attempts > 1 ? ` · ${t.attempts(m.attempts)}` : ''}
                {m.lastError && m.status !== 'SENT' ? ` · ${m.lastError}` : ''}
              </Text>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
