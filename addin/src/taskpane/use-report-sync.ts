// The pane's hold on the report in the workbook: whether the server can be reached (checked on a
// timer while saves wait or the connection is down, when the pane gets the focus, and when the
// browser says it is online again), what the workbook holds (its report, state and waiting
// saves), and the actions on it. Every save goes through report-sync.ts.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { StoredReport } from '../../../shared/reporting/workbook-record.ts';
import type { ExcelHost } from '../excel/host.ts';
import { adoptWorksheets } from '../excel/report-store.ts';
import { ApiError, type Api } from './api.ts';
import type { Strings } from './i18n.ts';
import type { Message } from './kit.ts';
import {
  dropQueue,
  keepMine,
  saveInWorkbook,
  sendQueue,
  takeServers,
  type Conflict,
  type SaveOutcome,
  type SendOutcome,
} from './report-sync.ts';

/** How often the server is tried while it cannot be reached or saves wait. */
export const RECONNECT_INTERVAL_MS = 15_000;

export interface ReportSync {
  /** null until the first check. */
  online: boolean | null;
  /** The workbook's record (null: no report in it). */
  stored: StoredReport | null;
  conflict: Conflict | null;
  refusal: string | null;
  save: (submit: boolean, requestId?: string) => Promise<void>;
  sendNow: () => Promise<SendOutcome | null>;
  keepMine: () => Promise<void>;
  takeServers: () => Promise<void>;
  dropQueue: () => Promise<void>;
  /** Reads the workbook's record again (after a pull). */
  reload: () => Promise<void>;
}

