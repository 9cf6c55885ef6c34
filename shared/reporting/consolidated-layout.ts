// How a consolidated report is laid out for people, the same in the .xlsx the server writes and
// in the sheets the consolidator's add-in fills: a completeness summary with one line per
// recipient, and each table as the appendix (Phụ lục 02/03) reads — the row with its totals,
// each agency's answer under it, then the roll-ups by district and province.
import type { Completeness, ConsolidatedTableView, RecipientState } from './consolidated.ts';
import { isSent, STATE_LABEL } from './status.ts';

export { STATE_LABEL };

export const LEVEL_LABEL: Record<string, string> = {
  CENTRAL: 'Trung ương',
  PROVINCE: 'Cấp tỉnh',
  DISTRICT: 'Cấp huyện',
  COMMUNE: 'Cấp xã',
};

/** The completeness counts as labelled lines, in the order a report names them. */
export function completenessFigures(c: Completeness): [string, number][] {
  return [
    ['Số đơn vị phải báo cáo', c.expected],
    ['Đã gửi', c.submitted],
    ['Đúng hạn', c.onTime],
    ['Trễ hạn', c.late],
    ['Chưa gửi', c.missing],
    ['Chờ lãnh đạo đơn vị duyệt', c.pendingApproval],
    ['Bị trả lại, chưa gửi lại', c.returned],
    ['Đã tiếp nhận', c.accepted],
  ];
}

/** How many recipients are in each state, every state listed (for the chart of statuses). */
export function stateCounts(recipients: { state: RecipientState }[]): [string, number][] {
  const states = Object.keys(STATE_LABEL) as RecipientState[];
  return states.map((s) => [STATE_LABEL[s], recipients.filter((r) => r.state === s).length]);
}

/** A recipient's status as a person reads it: "Chưa làm – quá hạn". */
export function stateText(r: { state: RecipientState; overdue: boolean }): string {
  return r.overdue ? `${STATE_LABEL[r.state]} – quá hạn` : STATE_LABEL[r.state];
}

export const COMPLETENESS_HEADER = [
  'STT',
  'Đơn vị',
  'Cấp',
  'Trạng thái',
  'Gửi lúc',
  'Hạn',
  'Phiên bản',
  'Lý do trả lại',
];

/**
 * One recipient's line under COMPLETENESS_HEADER. `sentAt` writes the time as the file holds it
 * (text in the .xlsx export, a date-time serial in the add-in).
 */
export function completenessLine<T>(
  r: {
    org: { name: string; level: string | null };
    state: RecipientState;
    overdue: boolean;
    submittedAt: T | null;
    late: boolean;
    version: number;
    returnReason: string | null;
  },
  index: number,
  sentAt: (at: T) => string | number,
): (string | number)[] {
  return [
    index + 1,
    r.org.name,
    r.org.level ? (LEVEL_LABEL[r.org.level] ?? r.org.level) : '',
    stateText(r),
    r.submittedAt ? sentAt(r.submittedAt) : '',
    r.submittedAt ? (r.late ? 'Trễ hạn' : 'Đúng hạn') : '',
    r.version || '',
    r.returnReason ?? '',
  ];
}

export interface ReminderOrg {
  name: string;
  email?: string | null;
  phone?: string | null;
}

/** An agency's contacts on one line, as the reminder and the completeness sheet give them. */
export const contactsOf = (org: ReminderOrg): string =>
  [org.email, org.phone].filter(Boolean).join(', ');

/**
 * The agencies still owing a report, one per line with their contacts, ready to paste into a
 * reminder (công văn đôn đốc, email or Zalo message).
 */
export function reminderList(
  recipients: { state: RecipientState; overdue: boolean; org: ReminderOrg }[],
): string {
  return recipients
    .filter((r) => !isSent(r.state))
    .map((r, i) => {
      const contacts = contactsOf(r.org);
      return `${i + 1}. ${r.org.name} (${stateText(r).toLowerCase()})${contacts ? ` – ${contacts}` : ''}`;
    })
    .join('\n');
}

export type ConsolidatedLineKind = 'group' | 'total' | 'org' | 'rollup';

export interface ConsolidatedLine {
  kind: ConsolidatedLineKind;
  rowKey: string;
  /** What the first column says: the group, "Tổng hợp (n đơn vị)", an agency, "Cộng …". */
  label: string;
  orgId: string | null;
  /** Canonical values, one per table column (null: blank). */
  values: (string | null)[];
}

/** One consolidated table as the lines of the appendix. */
export function consolidatedLines(table: ConsolidatedTableView): ConsolidatedLine[] {
  const lines: ConsolidatedLine[] = [];
  const valuesOf = (cells: { columnKey: string; value: string | null }[], fixed: boolean) => {
    const byKey = new Map(cells.map((c) => [c.columnKey, c.value]));
    // Read-only columns (the task, the indicator) are the row's, shown once on its total line.
    return table.columns.map((c) => (c.readOnly && !fixed ? null : (byKey.get(c.key) ?? null)));
  };
  for (const row of table.rows) {
    if (row.isGroup) {
      lines.push({
        kind: 'group',
        rowKey: row.key,
        label: row.label,
        orgId: null,
        values: table.columns.map(() => null),
      });
      continue;
    }
    lines.push({
      kind: 'total',
      rowKey: row.key,
      label: row.byOrg.length > 1 ? `Tổng hợp (${row.byOrg.length} đơn vị)` : '',
      orgId: null,
      values: valuesOf(row.totals, true),
    });
    for (const o of row.byOrg) {
      lines.push({
        kind: 'org',
        rowKey: row.key,
        label: o.org.name,
        orgId: o.org.id,
        values: valuesOf(o.cells, false),
      });
    }
    for (const up of row.rollup) {
      lines.push({
        kind: 'rollup',
        rowKey: row.key,
        label: `Cộng ${up.org.name}`,
        orgId: up.org.id,
        values: valuesOf(up.cells, true),
      });
    }
  }
  return lines;
}
