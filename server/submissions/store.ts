// Writing a checked save into a submission's current values, in set-based statements: a sheet of
// 2,000 rows is one INSERT … ON CONFLICT and one DELETE, not thousands of round trips.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { CheckedSave } from '../../shared/reporting/check-save.ts';
import type { Sheet } from '../../shared/reporting/sheet.ts';
import { textArrayLiteral } from '../db/text-array.ts';

type Tx = Prisma.TransactionClient;

/**
 * `fresh`: the submission was created in this transaction, so it has no value to replace — a
 * plain INSERT then, which PostgreSQL does about a third faster than INSERT … ON CONFLICT (each
 * row's speculative insertion), and a first save is the whole sheet.
 */
export async function writeValues(
  tx: Tx,
  submissionId: string,
  checked: CheckedSave,
  fresh = false,
): Promise<void> {
  const set = checked.cells.filter((c) => c.value !== null);
  const cleared = checked.cells.filter((c) => c.value === null);
  if (set.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "CellValue" ("submissionId", "tableKey", "rowKey", "columnKey", "value")
       SELECT $1, t, r, c, v FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(t, r, c, v)${
         fresh
           ? ''
           : `
       ON CONFLICT ("submissionId", "tableKey", "rowKey", "columnKey")
       DO UPDATE SET "value" = EXCLUDED."value"`
       }`,
      submissionId,
      textArrayLiteral(set.map((c) => c.tableKey)),
      textArrayLiteral(set.map((c) => c.rowKey)),
      textArrayLiteral(set.map((c) => c.columnKey)),
      textArrayLiteral(set.map((c) => c.value!)),
    );
  }
  if (cleared.length && !fresh) {
    await tx.$executeRawUnsafe(
      `DELETE FROM "CellValue" WHERE "submissionId" = $1
         AND ("tableKey", "rowKey", "columnKey") IN
             (SELECT t, r, c FROM unnest($2::text[], $3::text[], $4::text[]) AS x(t, r, c))`,
      submissionId,
      textArrayLiteral(cleared.map((c) => c.tableKey)),
      textArrayLiteral(cleared.map((c) => c.rowKey)),
      textArrayLiteral(cleared.map((c) => c.columnKey)),
    );
  }
  for (const removed of checked.removedRows) {
    await tx.cellValue.deleteMany({
      where: { submissionId, tableKey: removed.tableKey, rowKey: removed.rowKey },
    });
    await tx.submissionRow.deleteMany({
      where: { submissionId, tableKey: removed.tableKey, rowKey: removed.rowKey },
    });
  }
  if (checked.addedRows.length) {
    const last = fresh
      ? null
      : await tx.submissionRow.aggregate({
          where: { submissionId },
          _max: { sortOrder: true },
        });
    const start = (last?._max.sortOrder ?? -1) + 1;
    await tx.submissionRow.createMany({
      data: checked.addedRows.map((r, i) => ({
        submissionId,
        tableKey: r.tableKey,
        rowKey: r.rowKey,
        sortOrder: start + i,
      })),
    });
  }
  if (checked.answers.length) {
    // All answers in one statement.
    await tx.$executeRawUnsafe(
      `INSERT INTO "OutlineAnswer" ("submissionId", "sectionKey", "text")
       SELECT $1, k, t FROM unnest($2::text[], $3::text[]) AS x(k, t)
       ON CONFLICT ("submissionId", "sectionKey") DO UPDATE SET "text" = EXCLUDED."text"`,
      submissionId,
      checked.answers.map((a) => a.key),
      checked.answers.map((a) => a.text),
    );
  }
}

/**
 * A saved version: its snapshot (a 1,000-row sheet's is some 300 kB) is sent as JSON text in one
 * parameter. Through Prisma's create, the query builder walked every key of it, which cost more
 * than the INSERT.
 */
export async function writeVersion(
  tx: Tx,
  version: {
    submissionId: string;
    version: number;
    status: string;
    snapshot: Prisma.InputJsonValue;
    createdById: string;
  },
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "SubmissionVersion" ("id", "submissionId", "version", "status", "snapshot",
       "createdById", "createdAt")
     VALUES ($1, $2, $3, $4::"SubmissionStatus", $5::jsonb, $6, $7::timestamptz AT TIME ZONE 'UTC')`,
    randomUUID(),
    version.submissionId,
    version.version,
    version.status,
    JSON.stringify(version.snapshot),
    version.createdById,
    new Date().toISOString(),
  );
}

/**
 * What a version keeps: every value the agency entered (read-only cells come from the plan and
 * the template, which do not change) and every answer — enough to show or restore it later.
 */
export function snapshotOf(sheet: Sheet): Prisma.InputJsonValue {
  return {
    tables: sheet.tables.map((t) => {
      const editable = new Set(t.columns.filter((c) => !c.readOnly).map((c) => c.key));
      return {
        key: t.key,
        rows: t.rows
          .filter((r) => !r.isGroup && !r.readOnly)
          .map((r) => ({
            key: r.key,
            open: r.open,
            cells: Object.fromEntries(
              r.cells
                .filter((c) => editable.has(c.columnKey) && c.value !== null)
                .map((c) => [c.columnKey, c.value]),
            ),
          }))
          .filter((r) => r.open || Object.keys(r.cells).length > 0),
      };
    }),
    answers: Object.fromEntries(
      sheet.outline.filter((s) => s.answer !== null).map((s) => [s.key, s.answer]),
    ),
  };
}
