// The open-request form's state in one reducer, and what follows from it: the period with its
// Nghị định 09 data window, the proposed title and deadline (until the person types their own),
// the recipient groups within the consolidator's province, and what still stops the request.
import {
  PeriodError,
  reportingPeriod,
  proposedDeadline,
  type Period,
  type PeriodInput,
  type PeriodKind,
} from '../../../shared/reporting/period.ts';
import type { OrgChoice, RecipientGroup } from './api.ts';
import type { Strings } from './i18n.ts';
import { vietnamLocalInput } from '../../../shared/time/vietnam.ts';

export const PERIOD_KINDS: PeriodKind[] = [
  'MONTH',
  'QUARTER',
  'HALF_YEAR',
  'NINE_MONTHS',
  'YEAR',
  'AD_HOC',
];
/** How many periods of a kind a year has, where they are numbered. */
export const PERIOD_NUMBERS: Partial<Record<PeriodKind, number>> = {
  MONTH: 12,
  QUARTER: 4,
  HALF_YEAR: 2,
};
export const GROUPS = [
  { key: 'departments', group: { kind: 'DEPARTMENT', level: 'PROVINCE' } },
  { key: 'districts', group: { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT' } },
  { key: 'communes', group: { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE' } },
] as const;
export type GroupKey = (typeof GROUPS)[number]['key'];

export interface OpenRequestState {
  templateId: string;
  planId: string;
  kind: PeriodKind;
  year: string;
  number: string;
  start: string;
  end: string;
  /** Typed by the person; null while the proposal stands. */
  title: string | null;
  deadline: string | null;
  groups: GroupKey[];
  named: OrgChoice[];
  search: string;
  confirming: boolean;
}

export type OpenRequestAction =
  | {
      type: 'set';
      field: 'templateId' | 'planId' | 'year' | 'number' | 'start' | 'end' | 'search';
      value: string;
    }
  | { type: 'kind'; kind: PeriodKind }
  | { type: 'title' | 'deadline'; value: string }
  | { type: 'group'; key: GroupKey; on: boolean }
  | { type: 'name'; org: OrgChoice }
  | { type: 'unname'; id: string }
  | { type: 'confirming'; on: boolean };

export function initialState(year: number): OpenRequestState {
  return {
    templateId: '',
    planId: '',
    kind: 'QUARTER',
    year: String(year),
    number: '1',
    start: '',
    end: '',
    title: null,
    deadline: null,
    groups: [],
    named: [],
    search: '',
    confirming: false,
  };
}

export function openRequestReducer(
  state: OpenRequestState,
  action: OpenRequestAction,
): OpenRequestState {
  switch (action.type) {
    case 'set':
      return { ...state, [action.field]: action.value };
    case 'kind': {
      // Month 12 is no quarter: the number stays within the new kind's.
      const most = PERIOD_NUMBERS[action.kind];
      const number = most ? String(Math.min(Number(state.number) || 1, most)) : state.number;
      return { ...state, kind: action.kind, number };
    }
    case 'title':
      return { ...state, title: action.value };
    case 'deadline':
      return { ...state, deadline: action.value };
    case 'group': {
      const others = state.groups.filter((g) => g !== action.key);
      return { ...state, groups: action.on ? [...others, action.key] : others };
    }
    case 'name':
      return state.named.some((o) => o.id === action.org.id)
        ? state
        : { ...state, named: [...state.named, action.org], search: '' };
    case 'unname':
      return { ...state, named: state.named.filter((o) => o.id !== action.id) };
    case 'confirming':
      return { ...state, confirming: action.on };
  }
}

export function periodInput(state: OpenRequestState): PeriodInput {
  return {
    kind: state.kind,
    year: Number(state.year),
    number: PERIOD_NUMBERS[state.kind] ? Number(state.number) : null,
    start: state.kind === 'AD_HOC' ? state.start : null,
    end: state.kind === 'AD_HOC' ? state.end : null,
  };
}

/** The period, or why it is not one. */
export function periodOf(state: OpenRequestState): Period | string {
  try {
    return reportingPeriod(periodInput(state));
  } catch (error) {
    return error instanceof PeriodError ? error.message : String(error);
  }
}

export interface Derived {
  period: Period | string;
  title: string;
  deadline: string;
  groups: RecipientGroup[];
}

/** What the form shows and sends, from the state and the chosen template's name. */
export function derive(
  state: OpenRequestState,
  templateName: string | null,
  scopeId: string | null,
): Derived {
  const period = periodOf(state);
  const proposedTitle =
    templateName && typeof period !== 'string' ? `${templateName} ${period.label}` : '';
  const deadlineProposed =
    typeof period !== 'string' ? vietnamLocalInput(proposedDeadline(period.cutoffEnd)) : '';
  return {
    period,
    title: state.title ?? proposedTitle,
    deadline: state.deadline ?? deadlineProposed,
    groups: GROUPS.filter((g) => state.groups.includes(g.key)).map((g) => ({
      ...g.group,
      withinOrgId: scopeId ?? undefined,
    })),
  };
}

/** What still stops the request from being opened, in the person's words. */
/** A deadline typed in the form's date-and-time input: "2026-03-19T17:00". */
export const DEADLINE_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function openProblems(
  state: OpenRequestState,
  derived: Derived,
  preview: { count: number; outsideScope: OrgChoice[]; notExisting?: OrgChoice[] } | null,
  t: Strings,
): string[] {
  return [
    !state.templateId && t.needTemplate,
    typeof derived.period === 'string' && derived.period,
    !derived.title.trim() && t.needTitle,
    !DEADLINE_INPUT.test(derived.deadline) && t.needDeadline,
    !preview?.count && t.needRecipients,
    preview?.outsideScope.length && t.outsideScope(preview.outsideScope.map((o) => o.name)),
    preview?.notExisting?.length && t.notExisting(preview.notExisting.map((o) => o.name)),
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
}