export function useReportSync(props: {
  api: Api;
  host: ExcelHost;
  t: Strings;
  signedIn: boolean;
  notify: (message: Message) => void;
  /** Called when the connection comes back or the report changed on the server. */
  onChanged: () => void;
}): ReportSync {
  const { api, host, t, signedIn, notify, onChanged } = props;
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // A refusal belongs to the session it came in: signing in again may be all it needed.
  const [refused, setRefused] = useState<{ message: string; token: string | null } | null>(null);
  const refusal = refused && refused.token === api.token ? refused.message : null;
  const setRefusal = useCallback(
    (message: string | null) => setRefused(message ? { message, token: api.token } : null),
    [api.token],
  );
  // One thing at a time on the queue: a timer's send and a click's save must never both take
  // the same waiting save off it.
  const lock = useRef<Promise<unknown>>(Promise.resolve());
  const exclusive = useCallback(<T>(work: () => Promise<T>): Promise<T> => {
    const run = lock.current.then(work, work);
    lock.current = run.catch(() => undefined);
    return run;
  }, []);

  // The workbook's record: read through the query client like every other read of the pane.
  const record = useQuery({
    queryKey: ['workbook-record', host],
    // Read once with the worksheets found again (reopened file, server's file), then as is.
    queryFn: () => host.run(adoptWorksheets),
    staleTime: Infinity,
    // Excel, not the network: read whatever the browser thinks of the connection.
    networkMode: 'always',
  });
  const stored = record.data ?? null;
  const reload = useCallback(async () => {
    await queryClient.refetchQueries({ queryKey: ['workbook-record', host] });
  }, [queryClient, host]);
  const reachableKey = ['reachable', api.server];
  const setOnline = useCallback(
    (value: boolean) => queryClient.setQueryData(['reachable', api.server], value),
    [queryClient, api.server],
  );

  /** Says what became of the queue, and keeps the pane's view of it. */
  const settle = useCallback(
    async (sent: SendOutcome) => {
      await reload();
      if (sent.kind === 'offline') {
        setOnline(false);
        notify({ intent: 'warning', text: t.queued(sent.waiting) });
        return;
      }
      if (sent.kind === 'signedOut') {
        notify({ intent: 'warning', text: t.signInToSend });
        onChanged();
        return;
      }
      setOnline(true);
      if (sent.kind === 'conflict') setConflict(sent.conflict);
      else if (sent.kind === 'refused') setRefusal(sent.message);
      else if (sent.kind === 'problems') {
        notify({
          intent: 'error',
          text: t.problems(sent.problems.length),
          details: sent.problems.slice(0, 5).map((p) => p.message),
        });
      } else if (sent.submission) {
        const s = sent.submission;
        notify({
          intent: 'success',
          text:
            sent.count > 1
              ? t.sentQueue(sent.count, s.version)
              : s.status === 'SUBMITTED'
                ? t.sent(s.version, s.late)
                : s.status === 'PENDING_APPROVAL'
                  ? t.presented(s.version)
                  : t.saved(s.version),
        });
      }
      onChanged();
    },
    [reload, notify, onChanged, t, setOnline, setRefusal],
  );

  const sendNow = useCallback(
    (): Promise<SendOutcome | null> =>
      exclusive(async () => {
        if (!signedIn) return null;
        setRefusal(null);
        const sent = await sendQueue(api, host);
        await settle(sent);
        return sent;
      }),
    [api, host, signedIn, settle, exclusive, setRefusal],
  );

  // The connection, checked while it matters: on a timer while it is down or saves wait, when
  // the pane gets the focus, when the browser says it is back. Found back, the queue goes.
  const waiting = stored?.queue.length ?? 0;
  const sendWhenBack = waiting > 0 && !conflict && !refusal;
  const reachable = useQuery({
    queryKey: reachableKey,
    queryFn: async () => {
      const before = queryClient.getQueryData<boolean>(reachableKey);
      const answers = await api.reachable();
      // Back after a cut: what the pane shows is read again (not on every check).
      if (answers && before === false) onChanged();
      if (answers && sendWhenBack) return (await sendNow())?.kind !== 'offline';
      return answers;
    },
    // A check, not a read: it runs whatever the browser thinks of the network.
    networkMode: 'always',
    retry: false,
    refetchOnWindowFocus: 'always',
    refetchOnReconnect: 'always',
    refetchInterval: (query) =>
      query.state.data === false || waiting > 0 ? RECONNECT_INTERVAL_MS : false,
  });
  const online = reachable.data ?? null;

  const save = useCallback(
    async (submit: boolean, requestId?: string) => {
      const words = {
        notPulled: t.notPulled,
        otherReport: t.otherReport,
        noCopyOffline: t.noCopyOffline,
        sentNeedsResend: t.sentNeedsResend,
      };
      // Sent straight away only when the server answered last time and nothing stopped the queue.
      const sendNowToo = signedIn && online !== false && !conflict && !refusal;
      let outcome: SaveOutcome;
      try {
        outcome = await exclusive(() =>
          saveInWorkbook(sendNowToo ? api : null, host, submit, words, { requestId }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NETWORK') {
          // The sheet could not be fetched for an old workbook: nothing was queued.
          setOnline(false);
        }
        throw error;
      }
      if (outcome.kind === 'problems') {
        notify({
          intent: 'error',
          text: t.problems(outcome.problems.length),
          details: outcome.problems.slice(0, 5).map((p) => p.message),
        });
      } else if (outcome.kind === 'unchanged') {
        notify({ intent: 'info', text: t.unchanged(outcome.version) });
      } else if (outcome.sent) {
        await settle(outcome.sent);
        return;
      }
      await reload();
      if (outcome.kind === 'queued') {
        const now = queryClient.getQueryData<StoredReport | null>(['workbook-record', host]);
        notify({
          intent: 'warning',
          text: signedIn ? t.queued(now?.queue.length ?? 0) : t.signInToSend,
        });
      }
    },
    [
      api,
      host,
      signedIn,
      online,
      conflict,
      refusal,
      notify,
      settle,
      reload,
      t,
      queryClient,
      setOnline,
      exclusive,
    ],
  );

  return {
    online,
    stored,
    conflict,
    refusal,
    save,
    sendNow,
    keepMine: () =>
      exclusive(async () => {
        if (!conflict) return;
        const sent = await keepMine(api, host, conflict);
        setConflict(null);
        await settle(sent);
      }),
    takeServers: () =>
      exclusive(async () => {
        if (!conflict) return;
        await takeServers(api, host, conflict);
        setConflict(null);
        await reload();
        onChanged();
      }),
    dropQueue: () =>
      exclusive(async () => {
        await dropQueue(host);
        setRefusal(null);
        await reload();
      }),
    reload,
  };
}
