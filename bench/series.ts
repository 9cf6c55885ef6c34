// The indicator series at scale (issue 24): eight quarters of one request each for 1,000 communes
// of the synthetic province, every commune's report sent (one in ten missing in one quarter), then
// one cell of the template across all of them — 8,000 points — as server/series/load.ts reads it.
import type { Database } from '../server/db/database.ts';
import { reportingPeriod } from '../shared/reporting/period.ts';
import type { SeriesInput } from '../server/series/load.ts';
import { communeCode, CONSOLIDATOR, PROVINCE, TABLE, type Province } from './province.ts';

export const SERIES_TEMPLATE = 'BX-TH';
export const SERIES_ROW = '1.1';
export const SERIES_COLUMN = 'so-luong';
export const SERIES_QUARTERS = 8;

/** Writes the quarters' requests and reports; returns the series to read. */
export async function buildSeries(db: Database, province: Province): Promise<SeriesInput> {
  const agencies = Math.min(1000, province.scale.communes);
  const communes = Array.from({ length: agencies }, (_, i) => province.orgs.get(communeCode(i))!);
  const template = await db.prisma.reportTemplate.findFirstOrThrow({
    where: { code: SERIES_TEMPLATE },
  });
  const quarters = Array.from({ length: SERIES_QUARTERS }, (_, k) =>
    reportingPeriod({ kind: 'QUARTER', year: 2023 + Math.floor(k / 4), number: (k % 4) + 1 }),
  );
  for (const [k, q] of quarters.entries()) {
    const period = await db.prisma.reportingPeriod.create({
      data: {
        kind: 'QUARTER',
        year: q.year,
        number: q.number,
        label: q.label,
        start: new Date(`${q.start}T00:00:00Z`),
        end: new Date(`${q.end}T00:00:00Z`),
        cutoffStart: new Date(`${q.cutoffStart}T00:00:00Z`),
        cutoffEnd: new Date(`${q.cutoffEnd}T00:00:00Z`),
      },
    });
    const request = await db.prisma.reportRequest.create({
      data: {
        templateId: template.id,
        periodId: period.id,
        title: `Báo cáo ${q.label} (chuỗi số liệu)`,
        deadline: new Date(`${q.cutoffEnd}T10:00:00Z`),
        consolidatorOrgId: province.orgs.get(CONSOLIDATOR)!,
        recipients: { createMany: { data: communes.map((orgId) => ({ orgId })) } },
      },
    });
    // Sent reports with the one cell followed; in the fifth quarter every tenth is missing.
    const sending = communes.filter((_, i) => k !== 4 || i % 10 !== 0);
    await db.sql.query(
      `WITH subs AS (
         INSERT INTO "Submission" ("id", "requestId", "orgId", "status", "version", "submittedAt",
           "updatedAt")
         SELECT gen_random_uuid()::text, $1, o, 'SUBMITTED', 1, now(), now()
         FROM unnest($2::text[]) AS o
         RETURNING "id", "orgId")
       INSERT INTO "CellValue" ("submissionId", "tableKey", "rowKey", "columnKey", "value")
       SELECT s."id", $3, $4, $5, ((abs(hashtext(s."orgId")) + $6) % 1000)::text FROM subs s`,
      [request.id, sending, TABLE, SERIES_ROW, SERIES_COLUMN, k],
    );
  }
  await db.sql.exec('ANALYZE');
  return {
    templateCode: SERIES_TEMPLATE,
    tableKey: TABLE,
    rowKey: SERIES_ROW,
    columnKey: SERIES_COLUMN,
    periodKind: 'QUARTER',
    from: quarters[0]!.start,
    to: quarters.at(-1)!.end,
    withinOrgId: province.orgs.get(PROVINCE)!,
    level: 'COMMUNE',
  };
}
