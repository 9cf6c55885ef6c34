// What the database holds after many clients saved, compared with what the server acknowledged
// to them: every acknowledged save present exactly once (one version, one idempotency record, one
// audit event each), versions 1…n with no gap per submission, each version holding what its save
// wrote, and the current values those of the last acknowledged save. Plain SQL, so it reads
// PostgreSQL and the embedded database alike.
import type { Ack } from './report-clients.ts';

export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

interface Snapshot {
  tables: { key: string; rows: { key: string; cells: Record<string, string> }[] }[];
  answers: Record<string, string>;
}

export interface StoredSummary {
  submissions: number;
  versions: number;
  /** Current cell values and answers read back. */
  values: number;
  problems: string[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const same = (a: number[], b: number[]) => JSON.stringify(a) === JSON.stringify(b);

/** `acks`: per org id, the saves acknowledged to its client, in order. */
export async function checkStoredSaves(
  query: Query,
  requestId: string,
  acks: Map<string, Ack[]>,
): Promise<StoredSummary> {
  const problems: string[] = [];
  const submissions = await query<{ id: string; orgId: string; version: number; status: string }>(
    `SELECT id, "orgId", version, status FROM "Submission" WHERE "requestId" = $1`,
    [requestId],
  );
  const ids = submissions.map((s) => s.id);
  const versions = await query<{ submissionId: string; version: number; snapshot: Snapshot }>(
    `SELECT "submissionId", version, snapshot FROM "SubmissionVersion" WHERE "submissionId" = ANY($1)`,
    [ids],
  );
  const cells = await query<{
    submissionId: string;
    tableKey: string;
    columnKey: string;
    value: string;
  }>(
    `SELECT "submissionId", "tableKey", "columnKey", value FROM "CellValue" WHERE "submissionId" = ANY($1)`,
    [ids],
  );
  const answers = await query<{ submissionId: string; text: string | null }>(
    `SELECT "submissionId", text FROM "OutlineAnswer" WHERE "submissionId" = ANY($1)`,
    [ids],
  );
  const audits = await query<{ entityId: string; afterVersion: number }>(
    `SELECT "entityId", "afterVersion" FROM "AuditEvent"
     WHERE "entityType" = 'Submission' AND "entityId" = ANY($1) AND "afterVersion" IS NOT NULL
       AND action IN ('submission.save', 'submission.submit')`,
    [ids],
  );
  const keys = [...acks.values()].flat().map((a) => a.key);
  const records = await query<{ key: string }>(
    `SELECT key FROM "IdempotencyRecord" WHERE key = ANY($1)`,
    [keys],
  );
  const recordCount = new Map<string, number>();
  for (const r of records) recordCount.set(r.key, (recordCount.get(r.key) ?? 0) + 1);

  const byOrg = new Map(submissions.map((s) => [s.orgId, s]));
  for (const s of submissions) {
    if (!acks.has(s.orgId)) problems.push(`${s.orgId}: a submission no client was told of`);
  }
  for (const [orgId, list] of acks) {
    const s = byOrg.get(orgId);
    if (!list.length) continue;
    if (!s) {
      problems.push(`${orgId}: ${list.length} acknowledged saves, no submission stored`);
      continue;
    }
    const n = list.length;
    const acked = list.map((a) => a.version).sort((a, b) => a - b);
    if (!same(acked, range(n))) problems.push(`${orgId}: acknowledged versions ${acked.join(',')}`);
    if (s.version !== n) problems.push(`${orgId}: submission at version ${s.version}, ${n} saves`);
    const mine = versions.filter((v) => v.submissionId === s.id);
    const stored = mine.map((v) => v.version).sort((a, b) => a - b);
    if (!same(stored, range(n))) problems.push(`${orgId}: stored versions ${stored.join(',')}`);
    const audited = audits
      .filter((a) => a.entityId === s.id)
      .map((a) => a.afterVersion)
      .sort((a, b) => a - b);
    if (!same(audited, range(n))) problems.push(`${orgId}: audit events for ${audited.join(',')}`);
    for (const a of list) {
      if (recordCount.get(a.key) !== 1)
        problems.push(`${a.key}: ${recordCount.get(a.key) ?? 0} idempotency records`);
      const snapshot = mine.find((v) => v.version === a.version)?.snapshot;
      const written = snapshot
        ? [
            ...snapshot.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells))),
            ...Object.values(snapshot.answers),
          ]
        : [];
      if (!written.length || written.some((v) => v !== a.marker))
        problems.push(
          `${a.key}: version ${a.version} holds ${JSON.stringify([...new Set(written)])}`,
        );
    }
    const last = list[list.length - 1]!;
    const current = [
      ...cells.filter((c) => c.submissionId === s.id).map((c) => c.value),
      ...answers.filter((a) => a.submissionId === s.id).map((a) => a.text),
    ];
    if (!current.length || current.some((v) => v !== last.marker))
      problems.push(
        `${orgId}: current values ${JSON.stringify([...new Set(current)])}, last save ${last.marker}`,
      );
    if (last.submit && s.status !== 'SUBMITTED') problems.push(`${orgId}: status ${s.status}`);
  }
  return {
    submissions: submissions.length,
    versions: versions.length,
    values: cells.length + answers.length,
    problems,
  };
}
