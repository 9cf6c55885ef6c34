// The task pane's shell: sign in, the server address, the language, and the views the user's roles
// open: the agency's reports to send (ReporterView) and, for the consolidating department, the
// requests it oversees (ConsolidatorView).
import {
  Button,
  Divider,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExcelRun } from '../excel/workbook.ts';
import { Api, ApiError, type Me } from './api.ts';
import { ConsolidatorView } from './ConsolidatorView.tsx';
import { strings, type Lang } from './i18n.ts';
import type { Message, PaneKit } from './kit.ts';
import { ReporterView } from './ReporterView.tsx';
import { recall, remember, type Remembered } from './storage.ts';

const OVERSEEING_ROLES = ['CONSOLIDATOR', 'ANALYST', 'ADMIN'];

export function App({ run, defaultServer }: { run: ExcelRun; defaultServer: string }) {
  const [memory, setMemory] = useState<Remembered>(() => recall(defaultServer));
  const [me, setMe] = useState<Me | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<'reports' | 'consolidation'>('reports');
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

  useEffect(() => {
    if (!memory.token) return;
    void act(async () => {
      const user = await api.me();
      setMe(user);
      // Consolidators start where their work is.
      setView(user.roles.some((r) => OVERSEEING_ROLES.includes(r)) ? 'consolidation' : 'reports');
    });
  }, [memory.token, act, api]);

  const kit: PaneKit = { api, run, t, lang: memory.lang, busy, act, notify: setMessage };
  const oversees = me?.roles.some((r) => OVERSEEING_ROLES.includes(r)) ?? false;

  return (
    <FluentProvider theme={webLightTheme} lang={memory.lang}>
      <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Text weight="semibold" size={500}>
            {t.title}
          </Text>
          <Link onClick={() => keep({ ...memory, lang: memory.lang === 'vi' ? 'en' : 'vi' })}>
            {t.language}
          </Link>
        </div>
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
              <Link onClick={() => (keep({ ...memory, token: null }), setMe(null))}>
                {t.signOut}
              </Link>
            </Text>
            {oversees && (
              <TabList
                selectedValue={view}
                onTabSelect={(_e, d) => setView(d.value as typeof view)}
                size="small"
              >
                <Tab value="consolidation">{t.consolidationTab}</Tab>
                <Tab value="reports">{t.reportsTab}</Tab>
              </TabList>
            )}
            {oversees && view === 'consolidation' ? (
              <ConsolidatorView kit={kit} />
            ) : (
              <ReporterView kit={kit} />
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
