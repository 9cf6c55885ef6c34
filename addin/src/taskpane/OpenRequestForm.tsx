// Opening a report request from the pane: template and plan, the period by kind and number with
// its Nghị định 09 data window shown as it is chosen, the deadline (proposed from the window),
// and the recipients by group or by name with their count — all shown again before it is sent;
// and whether the agencies' leaders must approve (and sign) their reports.
// The form's state is one reducer (open-request.ts); the server's answers are cached queries.
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useReducer, useState } from 'react';
import { approvalRequirement } from '../../../shared/reporting/approval.ts';
import type { PaneKit } from './kit.ts';
import {
  DEADLINE_INPUT,
  derive,
  initialState,
  openProblems,
  openRequestReducer,
  periodInput,
} from './open-request.ts';
import { PeriodFields } from './PeriodFields.tsx';
import { RecipientFields } from './RecipientFields.tsx';
import { useDebounced } from './use-debounced.ts';
import { formatVietnamTime, withVietnamOffset } from '../../../shared/time/vietnam.ts';

export function OpenRequestForm({
  kit,
  onOpened,
}: {
  kit: PaneKit;
  onOpened: (id: string) => Promise<void>;
}) {
  const { api, t, act, notify } = kit;
  const [state, dispatch] = useReducer(openRequestReducer, new Date().getFullYear(), initialState);
  // What the consolidator ticks; a signature is the leader's, so it brings approval (the shared
  // rule). Unticked: the template's defaults.
  const [ticked, setTicked] = useState({ requiresApproval: false, requiresSignature: false });
  const requirement = approvalRequirement(ticked, {
    requiresApproval: false,
    requiresSignature: false,
  });
  const choices = useQuery({
    queryKey: ['open-request-choices', api.server, api.token],
    queryFn: () => api.openRequestChoices(),
  });
  const published = (choices.data?.reportTemplates ?? []).filter((x) => x.status === 'PUBLISHED');
  const templateId = state.templateId || published[0]?.id || '';
  const template = published.find((x) => x.id === templateId) ?? null;
  const scope = choices.data?.me.org.parent ?? choices.data?.me.org ?? null;
  const derived = derive({ ...state, templateId }, template?.name ?? null, scope?.id ?? null);

  // Who would receive it, recounted as the choice changes (after a short pause).
  const asked = useDebounced({
    period: periodInput(state),
    ids: state.named.map((o) => o.id),
    groups: derived.groups,
    // Who is asked depends on who exists at the deadline: the one typed, once it is complete.
    deadline: DEADLINE_INPUT.test(derived.deadline) ? withVietnamOffset(derived.deadline) : null,
  });
  const previewQuery = useQuery({
    queryKey: ['recipient-preview', api.server, api.token, asked],
    queryFn: () => api.previewRecipients(asked.period, asked.ids, asked.groups, asked.deadline),
    enabled:
      typeof derived.period !== 'string' && (asked.ids.length > 0 || asked.groups.length > 0),
    retry: false,
  });
  const preview = previewQuery.isSuccess ? previewQuery.data : null;
  const problems = openProblems({ ...state, templateId }, derived, preview, t);

  const open = () =>
    act(async () => {
      const opened = await api.openRequest({
        templateId,
        planId: state.planId || null,
        title: derived.title.trim(),
        period: periodInput(state),
        deadline: withVietnamOffset(derived.deadline),
        recipientOrgIds: state.named.map((o) => o.id),
        recipientGroups: derived.groups,
        requiresApproval: requirement.requiresApproval || null,
        requiresSignature: requirement.requiresSignature || null,
      });
      await onOpened(opened.id);
      notify({ intent: 'success', text: t.opened(opened.title, preview?.count ?? 0) });
    });

  if (choices.error) return <Text role="alert">{choices.error.message}</Text>;
  if (!choices.data) return null;
  return (
    <Card>
      <Text weight="semibold">{t.openRequest}</Text>
      <Field label={t.template}>
        <Select
          name="template"
          value={templateId}
          onChange={(_e, d) => dispatch({ type: 'set', field: 'templateId', value: d.value })}
        >
          {published.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} (v{x.version})
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.plan}>
        <Select
          name="plan"
          value={state.planId}
          onChange={(_e, d) => dispatch({ type: 'set', field: 'planId', value: d.value })}
        >
          <option value="">{t.noPlan}</option>
          {choices.data.plans.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {[node.number, node.title].filter(Boolean).join(' – ').slice(0, 90)}
            </option>
          ))}
        </Select>
      </Field>
      <PeriodFields t={t} state={state} period={derived.period} dispatch={dispatch} />
      <Field label={t.requestTitle}>
        <Input
          name="title"
          value={derived.title}
          onChange={(_e, d) => dispatch({ type: 'title', value: d.value })}
        />
      </Field>
      <Field label={t.deadlineVietnam}>
        <Input
          name="deadline"
          type="datetime-local"
          value={derived.deadline}
          onChange={(_e, d) => dispatch({ type: 'deadline', value: d.value })}
        />
      </Field>
      <div role="group" aria-describedby="requirements-hint">
        <Checkbox
          name="requires-approval"
          label={t.requireApproval}
          checked={requirement.requiresApproval}
          disabled={requirement.requiresSignature}
          onChange={(_e, d) => setTicked({ ...ticked, requiresApproval: d.checked === true })}
        />
        <Checkbox
          name="requires-signature"
          label={t.requireSignature}
          checked={requirement.requiresSignature}
          onChange={(_e, d) => setTicked({ ...ticked, requiresSignature: d.checked === true })}
        />
        <Text size={200} id="requirements-hint" block>
          {t.requirementsHint}
        </Text>
      </div>
      <RecipientFields
        kit={kit}
        state={state}
        scope={scope}
        preview={preview}
        dispatch={dispatch}
      />
      {!state.confirming ? (
        <Button
          appearance="primary"
          disabled={kit.busy}
          onClick={() =>
            problems.length
              ? notify({ intent: 'error', text: problems.join(' ') })
              : dispatch({ type: 'confirming', on: true })
          }
        >
          {t.reviewAndOpen}
        </Button>
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>
            <div>
              {t.confirmOpen(
                derived.title.trim(),
                typeof derived.period === 'string' ? '' : derived.period.label,
                formatVietnamTime(withVietnamOffset(derived.deadline)),
                preview?.count ?? 0,
              )}
            </div>
            <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
              <Button
                appearance="primary"
                disabled={kit.busy}
                onClick={() => {
                  dispatch({ type: 'confirming', on: false });
                  void open();
                }}
              >
                {t.confirmOpenButton}
              </Button>
              <Button onClick={() => dispatch({ type: 'confirming', on: false })}>{t.edit}</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
