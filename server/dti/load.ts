// Loading DTI frameworks into the model. A framework never changes once loaded (assessments keep
// the one they were opened with, so an earlier year's scores stay as they were): a later decision
// is a framework of its own code. The one change allowed is completing it: a framework loaded
// without its components (the appendix was not at hand) takes them once, from a file whose
// decision-level figures are exactly those stored.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { isUniqueViolation } from '../db/unique.ts';
import { FrameworkFileError, parseFrameworkFile, type FrameworkFile } from './framework-file.ts';

type Tx = Prisma.TransactionClient;

/** The frameworks the product ships with (prisma/catalogue/dti/, sources in its README). */
export const SHIPPED_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../prisma/catalogue/dti',
);

export interface LoadResult {
  code: string;
  outcome: 'created' | 'completed' | 'unchanged';
  mainIndicators: number;
  components: number;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const json = (v: unknown) => v as Prisma.InputJsonValue;

async function createComponents(
  tx: Tx,
  frameworkId: string,
  file: FrameworkFile,
  mainIds: Map<string, string>,
): Promise<void> {
  await tx.dtiComponent.createMany({
    data: file.components.map((c, i) => ({
      frameworkId,
      mainIndicatorId: mainIds.get(c.main)!,
      code: c.code,
      name: c.name,
      maxPoints: c.maxPoints,
      measure: c.measure,
      valueKind: c.valueKind,
      scoring: c.scoring,
      evidence: c.evidence,
      answeredBy: c.answeredBy,
      usualOwner: c.usualOwner,
      sortOrder: i,
      source: json(c.source),
    })),
  });
}

/** What must be identical for a file to complete a stored framework. */
const decisionFigures = (f: {
  decisionNumber: string;
  level: string;
  maxPoints: number | null;
  componentCount: number | null;
}) => JSON.stringify([f.decisionNumber, f.level, f.maxPoints, f.componentCount]);
const mainFigures = (m: {
  code: string;
  name: string;
  maxPoints: number | null;
  componentCount: number | null;
  scored: boolean;
}) => JSON.stringify([m.code, m.name, m.maxPoints, m.componentCount, m.scored]);

/** Loads one framework file: creates it, completes it, or finds it already loaded. */
export function loadFramework(prisma: PrismaClient, text: string): Promise<LoadResult> {
  return loadChecked(prisma, parseFrameworkFile(text), hashOf(text));
}

/** loadFramework for a file already checked (`hash`: of its text). */
async function loadChecked(
  prisma: PrismaClient,
  file: FrameworkFile,
  hash: string,
): Promise<LoadResult> {
  const f = file.framework;
  return prisma.$transaction(async (tx) => {
    const stored = await tx.dtiFramework.findUnique({
      where: { code: f.code },
      include: {
        mainIndicators: { orderBy: { sortOrder: 'asc' } },
        _count: { select: { components: true } },
      },
    });
    const result = (outcome: LoadResult['outcome']): LoadResult => ({
      code: f.code,
      outcome,
      mainIndicators: file.mainIndicators.length,
      components:
        outcome === 'unchanged' ? (stored?._count.components ?? 0) : file.components.length,
    });
    if (!stored) {
      const created = await tx.dtiFramework.create({
        data: {
          code: f.code,
          decisionNumber: f.decisionNumber,
          issuedOn: new Date(`${f.issuedOn}T00:00:00Z`),
          issuer: f.issuer,
          title: f.title,
          level: f.level,
          maxPoints: f.maxPoints,
          componentCount: f.componentCount,
          indexScale: f.indexScale,
          scoringRule: f.scoringRule,
          sources: json(f.sources),
          notes: json(f.notes),
          contentHash: hash,
          mainIndicators: {
            create: file.mainIndicators.map((m, i) => ({
              code: m.code,
              name: m.name,
              groupCode: m.groupCode,
              groupName: m.groupName,
              maxPoints: m.maxPoints,
              componentCount: m.componentCount,
              scored: m.scored,
              sortOrder: i,
              source: json(m.source),
            })),
          },
        },
        include: { mainIndicators: true },
      });
      await createComponents(
        tx,
        created.id,
        file,
        new Map(created.mainIndicators.map((m) => [m.code, m.id])),
      );
      return result('created');
    }
    if (stored.contentHash === hash) return result('unchanged');
    const completes =
      stored._count.components === 0 &&
      file.components.length > 0 &&
      decisionFigures(stored) === decisionFigures(f) &&
      stored.mainIndicators.length === file.mainIndicators.length &&
      stored.mainIndicators.every(
        (m, i) => mainFigures(m) === mainFigures(file.mainIndicators[i]!),
      );
    if (!completes) {
      throw new FrameworkFileError([
        stored._count.components
          ? `Bộ chỉ số ${f.code} đã nạp đủ và không sửa được (các năm đã chấm giữ nguyên). Quyết định mới là một bộ chỉ số mới, với mã khác.`
          : `Tệp không khớp bộ chỉ số ${f.code} đã nạp (số quyết định, cấp, tổng điểm, số chỉ số, tên và điểm từng chỉ số chính phải giống hệt); chỉ được bổ sung danh sách chỉ số thành phần.`,
      ]);
    }
    await createComponents(
      tx,
      stored.id,
      file,
      new Map(stored.mainIndicators.map((m) => [m.code, m.id])),
    );
    await tx.dtiFramework.update({ where: { id: stored.id }, data: { contentHash: hash } });
    return result('completed');
  });
}

/**
 * The shipped frameworks that are not in the database yet (a framework already there, completed
 * or not, is left as it is). Run at every start: one query when nothing is missing.
 */
export async function loadShippedFrameworks(
  prisma: PrismaClient,
  dir: string = SHIPPED_DIR,
): Promise<LoadResult[]> {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => readFileSync(join(dir, n), 'utf8'));
  const stored = new Set(
    (await prisma.dtiFramework.findMany({ select: { code: true } })).map((f) => f.code),
  );
  const results: LoadResult[] = [];
  for (const text of files) {
    const file = parseFrameworkFile(text);
    if (stored.has(file.framework.code)) continue;
    try {
      results.push(await loadChecked(prisma, file, hashOf(text)));
    } catch (error) {
      // Another instance starting at the same time loaded it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return results;
}
