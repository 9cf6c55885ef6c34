// The shape of the demo data files in prisma/seed/data/*.json. Each file records one seed
// document (test/fixtures/seeds) faithfully: its agencies, the documents it cites, the plan with its
// sections, targets, tasks, budget, activities, deadlines, and any report templates and requests
// built from it. Everything refers to other records by stable keys (org codes, document keys), so
// the files stay reviewable and the loader (prisma/seed/load.ts) is idempotent.
import type { Role } from '../../shared/auth/roles.ts';

export type OrgKind =
  | 'GOVERNMENT'
  | 'MINISTRY'
  | 'PEOPLES_COMMITTEE'
  | 'PEOPLES_COUNCIL'
  | 'PARTY_COMMITTEE'
  | 'STEERING_COMMITTEE'
  | 'DEPARTMENT'
  | 'AGENCY'
  | 'PRESS'
  | 'MASS_ORGANIZATION'
  | 'ENTERPRISE'
  | 'ASSOCIATION'
  | 'UNIVERSITY'
  | 'OTHER';
export type AdminLevel = 'CENTRAL' | 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
export type IsoDate = string; // YYYY-MM-DD

export interface SeedOrg {
  /** Stable ASCII code, dotted under its parent: "NA", "NA.SYT", "BT.BINHDAI.BINHTHOI". */
  code: string;
  name: string;
  shortName?: string;
  /** Other spellings used in the documents ("Sở TT&TT", "Sở Thông tin và Truyền thông"). */
  aliases?: string[];
  kind: OrgKind;
  level?: AdminLevel;
  /** Code of the parent org (defined in this file or another). */
  parent?: string;
  validFrom?: IsoDate;
  validTo?: IsoDate;
  email?: string;
  phone?: string;
  address?: string;
}

/** A group of agencies: all orgs of a kind and/or level within a subtree. */
export interface SeedOrgGroup {
  kind?: OrgKind;
  level?: AdminLevel;
  /** Code of the subtree's root, usually a province's people's committee. */
  within: string;
}

export type Assignee = { org: string } | { group: SeedOrgGroup };

export interface SeedSuccession {
  from: string;
  to: string;
  kind: 'MERGE' | 'SPLIT' | 'RENAME' | 'ABSORB' | 'TRANSFER';
  effectiveOn: IsoDate;
  basis?: string;
  note?: string;
}

export interface SeedSection {
  number?: string;
  heading: string;
  body?: string;
  children?: SeedSection[];
}

export interface SeedTarget {
  /** Unique within the plan: "2025.a.2.PROVINCE". */
  code: string;
  /** Number path of the section it sits in, e.g. "I.2.2.1.a" (optional). */
  section?: string;
  statement: string;
  metric: string;
  unit: 'PERCENT' | 'COUNT' | 'MONEY' | 'RANK' | 'BOOLEAN' | 'TEXT';
  comparator: 'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'LESS_THAN' | 'EQUAL' | 'TOP_N' | 'RANGE';
  value?: number;
  valueMax?: number;
  textValue?: string;
  targetYear?: number;
  level?: AdminLevel;
  pillar?: 'FOUNDATION' | 'DIGITAL_GOVERNMENT' | 'DIGITAL_ECONOMY' | 'DIGITAL_SOCIETY' | 'DTI';
  responsible?: string[];
}

export interface SeedTask {
  /** "I.1", "IV.9"; unique within the plan. */
  code: string;
  groupCode?: string;
  groupTitle?: string;
  section?: string;
  title: string;
  /** Lead agency as written in the document. */
  leadName?: string;
  /** The lead: one org, or groups (then the task has no single leadOrg). */
  lead?: Assignee[];
  coordinating?: Assignee[];
  coordinatingNames?: string[];
  startDate?: IsoDate;
  dueDate?: IsoDate;
  deadlineText?: string;
  budget?: number;
}

export interface SeedBudgetLine {
  code?: string;
  description: string;
  factors?: { quantity: number; unit: string }[];
  unitPrice?: number;
  unitPriceUnit?: string;
  amount: number;
  fundingSource?: string;
  note?: string;
  /** Key of the activity it pays for. */
  activity?: string;
}

