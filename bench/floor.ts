// The floor: what the database alone costs for the same work, written by hand. A multi-row INSERT
// of a report's cells, and one SQL statement that computes everything the Consolidation query
// returns (completeness, submissions, missing agencies, outline answers per agency, each row's
// totals by the column's rule and every agency's cells in org-tree order) as one JSON document.
import type { Sql } from '../server/db/database.ts';
import { SENT_STATUSES_SQL } from '../shared/reporting/status.ts';

export interface FloorCell {
  tableKey: string;
  rowKey: string;
  columnKey: string;
  value: string;
}

/** Inserts a report's cells with one multi-row INSERT … VALUES statement. */
export async function insertCells(
  sql: Pick<Sql, 'query'>,
  submissionId: string,
  cells: FloorCell[],
): Promise<void> {
  const params: unknown[] = [submissionId];
  const tuples = cells.map((c) => {
    const n = params.push(c.tableKey, c.rowKey, c.columnKey, c.value);
    return `($1, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await sql.query(
    `INSERT INTO "CellValue" ("submissionId", "tableKey", "rowKey", "columnKey", "value")
     VALUES ${tuples.join(', ')}`,
    params,
  );
}

const sent = `s."status" IN ${SENT_STATUSES_SQL}`;
const orgJson = (alias: string) =>
  `json_build_object('id', ${alias}."orgId", 'name', ${alias}."name")`;

/** $1: the request id. One row, one column `doc`: the consolidation as JSON text. */
export const consolidationSql = `
WITH req AS (
  SELECT "id", "templateId", "planId" FROM "ReportRequest" WHERE "id" = $1
), recipients AS (
  SELECT o."id" AS "orgId", o."name", o."path", s."id" AS "submissionId", s."status",
         s."version", s."submittedAt", s."late"
  FROM "ReportRecipient" r JOIN "Org" o ON o."id" = r."orgId"
  LEFT JOIN "Submission" s ON s."requestId" = r."requestId" AND s."orgId" = r."orgId"
  WHERE r."requestId" = $1
), sent AS (
  SELECT * FROM recipients s WHERE ${sent}
), cols AS (
  SELECT t."key" AS "tableKey", t."title", c."key" AS "columnKey", c."aggregate", c."sortOrder"
  FROM req JOIN "TemplateTable" t ON t."templateId" = req."templateId"
  JOIN "TemplateColumn" c ON c."tableId" = t."id"
  WHERE NOT c."readOnly"
), cells AS (
  SELECT v."tableKey", v."rowKey", v."columnKey", v."value", s."orgId", s."name", s."path",
         k."aggregate", k."sortOrder",
         CASE WHEN k."aggregate" IN ('SUM', 'AVERAGE', 'MIN', 'MAX') AND v."value" <> ''
              THEN v."value"::numeric END AS num
  FROM sent s JOIN "CellValue" v ON v."submissionId" = s."submissionId"
  JOIN cols k ON k."tableKey" = v."tableKey" AND k."columnKey" = v."columnKey"
), totals AS (
  SELECT "tableKey", "rowKey",
         json_agg(json_build_object('columnKey', "columnKey", 'value', total) ORDER BY "sortOrder")
           AS totals
  FROM (
    SELECT "tableKey", "rowKey", "columnKey", "sortOrder",
           CASE "aggregate"
             WHEN 'SUM' THEN sum(num)::text
             WHEN 'AVERAGE' THEN round(avg(num), 10)::text
             WHEN 'MIN' THEN min(num)::text
             WHEN 'MAX' THEN max(num)::text
             WHEN 'COUNT' THEN NULLIF(count(NULLIF("value", '')), 0)::text
           END AS total
    FROM cells GROUP BY "tableKey", "rowKey", "columnKey", "sortOrder", "aggregate"
  ) t
  GROUP BY "tableKey", "rowKey"
), by_org AS (
  SELECT "tableKey", "rowKey",
         json_agg(json_build_object('org', ${orgJson('o')}, 'cells', o.cells) ORDER BY o."path")
           AS "byOrg"
  FROM (
    SELECT "tableKey", "rowKey", "orgId", "name", "path",
           json_agg(json_build_object('columnKey', "columnKey", 'value', "value")
                    ORDER BY "sortOrder") AS cells
    FROM cells GROUP BY "tableKey", "rowKey", "orgId", "name", "path"
  ) o
  GROUP BY "tableKey", "rowKey"
), rows AS (
  SELECT t."tableKey",
         json_agg(json_build_object('key', t."rowKey",
                                    'label', concat_ws('. ', k."code", k."title"),
                                    'totals', t.totals, 'byOrg', b."byOrg")
                  ORDER BY k."sortOrder", k."code", t."rowKey") AS rows
  FROM totals t JOIN by_org b USING ("tableKey", "rowKey")
  LEFT JOIN "Task" k ON k."planId" = (SELECT "planId" FROM req) AND k."code" = t."rowKey"
  GROUP BY t."tableKey"
), answers AS (
  SELECT a."sectionKey",
         json_agg(json_build_object('org', ${orgJson('s')}, 'text', a."text") ORDER BY s."path")
           AS answers
  FROM sent s JOIN "OutlineAnswer" a ON a."submissionId" = s."submissionId"
  WHERE a."text" IS NOT NULL AND a."text" <> ''
  GROUP BY a."sectionKey"
)
SELECT json_build_object(
  'completeness', (SELECT json_build_object(
      'expected', count(*),
      'submitted', count(*) FILTER (WHERE ${sent}),
      'onTime', count(*) FILTER (WHERE ${sent} AND NOT s."late"),
      'late', count(*) FILTER (WHERE ${sent} AND s."late"),
      'missing', count(*) FILTER (WHERE s."status" IS NULL OR s."status" = 'DRAFT'),
      'pendingApproval', count(*) FILTER (WHERE s."status" IN ('PENDING_APPROVAL', 'APPROVED')),
      'returned', count(*) FILTER (WHERE s."status" = 'RETURNED'),
      'accepted', count(*) FILTER (WHERE s."status" = 'ACCEPTED')) FROM recipients s),
  'submissions', (SELECT json_agg(json_build_object('id', s."submissionId", 'status', s."status",
      'version', s."version", 'submittedAt', s."submittedAt", 'late', s."late",
      'org', ${orgJson('s')}) ORDER BY s."path")
    FROM recipients s WHERE s."submissionId" IS NOT NULL),
  'missingOrgs', (SELECT json_agg(${orgJson('s')} ORDER BY s."path")
    FROM recipients s WHERE s."status" IS NULL OR s."status" NOT IN ${SENT_STATUSES_SQL}),
  'outline', (SELECT json_agg(json_build_object('key', "sectionKey", 'answers', answers)
    ORDER BY "sectionKey") FROM answers),
  'tables', (SELECT json_agg(json_build_object('key', "tableKey", 'rows', rows)) FROM rows)
)::text AS doc`;

export interface FloorConsolidation {
  completeness: Record<string, number>;
  tables: {
    key: string;
    rows: {
      key: string;
      totals: { columnKey: string; value: string | null }[];
      byOrg: { org: { id: string; name: string }; cells: { columnKey: string; value: string }[] }[];
    }[];
  }[];
}

/** The consolidation by hand-written SQL, as the JSON text the database produced. */
export async function consolidationText(sql: Pick<Sql, 'query'>, requestId: string) {
  const [row] = await sql.query<{ doc: string }>(consolidationSql, [requestId]);
  return row!.doc;
}
