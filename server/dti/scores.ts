// An assessment's scores from what the agencies sent: each component's value from the agency it
// is routed to, if that agency's report counts as sent (shared/reporting/status.ts), scored by the
// assessment's own framework — so a later year on another framework changes nothing here — and
// the year before beside it.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { SENT_STATUSES } from '../../shared/reporting/status.ts';
import { frameworkFacts, type FrameworkFacts } from './assessment.ts';
import { scoreAssessment, type ComponentAnswer, type DtiScores, type Subtotal } from './score.ts';
import { DTI_COLUMN, DTI_TABLE, answerColumn, componentRowKey } from './template.ts';
import { cellNumber } from '../../shared/cells/parse.ts';

/** The rule the Ministry announced for provinces formed by the 2025 merger (source in README). */
export const MERGED_PROVINCE_RULE =
  'Tỉnh hình thành sau sáp nhập: mỗi chỉ số chính năm trước là trung bình cộng chỉ số đó của các tỉnh trước sáp nhập (Bộ Khoa học và Công nghệ khi công bố DTI 2024, 21/10/2025).';

/** Each component's sent answer, by component code. */
export async function sentAnswers(
  prisma: PrismaClient,
  requestId: string,
  framework: FrameworkFacts,
): Promise<Map<string, ComponentAnswer>> {
  const byRow = new Map(framework.components.map((c) => [componentRowKey(c.code), c]));
  const routes = await prisma.requestRowRoute.findMany({
    where: { requestId, tableKey: DTI_TABLE },
  });
  const ownerOf = new Map(routes.map((r) => [r.rowKey, r.orgId]));
  const cells = await prisma.cellValue.findMany({
    where: {
      tableKey: DTI_TABLE,
      submission: { requestId, status: { in: [...SENT_STATUSES] } },
    },
    select: { rowKey: true, columnKey: true, value: true, submission: { select: { orgId: true } } },
  });
  const sent = new Map<string, Map<string, string | null>>();
  for (const cell of cells) {
    // Only the routed agency's cells count (a row is asked of one agency).
    if (ownerOf.get(cell.rowKey) !== cell.submission.orgId) continue;
    let row = sent.get(cell.rowKey);
    if (!row) sent.set(cell.rowKey, (row = new Map()));
    row.set(cell.columnKey, cell.value);
  }
  const answers = new Map<string, ComponentAnswer>();
  for (const [rowKey, component] of byRow) {
    const orgId = ownerOf.get(rowKey);
    if (!orgId) continue;
    answers.set(component.code, answerOf(component.scoring, orgId, sent.get(rowKey)));
  }
  return answers;
}

const VALUE_COLUMNS = [DTI_COLUMN.ratio, DTI_COLUMN.yesNo, DTI_COLUMN.value, DTI_COLUMN.claimed];

/** A row's cells as the component's scoring reads them. */
export function answerOf(
  scoring: FrameworkFacts['components'][number]['scoring'],
  orgId: string,
  cells: Map<string, string | null> = new Map(),
): ComponentAnswer {
  const yesNo = cells.get(DTI_COLUMN.yesNo);
  const value =
    scoring === 'PROPORTIONAL'
      ? cellNumber(cells.get(DTI_COLUMN.ratio) ?? null)
      : scoring === 'YES_NO'
        ? yesNo === 'true'
          ? 1
          : yesNo === 'false'
            ? 0
            : null
        : cellNumber(cells.get(DTI_COLUMN.value) ?? null);
  const column = answerColumn(scoring);
  const filled = (key: string) => (cells.get(key) ?? null) !== null;
  return {
    orgId,
    value,
    claimedPoints: cellNumber(cells.get(DTI_COLUMN.claimed) ?? null),
    evidence: cells.get(DTI_COLUMN.evidence) ?? null,
    note: cells.get(DTI_COLUMN.note) ?? null,
    misplaced:
      !filled(column.key) && VALUE_COLUMNS.some((k) => k !== column.key && filled(k))
        ? column.label
        : null,
  };
}

export interface AssessmentScores {
  framework: FrameworkFacts;
  answers: Map<string, ComponentAnswer>;
  scores: DtiScores;
}

export async function assessmentScores(
  prisma: PrismaClient,
  assessment: { frameworkId: string; requestId: string },
): Promise<AssessmentScores> {
  const framework = await frameworkFacts(prisma, { id: assessment.frameworkId });
  if (!framework) throw new Error(`DTI framework ${assessment.frameworkId} is missing`);
  const answers = await sentAnswers(prisma, assessment.requestId, framework);
  return { framework, answers, scores: scoreAssessment(framework, answers) };
}

export interface YearBefore {
  year: number;
  how: 'OWN' | 'PREDECESSORS' | 'UNKNOWN';
  frameworkCode: string | null;
  /** 0–1, as published; null when not known in full. */
  index: number | null;
  /** The points known (all of them when index is known). */
  points: number | null;
  mains: { code: string; name: string; index: number | null }[];
  note: string;
}

