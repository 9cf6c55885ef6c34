// The report this workbook holds, whatever the connection: its state, the saves waiting in it,
// and, when the server cannot be reached or nobody is signed in, "Lưu nháp" / "Gửi báo cáo"
// straight into the queue. A queue the server stopped shows why: someone else saved meanwhile
// (both sides, cell by cell, and the choice) or a refusal (and the way out).
import {
  Badge,
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import type { PaneKit } from './kit.ts';
import type { Conflict } from './report-sync.ts';
import { STATUS_COLOR } from './ReporterView.tsx';

export function WorkbookPanel(props: {
  kit: PaneKit;
  /** Signed in now, or before the connection went. */
  signedIn: boolean;
  /** The agency's list of reports is on screen, with its own buttons. */
  listShown: boolean;
}) {
  const { kit, signedIn, listShown } = props;
  const { t, act, sync } = kit;
  const stored = sync.stored;
  const [showConflict, setShowConflict] = useState(true);
  if (!stored) return null;
  const waiting = stored.queue.length;
  const offline = sync.online === false;
  // Where the reports list is on screen, its buttons do the same.
  const ownButtons = !listShown;
  if (!offline && !waiting && !sync.conflict && !sync.refusal && listShown) return null;
  const state = stored.status ?? 'NOT_STARTED';

  return (
    <Card data-workbook-report={stored.requestId} appearance="filled-alternative">
      <Text weight="semibold">{t.workbookReport}</Text>
      <Text>
        {stored.requestTitle} — {stored.orgName}
      </Text>
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
        <Badge color={STATUS_COLOR[state]} data-status={state}>
          {t.status[state]}
        </Badge>
        <Text size={200}>
          {t.version} {stored.baseVersion}
        </Text>
        {waiting > 0 && (
          <Badge color="warning" data-waiting={waiting}>
            {t.waiting(waiting)}
          </Badge>
        )}
      </div>
      {waiting > 0 && (
        <ol style={{ margin: 0, paddingLeft: 20 }} aria-label={t.waiting(waiting)}>
          {stored.queue.map((q) => (
            <li key={q.key}>
              <Text size={200}>
                {t.queuedEntry(q.submit, q.queuedAt ? formatVietnamTime(q.queuedAt) : '—')}
              </Text>
            </li>
          ))}
        </ol>
      )}
      {ownButtons && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Button disabled={kit.busy} onClick={() => act(() => sync.save(false))}>
            {t.saveDraft}
          </Button>
          <Button
            appearance="primary"
            disabled={kit.busy}
            onClick={() => act(() => sync.save(true))}
          >
            {t.submit}
          </Button>
        </div>
      )}
      {signedIn && waiting > 0 && !sync.conflict && !sync.refusal && (
        <Button disabled={kit.busy} onClick={() => act(async () => void (await sync.sendNow()))}>
          {t.sendNow}
        </Button>
      )}
      {!signedIn && waiting > 0 && <Text size={200}>{t.signInToSend}</Text>}
      {sync.refusal && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t.refused} <span data-refusal>{sync.refusal}</span>
          </MessageBarBody>
          <MessageBarActions>
            <Button disabled={kit.busy} onClick={() => act(sync.dropQueue)}>
              {t.dropQueue}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {sync.conflict &&
        (showConflict ? (
          <ConflictView kit={kit} conflict={sync.conflict} onLater={() => setShowConflict(false)} />
        ) : (
          <Button onClick={() => setShowConflict(true)}>{t.conflictShort}</Button>
        ))}
    </Card>
  );
}

/** Both sides of the conflict, cell by cell, and the person's choice. */
function ConflictView(props: { kit: PaneKit; conflict: Conflict; onLater: () => void }) {
  const { kit, conflict } = props;
  const { t, act, sync } = kit;
  const [confirming, setConfirming] = useState(false);
  const cell = { padding: '2px 4px', borderBottom: '1px solid #ddd', verticalAlign: 'top' };
  return (
    <section role="alert" aria-label={t.keepMine} data-conflict>
      <Text weight="semibold" block>
        {t.conflictTitle(conflict.ourBase, conflict.serverVersion)}
      </Text>
      {conflict.cells.length ? (
        <table style={{ borderCollapse: 'collapse', fontSize: 12, width: '100%' }}>
          <thead>
            <tr>
              <th style={cell}>{t.conflictPlace}</th>
              <th style={cell}>{t.conflictBase}</th>
              <th style={cell}>{t.conflictOurs}</th>
              <th style={cell}>{t.conflictServer}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.cells.map((c) => (
              <tr key={c.place} data-conflict-cell={c.place}>
                <td style={cell}>{c.place}</td>
                <td style={cell}>{c.base}</td>
                <td style={cell} data-side="ours">
                  {c.ours}
                </td>
                <td style={cell} data-side="server">
                  {c.server}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Text block>{t.conflictNone}</Text>
      )}
      <Text size={200} block>
        {t.keepMineHint}
      </Text>
      {confirming ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t.confirmTakeServers}</MessageBarBody>
          <MessageBarActions>
            <Button disabled={kit.busy} onClick={() => act(sync.takeServers)}>
              {t.takeServers}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t.cancel}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 6 }}>
          <Button appearance="primary" disabled={kit.busy} onClick={() => act(sync.keepMine)}>
            {t.keepMine}
          </Button>
          <Button disabled={kit.busy} onClick={() => setConfirming(true)}>
            {t.takeServers}
          </Button>
          <Button disabled={kit.busy} onClick={props.onLater}>
            {t.later}
          </Button>
        </div>
      )}
    </section>
  );
}
