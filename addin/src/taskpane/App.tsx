// The task pane's shell: sign in (SignIn.tsx), the server address, the language, and the views the
// user's roles open: the agency's reports to send (ReporterView), for its leader the reports
// waiting for approval and signature (ApprovalView) and, for the consolidating department, the
// requests it oversees (ConsolidatorView). Reads go through one query client
// (cached per server and token, refetched after actions); actions run one at a time with their
// errors shown, and a failure that doing the same again may cure (a cell still in edit mode, an
// answer lost on the network) offers "Thử lại".
import {
  Badge,
  Button,
  Divider,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  webLightTheme,
} from '@fluentui/react-components';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { isOverseeingRole } from '../../../shared/auth/roles.ts';
import { ExcelError, type ExcelHost } from '../excel/host.ts';
import { Api, ApiError, serverAddressProblem } from './api.ts';
import { ApprovalView } from './ApprovalView.tsx';
import { ConsolidatorView } from './ConsolidatorView.tsx';
import { strings, type Lang } from './i18n.ts';
import type { Message, PaneKit } from './kit.ts';
import { Notifications } from './Notifications.tsx';
import { ReporterView } from './ReporterView.tsx';
import { SignIn } from './SignIn.tsx';
import { recall, remember, type Remembered } from './storage.ts';
import { useReportSync } from './use-report-sync.ts';
import { WorkbookPanel } from './WorkbookPanel.tsx';

type View = 'reports' | 'approval' | 'consolidation';

/**
 * The views a user's roles open, the first where their work is: the consolidating department's,
 * the leader's, the agency's reports. Overseers keep the reports tab they always had; a leader
 * who is not also staff has no reports to fill.
 */
export function viewsOf(roles: readonly string[]): View[] {
  const oversees = roles.some(isOverseeingRole);
  const approves = roles.includes('APPROVER');
  const views: View[] = [];
  if (oversees) views.push('consolidation');
  if (approves) views.push('approval');
  if (oversees || roles.includes('REPORTER') || !approves) views.push('reports');
  return views;
}

/** Errors worth trying again as they are: the network, a server starting, Excel's edit mode. */
function retryable(error: unknown): boolean {
  if (error instanceof ExcelError) return error.retry;
  return (
    error instanceof ApiError && (error.code === 'NETWORK' || error.code === 'SERVICE_UNAVAILABLE')
  );
}

export function App(props: { host: ExcelHost; defaultServer: string }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Reads may be asked again after a network failure; never after an answer.
          queries: {
            retry: (count, error) =>
              count < 2 && error instanceof ApiError && error.code === 'NETWORK',
            refetchOnWindowFocus: false,
            staleTime: 30_000,
          },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <Pane {...props} />
    </QueryClientProvider>
  );
}