/** The province's scores the year before, its own or its predecessors', or why unknown. */
export async function yearBefore(
  prisma: PrismaClient,
  provinceOrgId: string,
  year: number,
): Promise<YearBefore> {
  const before = year - 1;
  // Formed after the year before ended: that year belongs to the provinces it was formed from.
  const predecessors = await prisma.orgSuccession.findMany({
    where: {
      successorId: provinceOrgId,
      kind: { in: ['MERGE', 'ABSORB'] },
      effectiveOn: { gt: new Date(`${before}-12-31T00:00:00Z`) },
    },
    include: { predecessor: { select: { id: true, name: true } } },
  });
  if (!predecessors.length) {
    const own = await prisma.dtiAssessment.findUnique({
      where: { provinceOrgId_year: { provinceOrgId, year: before } },
    });
    if (!own) return unknown(before, `Chưa có đợt tự đánh giá năm ${before}.`);
    const { framework, scores } = await assessmentScores(prisma, own);
    return {
      year: before,
      how: 'OWN',
      frameworkCode: framework.code,
      index: scores.total.index,
      points: scores.total.points,
      mains: scores.mains.map((m) => ({ code: m.code, name: m.name, index: m.index })),
      note: `Đợt tự đánh giá năm ${before} (${framework.code}).`,
    };
  }
  // Absorbing others, the province kept its own unit: its own figures are averaged in too.
  const units = predecessors.map((p) => p.predecessor);
  if (predecessors.some((p) => p.kind === 'ABSORB')) {
    const self = await prisma.org.findUniqueOrThrow({
      where: { id: provinceOrgId },
      select: { id: true, name: true },
    });
    units.push(self);
  }
  const assessments = await prisma.dtiAssessment.findMany({
    where: { provinceOrgId: { in: units.map((u) => u.id) }, year: before },
  });
  const missing = units.filter((u) => !assessments.some((a) => a.provinceOrgId === u.id));
  if (missing.length) {
    return unknown(
      before,
      `${MERGED_PROVINCE_RULE} Chưa có số liệu năm ${before} của: ${missing.map((u) => u.name).join(', ')}.`,
    );
  }
  if (new Set(assessments.map((a) => a.frameworkId)).size > 1) {
    return unknown(
      before,
      `${MERGED_PROVINCE_RULE} Các tỉnh trước sáp nhập dùng bộ chỉ số khác nhau.`,
    );
  }
  const scored = await Promise.all(assessments.map((a) => assessmentScores(prisma, a)));
  const framework = scored[0]!.framework;
  return {
    year: before,
    how: 'PREDECESSORS',
    frameworkCode: framework.code,
    ...averageOfPredecessors(
      framework,
      scored.map((s) => s.scores.mains),
    ),
    note: MERGED_PROVINCE_RULE,
  };
}

/**
 * The Ministry's rule for a merged province: each main indicator's index the plain mean of the
 * predecessors' (unknown if any is), and the total as the published index is built from the main
 * indicators' — Σ index × maximum ÷ the framework's maximum.
 */
export function averageOfPredecessors(
  framework: Pick<FrameworkFacts, 'maxPoints' | 'mainIndicators'>,
  predecessors: Pick<Subtotal, 'code' | 'index' | 'maxPoints'>[][],
): Pick<YearBefore, 'index' | 'points' | 'mains'> {
  const mains = framework.mainIndicators.map((m) => {
    const indices = predecessors.map((p) => p.find((x) => x.code === m.code)?.index ?? null);
    const known = indices.length > 0 && indices.every((i) => i !== null);
    const mean = known ? indices.reduce<number>((n, i) => n + (i ?? 0), 0) / indices.length : null;
    return {
      code: m.code,
      name: m.name,
      // Unpublished, the maximum is what the components add up to (as in score.ts).
      maxPoints: m.scored
        ? (m.maxPoints ?? predecessors[0]?.find((x) => x.code === m.code)?.maxPoints ?? null)
        : 0,
      index: mean === null ? null : Math.round(mean * 10_000) / 10_000,
    };
  });
  const allKnown = mains.every(
    (m) => m.maxPoints === 0 || (m.index !== null && m.maxPoints !== null),
  );
  const points = allKnown
    ? Math.round(mains.reduce((n, m) => n + (m.index ?? 0) * (m.maxPoints ?? 0), 0) * 100) / 100
    : null;
  const total = framework.maxPoints;
  return {
    index: points !== null && total ? Math.round((points / total) * 10_000) / 10_000 : null,
    points,
    mains: mains.map(({ code, name, index }) => ({ code, name, index })),
  };
}

const unknown = (year: number, note: string): YearBefore => ({
  year,
  how: 'UNKNOWN',
  frameworkCode: null,
  index: null,
  points: null,
  mains: [],
  note,
});
