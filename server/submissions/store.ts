// Writing a checked save into a submission's current values, in set-based statements: a sheet of
// 2,000 rows is one INSERT … ON CONFLICT and one DELETE, not thousands of round trips.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { CheckedSave } from '../../shared/reporting/check-save.ts';
import type { Sheet } from '../../shared/reporting/sheet.ts';

type Tx = Prisma.TransactionClient;

export async function writeValues(
  tx: Tx,
  submissionId: string,
  checked: CheckedSave,
): Promise<void> {
  const set = checked.cells.filter((c) => c.value !== null);
  const cleared = checked.cells.filter((c) => c.value === null);
  if (set.length) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "CellValue" ("submissionId", "tableKey", "rowKey", "columnKey", "value")
       SELECT $1, t, r, c, v FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(t, r, c, v)
       ON CONFLICT ("submissionId", "tableKey", "rowKey", "columnKey")
       DO UPDATE SET "value" = EXCLUDED."value"`,
      submissionId,
      set.map((c) => c.tableKey),
      set.map((c) => c.rowKey),
      set.map((c) => c.columnKey),
      set.map((c) => c.value),
    );
  }
  if (cleared.length) {
    await tx.$executeRawUnsafe(
      `DELETE FROM "CellValue" WHERE "submissionId" = $1
         AND ("tableKey", "rowKey", "columnKey") IN
             (SELECT t, r, c FROM unnest($2::text[], $3::text[], $4::text[]) AS x(t, r, c))`,
      submissionId,
      cleared.map((c) => c.tableKey),
      cleared.map((c) => c.rowKey),
      cleared.map((c) => c.columnKey),
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
    const last = await tx.submissionRow.aggregate({
      where: { submissionId },
      _max: { sortOrder: true },
    });
    const start = (last._max.sortOrder ?? -1) + 1;
    await tx.submissionRow.createMany({
      data: checked.addedRows.map((r, i) => ({
        submissionId,
        tableKey: r.tableKey,
        rowKey: r.rowKey,
        sortOrder: start + i,
      })),
    });
  }
  for (const a of checked.answers) {
    await tx.outlineAnswer.upsert({
      where: { submissionId_sectionKey: { submissionId, sectionKey: a.key } },
      create: { submissionId, sectionKey: a.key, text: a.text },
      update: { text: a.text },
    });
  }
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