export interface SeedActivity {
  key: string;
  title: string;
  kind:
    | 'STUDY_TOUR'
    | 'CONFERENCE'
    | 'WORKSHOP'
    | 'EXHIBITION'
    | 'CONTEST'
    | 'MEETING'
    | 'CAMPAIGN'
    | 'OTHER';
  theme?: string;
  startDate?: IsoDate;
  endDate?: IsoDate;
  location?: string;
  expectedParticipants?: number;
  statedHeadcount?: number;
  note?: string;
  schedule?: {
    date?: IsoDate;
    weekdayText?: string;
    startTime?: string;
    endTime?: string;
    description: string;
    location?: string;
  }[];
  participants?: {
    org?: string;
    orgName: string;
    personName?: string;
    role?: string;
    count: number;
    note?: string;
  }[];
}

export interface SeedDocument {
  /** Stable key: "HT-393-KH-UBND-2020". */
  key: string;
  /** As written; null when the document has none (a draft). */
  number: string | null;
  kind:
    | 'PLAN'
    | 'DECISION'
    | 'RESOLUTION'
    | 'DECREE'
    | 'CIRCULAR'
    | 'LAW'
    | 'DIRECTIVE'
    | 'CONCLUSION'
    | 'OFFICIAL_LETTER'
    | 'SUBMISSION'
    | 'REPORT'
    | 'PROGRAM'
    | 'OTHER';
  planKind?:
    | 'STRATEGY'
    | 'PILOT'
    | 'EVENT'
    | 'STUDY_TOUR'
    | 'INTERIM_REVIEW'
    | 'FINAL_REVIEW'
    | 'ANNUAL'
    | 'OTHER';
  title: string;
  summary?: string;
  issuedOn?: IsoDate;
  place?: string;
  issuer?: string;
  issuerName?: string;
  signerName?: string;
  signerTitle?: string;
  status: 'DRAFT' | 'ISSUED' | 'SUPERSEDED';
  periodStart?: number;
  periodEnd?: number;
  visionYear?: number;
  /** Seed file name for plans recorded from test/fixtures/seeds. */
  source?: string;
  references?: {
    kind:
      'BASIS' | 'IMPLEMENTS' | 'REVIEWS' | 'AMENDS' | 'SUPERSEDES' | 'ATTACHMENT_OF' | 'MENTIONS';
    document: string;
    note?: string;
  }[];
  sections?: SeedSection[];
  targets?: SeedTarget[];
  tasks?: SeedTask[];
  budget?: {
    statedTotal?: number;
    statedTotalInWords?: string;
    note?: string;
    lines: SeedBudgetLine[];
  };
  activities?: SeedActivity[];
  deadlines?: { date: IsoDate; text: string }[];
}

export type ColumnType =
  | 'TEXT'
  | 'LONG_TEXT'
  | 'INTEGER'
  | 'DECIMAL'
  | 'PERCENT'
  | 'MONEY'
  | 'DATE'
  | 'BOOLEAN'
  | 'CHOICE';
export type Aggregate = 'SUM' | 'AVERAGE' | 'MIN' | 'MAX' | 'COUNT' | 'LIST' | 'NONE';

export interface SeedTemplateSection {
  key: string;
  number?: string;
  heading: string;
  guidance?: string;
  /** false for headings that only group others. */
  answerable?: boolean;
  required?: boolean;
  /** Only these agencies or groups are asked ("Riêng Sở Y tế báo cáo ..."). */
  audience?: Assignee[];
  children?: SeedTemplateSection[];
}

export interface SeedTemplateColumn {
  key: string;
  label: string;
  type: ColumnType;
  required?: boolean;
  readOnly?: boolean;
  options?: { key: string; label: string }[];
  aggregate?: Aggregate;
  /**
   * Fills generated rows from the plan: "task.code", "task.title", "task.leadName",
   * "target.statement", "target.value" … (server/sheets/rows.ts); "target.measured" marks the
   * column whose submitted values become the row target's measured values.
   */
  binding?: string;
  /** "PLANKEY#targetCode": submitted values become this target's measured values. */
  target?: string;
  width?: number;
  /** A stock the next period may start from the agency's last sent value (staff, equipment). */
  carryForward?: boolean;
  /** Overrides the template's changeFactor for this column (> 1). */
  changeFactor?: number;
}

