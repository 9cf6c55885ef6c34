// Opening a report request from the pane: template and plan, the period by kind and number with
// its Nghị định 09 data window shown as it is chosen, the deadline (proposed from the window),
// and the recipients by group or by name with their count — all shown again before it is sent.
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
import { useEffect, useMemo, useState } from 'react';
import {
  PeriodError,
  reportingPeriod,
  scheduledDeadline,
  type Period,
  type PeriodInput,
  type PeriodKind,
} from '../../../shared/reporting/period.ts';
import type { OpenRequestChoices, OrgChoice, RecipientGroup } from './api.ts';
import type { PaneKit } from './kit.ts';

/** Days after the data cutoff a deadline is proposed (the 14th → the 19th, end of day). */
const PROPOSED_DAYS_AFTER_CUTOFF = 5;
const PERIOD_KINDS: PeriodKind[] = [
  'MONTH',
  'QUARTER',
  'HALF_YEAR',
  'NINE_MONTHS',
  'YEAR',
  'AD_HOC',
];
const NUMBERS: Partial<Record<PeriodKind, number>> = { MONTH: 12, QUARTER: 4, HALF_YEAR: 2 };
const GROUPS = [
  { key: 'departments', group: { kind: 'DEPARTMENT', level: 'PROVINCE' } },
  { key: 'districts', group: { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT' } },
  { key: 'communes', group: { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE' } },
] as const;

const viDate = (iso: string) => iso.split('-').reverse().join('/');
/** A moment as the datetime-local input shows it, on Vietnam's clock. */
const localInput = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

export function OpenRequestForm({
  kit,
  onOpened,
}: {
  kit: PaneKit;
  onOpened: (id: string) => Promise<void>;
}) {
  const { api, t, act, notify } = kit;
  const [choices, setChoices] = useState<OpenRequestChoices | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [planId, setPlanId] = useState('');
  const [kind, setKind] = useState<PeriodKind>('QUARTER');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [number, setNumber] = useState('1');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [title, setTitle] = useState<string | null>(null);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [groups, setGroups] = useState<Set<string>>(new Set());
  const [named, setNamed] = useState<OrgChoice[]>([]);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<OrgChoice[]>([]);
  const [preview, setPreview] = useState<{
    count: number;
    orgs: OrgChoice[];
    outsideScope: OrgChoice[];
  } | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void act(async () => {
      const c = await api.openRequestChoices();
      setChoices(c);
      const published = c.reportTemplates.filter((x) => x.status === 'PUBLISHED');
      if (published[0]) setTemplateId(published[0].id);
    });
  }, [api, act]);

  const scope = choices?.me.org.parent ?? choices?.me.org ?? null;
  const periodInput: PeriodInput = {
    kind,
    year: Number(year),
    number: NUMBERS[kind] ? Number(number) : null,
    start: kind === 'AD_HOC' ? start : null,
    end: kind === 'AD_HOC' ? end : null,
  };
  const period = useMemo((): Period | string => {
    try {
      return reportingPeriod(periodInput);
    } catch (error) {
      return error instanceof PeriodError ? error.message : String(error);
    }
    // periodInput is rebuilt on each render from exactly these.
  }, [kind, year, number, start, end]);
  const template = choices?.reportTemplates.find((x) => x.id === templateId) ?? null;
  const proposedTitle =
    template && typeof period !== 'string' ? `${template.name} ${period.label}` : '';
  const proposedDeadline =
    typeof period !== 'string'
      ? localInput(scheduledDeadline(period.cutoffEnd, PROPOSED_DAYS_AFTER_CUTOFF))
      : '';
  const shownTitle = title ?? proposedTitle;
  const shownDeadline = deadline ?? proposedDeadline;
  const recipientGroups: RecipientGroup[] = GROUPS.filter((g) => groups.has(g.key)).map((g) => ({
    ...g.group,
    withinOrgId: scope?.id,
  }));

  // Who would receive it, recounted as the choice changes (after a short pause in typing).
  const previewKey = JSON.stringify([periodInput, named.map((o) => o.id), recipientGroups]);
  useEffect(() => {
    if (typeof period === 'string' || (!named.length && !recipientGroups.length)) {
      setPreview(null);
      return;
    }
    const timer = setTimeout(() => {
      api
        .previewRecipients(
          periodInput,
          named.map((o) => o.id),
          recipientGroups,
        )
        .then(setPreview, () => setPreview(null));
    }, 250);
    return () => clearTimeout(timer);
    // previewKey stands for the inputs, which are rebuilt on each render.
  }, [previewKey, api]);

  useEffect(() => {
    if (search.trim().length < 2) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      api.findOrgs(search.trim(), scope?.id ?? null).then(setFound, () => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [search, api, scope?.id]);

  const problems = [
    !templateId && t.needTemplate,
    typeof period === 'string' && period,
    !shownTitle.trim() && t.needTitle,
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(shownDeadline) && t.needDeadline,
    !preview?.count && t.needRecipients,
    preview?.outsideScope.length && t.outsideScope(preview.outsideScope.map((o) => o.name)),
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);

  const open = () =>
    act(async () => {
      const opened = await api.openRequest({
        templateId,
        planId: planId || null,
        title: shownTitle.trim(),
        period: periodInput,
        deadline: `${shownDeadline}:00+07:00`,
        recipientOrgIds: named.map((o) => o.id),
        recipientGroups,
      });
      await onOpened(opened.id);
      notify({ intent: 'success', text: t.opened(opened.title, preview?.count ?? 0) });
    });

  if (!choices) return null;
  return (
    <Card>
      <Text weight="semibold">{t.openRequest}</Text>
      <Field label={t.template}>
        <Select name="template" value={templateId} onChange={(_e, d) => setTemplateId(d.value)}>
          {choices.reportTemplates
            .filter((x) => x.status === 'PUBLISHED')
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} (v{x.version})
              </option>
            ))}
        </Select>
      </Field>
      <Field label={t.plan}>
        <Select name="plan" value={planId} onChange={(_e, d) => setPlanId(d.value)}>
          <option value="">{t.noPlan}</option>
          {choices.plans.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {[node.number, node.title].filter(Boolean).join(' – ').slice(0, 90)}
            </option>
          ))}
        </Select>
      </Field>
      <div style={{ display: 'flex', gap: 8 }}>
        <Field label={t.periodKind} style={{ flexGrow: 1 }}>
          <Select
            name="period-kind"
            value={kind}
            onChange={(_e, d) => setKind(d.value as PeriodKind)}
          >
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.periodKinds[k]}
              </option>
            ))}
          </Select>
        </Field>
        {NUMBERS[kind] && (
          <Field label={t.periodNumber}>
            <Select name="period-number" value={number} onChange={(_e, d) => setNumber(d.value)}>
              {Array.from({ length: NUMBERS[kind]! }, (_, i) => (
                <option key={i} value={String(i + 1)}>
                  {i + 1}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t.year}>
          <Input
            name="period-year"
            type="number"
            value={year}
            onChange={(_e, d) => setYear(d.value)}
            style={{ width: 90 }}
          />
        </Field>
      </div>
      {kind === 'AD_HOC' && (
        <div style={{ display: 'flex', gap: 8 }}>
          <Field label={t.from}>
            <Input
              name="period-start"
              type="date"
              value={start}
              onChange={(_e, d) => setStart(d.value)}
            />
          </Field>
          <Field label={t.to}>
            <Input
              name="period-end"
              type="date"
              value={end}
              onChange={(_e, d) => setEnd(d.value)}
            />
          </Field>
        </div>
      )}
      <Text size={200} data-period>
        {typeof period === 'string'
          ? period
          : t.window(period.label, viDate(period.cutoffStart), viDate(period.cutoffEnd))}
      </Text>
      <Field label={t.requestTitle}>
        <Input name="title" value={shownTitle} onChange={(_e, d) => setTitle(d.value)} />
      </Field>
      <Field label={t.deadlineVietnam}>
        <Input
          name="deadline"
          type="datetime-local"
          value={shownDeadline}
          onChange={(_e, d) => setDeadline(d.value)}
        />
      </Field>
      <Text weight="semibold">{t.recipientsTitle(scope?.name ?? '')}</Text>
      {GROUPS.map((g) => (
        <Checkbox
          key={g.key}
          label={t.groups[g.key]}
          checked={groups.has(g.key)}
          onChange={(_e, d) => {
            const next = new Set(groups);
            if (d.checked) next.add(g.key);
            else next.delete(g.key);
            setGroups(next);
          }}
        />
      ))}
      <Field label={t.addByName}>
        <Input name="find-org" value={search} onChange={(_e, d) => setSearch(d.value)} />
      </Field>
      {found
        .filter((o) => !named.some((n) => n.id === o.id))
        .map((o) => (
          <Button
            key={o.id}
            size="small"
            appearance="subtle"
            onClick={() => (setNamed([...named, o]), setSearch(''))}
          >
            + {o.name}
          </Button>
        ))}
      {named.map((o) => (
        <Button
          key={o.id}
          size="small"
          title={t.remove}
          onClick={() => setNamed(named.filter((n) => n.id !== o.id))}
        >
          {o.name} ✕
        </Button>
      ))}
      <Text data-recipient-count={preview?.count ?? 0}>
        {preview
          ? t.willReceive(
              preview.count,
              preview.orgs.map((o) => o.name),
            )
          : t.chooseRecipients}
      </Text>
      {!confirming ? (
        <Button
          appearance="primary"
          disabled={kit.busy}
          onClick={() =>
            problems.length
              ? notify({ intent: 'error', text: problems.join(' ') })
              : setConfirming(true)
          }
        >
          {t.reviewAndOpen}
        </Button>
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>
            <div>
              {t.confirmOpen(
                shownTitle.trim(),
                typeof period === 'string' ? '' : period.label,
                shownDeadline.replace('T', ' '),
                preview?.count ?? 0,
              )}
            </div>
            <div style={{ display: 'flex', gap: 8, marginTop: 6 }}>
              <Button
                appearance="primary"
                disabled={kit.busy}
                onClick={() => (setConfirming(false), void open())}
              >
                {t.confirmOpenButton}
              </Button>
              <Button onClick={() => setConfirming(false)}>{t.edit}</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