function Pane({ host, defaultServer }: { host: ExcelHost; defaultServer: string }) {
  const queryClient = useQueryClient();
  const [memory, setMemory] = useState<Remembered>(() => recall(defaultServer));
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<View | null>(null);
  const t = strings[memory.lang];
  const api = useMemo(() => new Api(memory.server, memory.token), [memory.server, memory.token]);

  const keep = useCallback((next: Remembered) => {
    remember(next);
    setMemory(next);
  }, []);

  const me = useQuery({
    queryKey: ['me', memory.server, memory.token],
    queryFn: () => api.me(),
    enabled: memory.token !== null,
  });
  const signedOut = me.error instanceof ApiError && me.error.code === 'UNAUTHENTICATED';
  const user = memory.token && !signedOut ? (me.data ?? null) : null;
  // Signed in before, and the server cannot be reached now: the workbook's report still works.
  // (A read the browser holds back because it knows it is offline waits "paused", with no error.)
  const offlineWithToken =
    !user &&
    memory.token !== null &&
    ((me.error instanceof ApiError && me.error.code === 'NETWORK') || me.fetchStatus === 'paused');

  const act = useCallback(
    async function attempt(work: () => Promise<void>): Promise<void> {
      setBusy(true);
      setMessage(null);
      try {
        await work();
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        setMessage({
          intent: 'error',
          text,
          retry: retryable(error) ? () => void attempt(work) : undefined,
        });
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          await queryClient.invalidateQueries({ queryKey: ['me'] });
        }
      } finally {
        setBusy(false);
      }
    },
    [queryClient],
  );

  const sync = useReportSync({
    api,
    host,
    t,
    signedIn: memory.token !== null && !signedOut,
    notify: setMessage,
    // The server's answers are read again; the connection check and the workbook are not.
    onChanged: useCallback(
      () =>
        void queryClient.invalidateQueries({
          predicate: (q) => !['reachable', 'workbook-record'].includes(String(q.queryKey[0])),
        }),
      [queryClient],
    ),
  });
  const kit: PaneKit = { api, host, t, lang: memory.lang, busy, act, notify: setMessage, sync };
  const views = viewsOf(user?.roles ?? []);
  // Each person starts where their work is.
  const shown = view && views.includes(view) ? view : views[0]!;
  const queryError = me.error && !signedOut && !offlineWithToken ? me.error.message : null;

  return (
    <FluentProvider theme={webLightTheme} lang={memory.lang}>
      <main style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Text weight="semibold" size={500}>
            {t.title}
          </Text>
          <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            {sync.online === false && (
              <Badge color="danger" data-connection="offline" title={t.offlineHint}>
                {t.offline}
              </Badge>
            )}
            <Link onClick={() => keep({ ...memory, lang: memory.lang === 'vi' ? 'en' : 'vi' })}>
              {t.language}
            </Link>
          </span>
        </div>
        {sync.online === false && <Text size={200}>{t.offlineHint}</Text>}
        {(message || queryError) && (
          <MessageBar intent={message?.intent ?? 'error'}>
            <MessageBarBody>
              <span role="status">{message?.text ?? queryError}</span>
              {message?.details && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 16 }}>
                  {message.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
            {message?.retry && (
              <MessageBarActions>
                <Button onClick={message.retry}>{t.retry}</Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {(busy || me.isFetching) && <Spinner size="tiny" label={t.working} />}
        <WorkbookPanel
          kit={kit}
          signedIn={user !== null || offlineWithToken}
          listShown={user !== null && shown === 'reports'}
        />
        {offlineWithToken ? (
          <Text>{t.offlineSignedIn}</Text>
        ) : !user ? (
          !me.isFetching && (
            <SignIn
              lang={memory.lang}
              onLogin={(email, password) =>
                act(async () => {
                  const { token } = await new Api(memory.server, null).login(email, password);
                  keep({ ...memory, token });
                })
              }
              onToken={(token) => act(async () => keep({ ...memory, token }))}
              onActivate={(email, code, newPassword) =>
                act(async () => {
                  const api = new Api(memory.server, null);
                  const { token } = await api.activate(email, code, newPassword);
                  keep({ ...memory, token });
                  setMessage({ intent: 'success', text: t.activated });
                })
              }
              onRequestReset={(email, sent) =>
                act(async () => {
                  await new Api(memory.server, null).requestPasswordReset(email);
                  setMessage({ intent: 'success', text: t.resetCodeSent });
                  sent();
                })
              }
              onResetPassword={(email, code, newPassword) =>
                act(async () => {
                  const api = new Api(memory.server, null);
                  const { token } = await api.resetPassword(email, code, newPassword);
                  keep({ ...memory, token });
                  setMessage({ intent: 'success', text: t.passwordReset });
                })
              }
            />
          )
        ) : (
          <>
            <Text>
              {user.name} — {user.org.name}{' '}
              <Link
                onClick={() => {
                  keep({ ...memory, token: null });
                  setView(null);
                  queryClient.clear();
                }}
              >
                {t.signOut}
              </Link>
            </Text>
            {views.length > 1 && (
              <TabList
                selectedValue={shown}
                onTabSelect={(_e, d) => setView(d.value as View)}
                size="small"
              >
                {views.map((v) => (
                  <Tab key={v} value={v}>
                    {v === 'consolidation'
                      ? t.consolidationTab
                      : v === 'approval'
                        ? t.approvalTab
                        : t.reportsTab}
                  </Tab>
                ))}
              </TabList>
            )}
            <Notifications kit={kit} />
            {shown === 'consolidation' ? (
              <ConsolidatorView kit={kit} />
            ) : shown === 'approval' ? (
              <ApprovalView kit={kit} />
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

/** The server address, checked before it is kept: an http:// address cannot work from Excel. */
function ServerSetting(props: { lang: Lang; server: string; onSave: (server: string) => void }) {
  const t = strings[props.lang];
  const [server, setServer] = useState(props.server);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'end' }}>
      <Field
        label={t.server}
        style={{ flexGrow: 1 }}
        validationState={problem ? 'error' : 'none'}
        validationMessage={problem ?? undefined}
      >
        <Input
          name="server"
          value={server}
          onChange={(_e, d) => (setServer(d.value), setProblem(null))}
        />
      </Field>
      <Button
        onClick={() => {
          const next = server.trim().replace(/\/$/, '');
          const wrong = serverAddressProblem(next, location.protocol);
          setProblem(wrong);
          if (!wrong) props.onSave(next);
        }}
      >
        {t.saveServer}
      </Button>
    </div>
  );
}