export interface SeedTemplate {
  code: string;
  name: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
  /** Document the template is an appendix of. */
  document?: string;
  description?: string;
  note?: string;
  /**
   * A number that moves by more than this factor from the agency's last sent period is flagged
   * before sending (a warning; > 1, e.g. 3). Absent: no check.
   */
  changeFactor?: number;
  audience?: { kind?: OrgKind; level?: AdminLevel }[];
  outline?: SeedTemplateSection[];
  tables?: {
    key: string;
    title: string;
    description?: string;
    rowMode: 'FIXED' | 'TASKS' | 'TARGETS' | 'OPEN';
    allowOpenRows?: boolean;
    columns: SeedTemplateColumn[];
    rows?: {
      key: string;
      group?: string;
      label: string;
      isGroup?: boolean;
      readOnly?: boolean;
      values?: Record<string, string>;
      /** Every cell of this row may start from the last sent value (a stock among flows). */
      carryForward?: boolean;
      /** "PLANKEY#taskCode" or "PLANKEY#targetCode". */
      task?: string;
      target?: string;
    }[];
  }[];
}

export interface SeedPeriod {
  kind: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'NINE_MONTHS' | 'YEAR' | 'AD_HOC';
  year: number;
  number?: number;
  /** AD_HOC only. */
  start?: IsoDate;
  end?: IsoDate;
  label?: string;
}

export interface SeedRequest {
  key: string;
  template: string; // template code (its newest published version)
  plan?: string; // document key
  title: string;
  kind: 'PERIODIC' | 'THEMATIC' | 'AD_HOC';
  period: SeedPeriod;
  /** ISO instant with offset: "2023-08-20T23:59:59+07:00". */
  deadline: string;
  levelDeadlines?: { level: AdminLevel; deadline: string }[];
  consolidator: string;
  recipients?: string[];
  groups?: SeedOrgGroup[];
  status?: 'OPEN' | 'CLOSED';
  note?: string;
}

export interface SeedSchedule {
  key: string;
  template: string;
  plan?: string;
  periodKind: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'NINE_MONTHS' | 'YEAR';
  titlePattern: string;
  deadlineDaysAfterCutoff: number;
  startsOn: IsoDate;
  endsOn?: IsoDate;
  consolidator: string;
  recipients?: string[];
  groups?: SeedOrgGroup[];
}

export interface SeedUser {
  email: string;
  name: string;
  org: string;
  roles: { role: Role; scope?: string }[];
}

/** Where a file's facts come from: a published page, and what was taken from it. */
export interface SeedSource {
  url: string;
  what: string;
}

/** A sample report of the live demo, sent (or not) by the agency's demo account. */
export interface SeedLiveReport {
  org: string;
  /**
   * DRAFT: saved, not sent; SUBMITTED: sent on time; LATE: sent after the deadline (previous
   * period only); RETURNED: sent, then returned by the consolidating department with `reason`;
   * ACCEPTED: sent and accepted.
   */
  state: 'DRAFT' | 'SUBMITTED' | 'LATE' | 'RETURNED' | 'ACCEPTED';
  reason?: string;
  /** Table key → row key → column key → value, as a person would type it or canonical. */
  values: Record<string, Record<string, Record<string, string | number>>>;
  /** Outline section key → answer. */
  answers?: Record<string, string>;
}

/**
 * A request of the live demo, opened relative to the day the demo is loaded (prisma/seed/live.ts):
 * the current period — the first whose deadline (cutoff + deadlineDaysAfterCutoff, 17:00) is
 * still ahead — and the one before it, whose deadline has passed. Keyed by period
 * (`${key}-${year}-Q${n}`), so loading on a later day adds that period's request and never
 * touches an earlier one.
 */
export interface SeedLiveRequest {
  key: string;
  template: string;
  plan?: string;
  periodKind: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';
  titlePattern: string;
  deadlineDaysAfterCutoff: number;
  consolidator: string;
  recipients?: string[];
  groups?: SeedOrgGroup[];
  note?: string;
  reports: { current: SeedLiveReport[]; previous: SeedLiveReport[] };
}

/** What the demo adds relative to the day it is loaded (prisma/seed/live.ts). */
export interface SeedLive {
  /** Provinces whose units of the national catalogue (server/orgs/catalogue.ts) the demo loads. */
  catalogueProvinces?: string[];
  /** Demo accounts of agencies the catalogue brings (communes), or that send sample reports. */
  users?: SeedUser[];
  requests?: SeedLiveRequest[];
}

export interface SeedFile {
  /** What this file records, for a reader. */
  description: string;
  /** The published sources of what the file records. */
  sources?: SeedSource[];
  /** Loaded after the rest, relative to the day of loading (prisma/seed/live.ts). */
  live?: SeedLive;
  orgs?: SeedOrg[];
  successions?: SeedSuccession[];
  documents?: SeedDocument[];
  templates?: SeedTemplate[];
  requests?: SeedRequest[];
  schedules?: SeedSchedule[];
  users?: SeedUser[];
}
