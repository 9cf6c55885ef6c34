// DTI scores as the framework computes them: each component's points from its value (its
// scoring rule, prisma/schema.prisma DtiScoring), a main indicator's points the sum of its
// components', a group's and the total the sums of their main indicators', and each on the 0–1
// scale the published rankings use (points ÷ maximum). Nothing is guessed: a component whose
// maximum the decision does not publish, or whose answer is missing or cannot be read, has no
// points, and every sum above it says how many of its components are unknown.
import { formatDecimal } from '../../shared/format/vietnamese-number.ts';
import type { DtiScoring, DtiSource, FrameworkFile } from './framework-file.ts';

export interface ScoredFramework {
  maxPoints: number | null;
  mainIndicators: Pick<
    FrameworkFile['mainIndicators'][number],
    'code' | 'name' | 'groupCode' | 'groupName' | 'maxPoints' | 'scored'
  >[];
  components: {
    code: string;
    mainCode: string;
    name: string;
    maxPoints: number | null;
    scoring: DtiScoring;
    answeredBy: DtiSource;
  }[];
}

/** Components the Ministry measures or surveys: shown to the province, not asked of it. */
export const measuredByMinistry = (answeredBy: DtiSource): boolean =>
  answeredBy === 'MINISTRY' || answeredBy === 'SURVEY';

/** One component's answer as the agency sent it (cells in canonical form, parsed). */
export interface ComponentAnswer {
  /** The agency that answered it (the row's route). */
  orgId: string | null;
  /** The percentage, 1/0 for Có/Không, or the value, from the column the scoring reads. */
  value: number | null;
  claimedPoints: number | null;
  evidence: string | null;
  note?: string | null;
  /** The answer was written in another column than the one its scoring reads: that one's name. */
  misplaced?: string | null;
}

export interface ComponentScore {
  code: string;
  mainCode: string;
  name: string;
  maxPoints: number | null;
  points: number | null;
  orgId: string | null;
  answeredBy: DtiSource;
  answered: boolean;
  hasEvidence: boolean;
  /** Why the points could not be computed, in Vietnamese; null when they were. */
  problem: string | null;
}

export interface Subtotal {
  code: string;
  name: string;
  /** The sum of the points known (of every component when unknownComponents is 0). */
  points: number;
  maxPoints: number | null;
  /** points ÷ maxPoints, the published 0–1 scale; null when either is not known in full. */
  index: number | null;
  components: number;
  unknownComponents: number;
}

export interface DtiScores {
  total: Subtotal;
  groups: Subtotal[];
  mains: Subtotal[];
  components: ComponentScore[];
  /** Per answering agency: its components' points over their maximum. */
  byOrg: Subtotal[];
  /**
   * The components the province answers (all but the Ministry's): the part of the index the
   * self-assessment decides, known while the Ministry's measurements are not.
   */
  selfAssessed: Subtotal;
  /** Components the province answers that have no value sent. */
  unanswered: string[];
  /** Components answered without evidence. */
  withoutEvidence: string[];
  /** Components the Ministry measures or surveys: shown, not asked. */
  measuredByMinistry: string[];
}

/** Points are published to two decimals: each component's is rounded, and so is each sum. */
const round = (n: number): number => Math.round(n * 100) / 100;
const ratio = (points: number, max: number | null): number | null =>
  max && max > 0 ? Math.round((points / max) * 10_000) / 10_000 : null;

/** A component's points from its answer, or why there are none. */
export function componentPoints(
  component: ScoredFramework['components'][number],
  answer: ComponentAnswer | undefined,
): { points: number | null; problem: string | null } {
  const max = component.maxPoints;
  if (component.scoring === 'NOT_SCORED') return { points: 0, problem: null };
  if (max === null) {
    return { points: null, problem: 'Quyết định không công bố điểm tối đa của chỉ số này.' };
  }
  if (measuredByMinistry(component.answeredBy)) {
    return { points: null, problem: 'Bộ đo hoặc khảo sát; tỉnh không tự chấm.' };
  }
  if (answer?.misplaced) {
    return {
      points: null,
      problem: `Ghi vào cột "${answer.misplaced}" theo cách tính điểm của chỉ số.`,
    };
  }
  switch (component.scoring) {
    case 'PROPORTIONAL': {
      const v = answer?.value;
      if (v === null || v === undefined) return { points: null, problem: 'Chưa có giá trị.' };
      if (v < 0 || v > 100) {
        return { points: null, problem: `Tỷ lệ ${formatDecimal(v)}% nằm ngoài 0–100%.` };
      }
      return { points: round((max * v) / 100), problem: null };
    }
    case 'YES_NO': {
      const v = answer?.value;
      if (v === null || v === undefined) return { points: null, problem: 'Chưa có giá trị.' };
      if (v !== 0 && v !== 1) {
        return {
          points: null,
          problem: `Chỉ số Có/Không ghi 1 (Có) hoặc 0 (Không), không ghi ${formatDecimal(v)}.`,
        };
      }
      return { points: v === 1 ? max : 0, problem: null };
    }
    case 'CLAIMED': {
      const c = answer?.claimedPoints;
      if (c === null || c === undefined) return { points: null, problem: 'Chưa tự chấm điểm.' };
      if (c < 0 || c > max) {
        return {
          points: null,
          problem: `Điểm tự chấm ${formatDecimal(c)} nằm ngoài 0–${formatDecimal(max)}.`,
        };
      }
      return { points: c, problem: null };
    }
  }
}

