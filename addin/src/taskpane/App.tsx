// The task pane: sign in, the reports the agency owes, and for the chosen one: load the template
// into the workbook, save a draft, send, refresh. Problems are checked in the pane with the
// server's own rules before anything is sent, and marked on their cells either way.
import {
  Badge,
  Button,
  Card,
  Divider,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { checkSave } from '../../../shared/reporting/check-save.ts';
import {
  hasUnsentEdits,
  markProblems,
  pullReport,
  readReport,
  setBaseVersion,
} from '../excel/report-workbook.ts';
import type { ExcelRun } from '../excel/workbook.ts';
import { Api, ApiError, type Me, type OwedRequest } from './api.ts';
import { countdown, strings, type Lang } from './i18n.ts';
import { recall, remember, type Remembered } from './storage.ts';

type Message = {
  intent: 'success' | 'error' | 'warning' | 'info';
  text: string;
  /** The first problems, also listed here: not every Excel shows notes on cells. */
  details?: string[];
} | null;

const STATUS_COLOR = {
  NONE: 'informative',
  DRAFT: 'warning',
  SUBMITTED: 'success',
  RETURNED: 'danger',
  ACCEPTED: 'brand',
} as const;

export function App({ run, defaultServer }: { run: ExcelRun; defaultServer: string }) {
  const [memory, setMemory] = useState<Remembered>(() => recall(defaultServer));
  const [me, setMe] = useState<Me | null>(null);
  const [owed, setOwed] = useState<OwedRequest[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const t = strings[memory.lang];
  const api = useMemo(() => new Api(memory.server, memory.token), [memory.server, memory.token]);

  const keep = useCallback((next: Remembered) => {
    remember(next);
    setMemory(next);
  }, []);

  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      setMessage({ intent: 'error', text });
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') setMe(null);
    } finally {
      setBusy(false);
    }
  }, []);

  const load = useCallback(async () => {
    setMe(await api.me());
    setOwed(await api.owed());
  }, [api]);

  useEffect(() => {
    if (memory.token) void act(load);
  }, [memory.token, act, load]);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const chosenRequest = owed.find((r) => r.id === chosen) ?? null;

  // Office task panes cannot show window.confirm: overwriting unsent edits is confirmed in the pane.
  const [confirmingPull, setConfirmingPull] = useState(false);
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
      setMessage({ intent: 'success', text: t.pulled });
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
        setMessage({
          intent: 'error',
          text: t.problems(result.problems.length),
          details: result.problems.slice(0, 5).map((p) => p.message),
        });
        return;
      }
      const s = result.submission!;
      await setBaseVersion(run, s.version);
      setOwed(await api.owed());
      setMessage({
        intent: 'success',
        text: submit ? t.sent(s.version, s.late) : t.saved(s.version),
      });
    });

  const header = (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
      <Text weight="semibold" size={500}>
        {t.title}
      </Text>
      <Link onClick={() => keep({ ...memory, lang: memory.lang === 'vi' ? 'en' : 'vi' })}>
        {t.language}
      </Link>
    </div>
  );

  return (
    <FluentProvider theme={webLightTheme} lang={memory.lang}>
      <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
        {header}
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>
              <span role="status">{message.text}</span>
              {message.details && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 16 }}>
                  {message.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {busy && <Spinner size="tiny" label={t.working} />}
        {!me ? (
          <SignIn
            lang={memory.lang}
            onLogin={(email, password) =>
              act(async () => {
                const { token } = await new Api(memory.server, null).login(email, password);
                keep({ ...memory, token });
              })
            }
            onToken={(token) => act(async () => keep({ ...memory, token }))}
          />
        ) : (
          <>
            <Text>
              {me.name} — {me.org.name}{' '}
              <Link onClick={() => (keep({ ...memory, token: null }), setMe(null), setOwed([]))}>
                {t.signOut}
              </Link>
            </Text>
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
                    {r.period.label} · {t.deadline}:{' '}
                    {new Date(r.deadline).toLocaleString(memory.lang === 'vi' ? 'vi-VN' : 'en-GB', {
                      timeZone: 'Asia/Ho_Chi_Minh',
                      dateStyle: 'short',
                      timeStyle: 'short',
                    })}{' '}
                    ({left.past ? t.late(left.days) : t.left(left.days, left.hours)})
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
                <Button appearance="primary" disabled={busy} onClick={() => pull(false)}>
                  {t.pull}
                </Button>
                <Button disabled={busy} onClick={() => send(false)}>
                  {t.saveDraft}
                </Button>
                <Button appearance="primary" disabled={busy} onClick={() => send(true)}>
                  {t.submit}
                </Button>
                <Button disabled={busy} onClick={() => act(load)}>
                  {t.refresh}
                </Button>
              </div>
            )}
          </>
        )}
        <Divider />
        <ServerSetting
          lang={memory.lang}
          server={memory.server}
          onSave={(server) => keep({ ...memory, server })}
        />
      </main>
    </FluentProvider>
  );
}

function SignIn(props: {
  lang: Lang;
  onLogin: (email: string, password: string) => void;
  onToken: (token: string) => void;
}) {
  const t = strings[props.lang];
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  return (
    <form
      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      onSubmit={(e) => {
        e.preventDefault();
        props.onLogin(email, password);
      }}
    >
      <Field label={t.email}>
        <Input name="email" type="email" value={email} onChange={(_e, d) => setEmail(d.value)} />
      </Field>
      <Field label={t.password}>
        <Input
          name="password"
          type="password"
          value={password}
          onChange={(_e, d) => setPassword(d.value)}
        />
      </Field>
      <Button appearance="primary" type="submit">
        {t.signIn}
      </Button>
      <Text size={200}>{t.orToken}</Text>
      <Field label={t.token}>
        <Input name="token" value={token} onChange={(_e, d) => setToken(d.value)} />
      </Field>
      <Button disabled={!token.trim()} onClick={() => props.onToken(token.trim())}>
        {t.useToken}
      </Button>
    </form>
  );
}

function ServerSetting(props: { lang: Lang; server: string; onSave: (server: string) => void }) {
  const t = strings[props.lang];
  const [server, setServer] = useState(props.server);
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'end' }}>
      <Field label={t.server} style={{ flexGrow: 1 }}>
        <Input name="server" value={server} onChange={(_e, d) => setServer(d.value)} />
      </Field>
      <Button onClick={() => props.onSave(server.trim().replace(/\/$/, ''))}>{t.saveServer}</Button>
    </div>
  );
}
