// The agency's last period for a sheet (issue 24): the most recent earlier request of the same
// template code (any version) and period kind, its period ending before this one, that the agency
// has sent (shared/reporting/status.ts: sent and not returned since), with the values it sent,
// keyed as the current sheet keys them. Read only when asked (ReportSheet.lastPeriod, or a save
// whose template checks changes): the sheet itself is the add-in's most frequent read.
import type { Sql } from '../db/database.ts';
import type { Principal } from '../auth/access.ts';
import { canReadSubmission } from '../auth/access.ts';
import type { LastPeriod } from '../../shared/reporting/last-period.ts';
import type { Sheet } from '../../shared/reporting/sheet.ts';
import { SENT_STATUSES_SQL, type SubmissionStatus } from '../../shared/reporting/status.ts';

export interface SheetLastPeriod extends LastPeriod {
  requestId: string;
  sentAt: Date | null;
}

/**
 * From the agency's sent submissions (indexed by org and status), the one whose request has the
 * same template code and period kind as $1's and the latest period ending before $1's; its
 * non-empty cells as arrays (a report has hundreds: keys would be most of the JSON).
 */
const LAST_PERIOD_SQL = `
SELECT x.*, (SELECT coalesce(json_agg(json_build_array(v."tableKey", v."rowKey", v."columnKey",
                v."value")), '[]')
             FROM "CellValue" v WHERE v."submissionId" = x."submissionId" AND v."value" IS NOT NULL)
  AS cells
FROM (
  SELECT s."id" AS "submissionId", s."status", s."submittedAt" AS "sentAt",
    r."id" AS "requestId", p."label" AS "periodLabel"
  FROM "ReportRequest" cur
  JOIN "ReportTemplate" ct ON ct."id" = cur."templateId"
  JOIN "ReportingPeriod" cp ON cp."id" = cur."periodId"
  JOIN "Submission" s ON s."orgId" = $2 AND s."status" IN ${SENT_STATUSES_SQL}
    AND s."requestId" <> cur."id"
  JOIN "ReportRequest" r ON r."id" = s."requestId"
  JOIN "ReportTemplate" t ON t."id" = r."templateId" AND t."code" = ct."code"
  JOIN "ReportingPeriod" p ON p."id" = r."periodId" AND p."kind" = cp."kind"
    AND p."end" < cp."end"
  WHERE cur."id" = $1
  ORDER BY p."end" DESC, s."submittedAt" DESC NULLS LAST
  LIMIT 1
) x`;

type CellTuple = [string, string, string, string];

/**
 * The sent cells that the current sheet has a place for: tables, rows (fixed, or generated from
 * the plan: matched by key) and columns it still has; a group row or an open row (keys the
 * agency's own each period) never matches.
 */
export function lastPeriodValues(sheet: Sheet, cells: CellTuple[]): LastPeriod['tables'] {
  const byKey = new Map<string, Map<string, Map<string, string>>>();
  for (const [tableKey, rowKey, columnKey, value] of cells) {
    let rows = byKey.get(tableKey);
    if (!rows) byKey.set(tableKey, (rows = new Map()));
    let row = rows.get(rowKey);
    if (!row) rows.set(rowKey, (row = new Map()));
    row.set(columnKey, value);
  }
  return sheet.tables.flatMap((t) => {
    const sent = byKey.get(t.key);
    if (!sent) return [];
    const rows = t.rows.flatMap((r) => {
      const values = r.isGroup || r.open ? undefined : sent.get(r.key);
      if (!values) return [];
      const rowCells = t.columns.flatMap((c) => {
        const value = values.get(c.key);
        return value === undefined ? [] : [{ columnKey: c.key, value }];
      });
      return rowCells.length ? [{ key: r.key, cells: rowCells }] : [];
    });
    return rows.length ? [{ key: t.key, rows }] : [];
  });
}

/**
 * The agency's last period for the sheet of `requestId`, or null: none sent, or the viewer may
 * not read the agency's sent reports (the agency itself and those who oversee it may).
 */
export async function lastPeriodOf(
  sql: Sql,
  viewer: Principal,
  requestId: string,
  agency: { id: string; path: string },
  sheet: Sheet,
): Promise<SheetLastPeriod | null> {
  const [found] = await sql.query<{
    submissionId: string;
    status: SubmissionStatus;
    sentAt: Date | string | null;
    requestId: string;
    periodLabel: string;
    cells: CellTuple[];
  }>(LAST_PERIOD_SQL, [requestId, agency.id], 'sheet-last-period');
  if (!found || !canReadSubmission(viewer, { orgPath: agency.path, status: found.status }))
    return null;
  return {
    requestId: found.requestId,
    periodLabel: found.periodLabel,
    sentAt: found.sentAt === null ? null : new Date(found.sentAt),
    tables: lastPeriodValues(sheet, found.cells),
  };
}