function subtotal(
  code: string,
  name: string,
  scores: ComponentScore[],
  maxPoints: number | null,
): Subtotal {
  const known = scores.filter((s) => s.points !== null);
  const unknown = scores.length - known.length;
  const sum = round(known.reduce((n, s) => n + (s.points ?? 0), 0));
  return {
    code,
    name,
    points: sum,
    maxPoints,
    index: unknown ? null : ratio(sum, maxPoints),
    components: scores.length,
    unknownComponents: unknown,
  };
}

/** The maximum of a set of components when each one's is published, else null. */
function sumOfMaxima(scores: ComponentScore[]): number | null {
  let sum = 0;
  for (const s of scores) {
    if (s.maxPoints === null) return null;
    sum += s.maxPoints;
  }
  return round(sum);
}

export function scoreAssessment(
  framework: ScoredFramework,
  answers: ReadonlyMap<string, ComponentAnswer>,
): DtiScores {
  const components: ComponentScore[] = framework.components.map((c) => {
    const answer = answers.get(c.code);
    const { points: p, problem } = componentPoints(c, answer);
    const asked = !measuredByMinistry(c.answeredBy);
    return {
      code: c.code,
      mainCode: c.mainCode,
      name: c.name,
      maxPoints: c.scoring === 'NOT_SCORED' ? 0 : c.maxPoints,
      points: p,
      // The Ministry's rows are shown to the department, not answered by it.
      orgId: asked ? (answer?.orgId ?? null) : null,
      answeredBy: c.answeredBy,
      answered:
        asked &&
        (c.scoring === 'CLAIMED'
          ? answer?.claimedPoints !== null && answer?.claimedPoints !== undefined
          : answer?.value !== null && answer?.value !== undefined),
      hasEvidence: Boolean(answer?.evidence?.trim()),
      problem,
    };
  });
  const ofMain = (code: string) => components.filter((s) => s.mainCode === code);
  const mainMax = (m: ScoredFramework['mainIndicators'][number]) =>
    m.scored ? (m.maxPoints ?? sumOfMaxima(ofMain(m.code))) : 0;
  const mains = framework.mainIndicators.map((m) =>
    subtotal(m.code, m.name, ofMain(m.code), mainMax(m)),
  );

  const groupCodes = [...new Set(framework.mainIndicators.map((m) => m.groupCode ?? ''))];
  const groups = groupCodes.map((g) => {
    const members = framework.mainIndicators.filter((m) => (m.groupCode ?? '') === g);
    const maxima = members.map(mainMax);
    const max = maxima.some((x) => x === null)
      ? null
      : round(maxima.reduce<number>((n, x) => n + (x ?? 0), 0));
    const scores = members.flatMap((m) => ofMain(m.code));
    return subtotal(g, members[0]?.groupName ?? '', scores, max);
  });

  const allMax =
    framework.maxPoints ??
    (mains.some((m) => m.maxPoints === null)
      ? null
      : round(mains.reduce((n, m) => n + (m.maxPoints ?? 0), 0)));
  const total = subtotal('DTI', 'Tổng điểm', components, allMax);

  const orgIds = [...new Set(components.map((s) => s.orgId).filter((o): o is string => !!o))];
  const byOrg = orgIds.map((orgId) => {
    const own = components.filter((s) => s.orgId === orgId);
    return subtotal(orgId, '', own, sumOfMaxima(own));
  });

  const asked = components.filter((s) => !measuredByMinistry(s.answeredBy));
  return {
    total,
    groups,
    mains,
    components,
    byOrg,
    selfAssessed: subtotal('TU_DANH_GIA', 'Phần tỉnh tự đánh giá', asked, sumOfMaxima(asked)),
    unanswered: asked.filter((s) => !s.answered).map((s) => s.code),
    withoutEvidence: asked.filter((s) => s.answered && !s.hasEvidence).map((s) => s.code),
    measuredByMinistry: components
      .filter((s) => measuredByMinistry(s.answeredBy))
      .map((s) => s.code),
  };
}
