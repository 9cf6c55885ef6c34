// Scores as the framework computes them, checked against sums done by hand.
import { parseFrameworkFile } from '../../../server/dti/framework-file.ts';
import {
  scoreAssessment,
  type ComponentAnswer,
  type ScoredFramework,
} from '../../../server/dti/score.ts';
import { answerOf, averageOfPredecessors } from '../../../server/dti/scores.ts';
import { shippedFrameworkText, withTestComponents } from '../../support/dti.ts';

const framework: ScoredFramework = {
  maxPoints: 100,
  mainIndicators: [
    {
      code: '1',
      name: 'Nhận thức số',
      groupCode: 'NT',
      groupName: 'Nền tảng',
      maxPoints: 60,
      scored: true,
    },
    {
      code: '2',
      name: 'Đô thị thông minh',
      groupCode: 'NT',
      groupName: 'Nền tảng',
      maxPoints: 0,
      scored: false,
    },
    {
      code: '3',
      name: 'Hoạt động',
      groupCode: 'HD',
      groupName: 'Hoạt động',
      maxPoints: 40,
      scored: true,
    },
  ],
  components: [
    {
      code: '1.1',
      mainCode: '1',
      name: 'Tỷ lệ',
      maxPoints: 20,
      scoring: 'PROPORTIONAL',
      answeredBy: 'PROVINCE',
    },
    {
      code: '1.2',
      mainCode: '1',
      name: 'Có/Không',
      maxPoints: 15,
      scoring: 'YES_NO',
      answeredBy: 'PROVINCE',
    },
    {
      code: '1.3',
      mainCode: '1',
      name: 'Tự chấm',
      maxPoints: 25,
      scoring: 'CLAIMED',
      answeredBy: 'PROVINCE',
    },
    {
      code: '2.1',
      mainCode: '2',
      name: 'Không tính',
      maxPoints: 0,
      scoring: 'NOT_SCORED',
      answeredBy: 'PROVINCE',
    },
    {
      code: '3.1',
      mainCode: '3',
      name: 'Tỷ lệ 2',
      maxPoints: 40,
      scoring: 'PROPORTIONAL',
      answeredBy: 'PROVINCE',
    },
  ],
};

const answer = (orgId: string, a: Partial<ComponentAnswer>): ComponentAnswer => ({
  orgId,
  value: null,
  claimedPoints: null,
  evidence: 'QĐ 12/QĐ-UBND',
  ...a,
});

const full = new Map<string, ComponentAnswer>([
  ['1.1', answer('syt', { value: 80 })], // 20 × 80% = 16
  ['1.2', answer('syt', { value: 1 })], // 15
  ['1.3', answer('gd', { claimedPoints: 12.5 })], // 12,5
  ['2.1', answer('gd', { value: 3 })], // not scored
  ['3.1', answer('gd', { value: 45.5, evidence: '' })], // 40 × 45,5% = 18,2
]);

test('every component, main indicator, group and the total, with the 0–1 index', () => {
  const s = scoreAssessment(framework, full);
  expect(s.components.map((c) => c.points)).toEqual([16, 15, 12.5, 0, 18.2]);
  expect(s.mains.map((m) => [m.code, m.points, m.maxPoints, m.index])).toEqual([
    ['1', 43.5, 60, 0.725],
    ['2', 0, 0, null],
    ['3', 18.2, 40, 0.455],
  ]);
  expect(s.groups.map((g) => [g.code, g.points, g.maxPoints])).toEqual([
    ['NT', 43.5, 60],
    ['HD', 18.2, 40],
  ]);
  expect(s.total).toMatchObject({
    points: 61.7,
    maxPoints: 100,
    index: 0.617,
    unknownComponents: 0,
  });
  // Per agency: Sở Y tế 31 of 35; Sở GD&ĐT 30,7 of 65.
  expect(s.byOrg.map((o) => [o.code, o.points, o.maxPoints, o.index])).toEqual([
    ['syt', 31, 35, 0.8857],
    ['gd', 30.7, 65, 0.4723],
  ]);
  expect(s.unanswered).toEqual([]);
  expect(s.withoutEvidence).toEqual(['3.1']);
});

test('changing one answer moves the score by what that component’s formula gives', () => {
  const before = scoreAssessment(framework, full).total.points;
  const changed = new Map(full).set('1.1', answer('syt', { value: 50 })); // 20 × 50% = 10
  const after = scoreAssessment(framework, changed);
  expect(Math.round((after.total.points - before) * 100) / 100).toBe(-6);
  expect(after.total.index).toBe(0.557);
});

test('a missing or unreadable answer leaves the sums partial and the index unknown', () => {
  const partial = new Map(full);
  partial.delete('1.2');
  partial.set('1.3', answer('gd', { claimedPoints: 30 })); // over the 25 points of 1.3
  partial.set('3.1', answer('gd', { value: 120 }));
  const s = scoreAssessment(framework, partial);
  expect(s.components.map((c) => c.problem)).toEqual([
    null,
    'Chưa có giá trị.',
    'Điểm tự chấm 30 nằm ngoài 0–25.',
    null,
    'Tỷ lệ 120% nằm ngoài 0–100%.',
  ]);
  expect(s.total).toMatchObject({ points: 16, index: null, unknownComponents: 3 });
  expect(s.unanswered).toEqual(['1.2']);
});

test('a yes/no component takes 1 or 0 only; the Ministry’s are shown, not asked', () => {
  const ministry: ScoredFramework = {
    ...framework,
    components: framework.components.map((c) =>
      c.code === '3.1' ? { ...c, answeredBy: 'MINISTRY' } : c,
    ),
  };
  const s = scoreAssessment(ministry, new Map(full).set('1.2', answer('syt', { value: 2 })));
  expect(s.components[1]!.problem).toBe('Chỉ số Có/Không ghi 1 (Có) hoặc 0 (Không), không ghi 2.');
  expect(s.measuredByMinistry).toEqual(['3.1']);
  expect(s.components[4]).toMatchObject({ points: null, answered: false });
  expect(s.unanswered).toEqual([]);
});

test('on 922/2022 (components for tests): 1,000 points; the index is points ÷ 1,000', () => {
  const file = parseFrameworkFile(withTestComponents(shippedFrameworkText('dti-922-2022.json')));
  const f: ScoredFramework = {
    maxPoints: file.framework.maxPoints,
    mainIndicators: file.mainIndicators,
    components: file.components.map((c) => ({ ...c, mainCode: c.main })),
  };
  // Every component answered in full: each scores its maximum.
  const answers = new Map(
    file.components.map((c) => [
      c.code,
      answer(
        'x',
        c.scoring === 'CLAIMED'
          ? { claimedPoints: c.maxPoints }
          : { value: c.scoring === 'YES_NO' ? 1 : 100 },
      ),
    ]),
  );
  const s = scoreAssessment(f, answers);
  expect(s.total).toMatchObject({ points: 1000, maxPoints: 1000, index: 1 });
  expect(s.mains.find((m) => m.name === 'Đô thị thông minh')).toMatchObject({
    points: 0,
    maxPoints: 0,
  });
  // Component 1.1 (10 points, a percentage) at 80%: 2 points fewer, the index 0,002 lower.
  const less = scoreAssessment(f, new Map(answers).set('1.1', answer('x', { value: 80 })));
  expect(less.total).toMatchObject({ points: 998, index: 0.998 });
  expect(less.mains[0]).toMatchObject({ points: 98, index: 0.98 });
});

test('a merged province’s year before: each main indicator the mean of its predecessors’', () => {
  const f = {
    maxPoints: 100,
    mainIndicators: [
      { code: '1', name: 'A', maxPoints: 60, scored: true },
      { code: '2', name: 'Đô thị thông minh', maxPoints: 0, scored: false },
      { code: '3', name: 'B', maxPoints: 40, scored: true },
    ],
  } as Parameters<typeof averageOfPredecessors>[0];
  const p1 = [
    { code: '1', index: 0.8, maxPoints: 60 },
    { code: '2', index: null, maxPoints: 0 },
    { code: '3', index: 0.5, maxPoints: 40 },
  ];
  const p2 = [
    { code: '1', index: 0.6, maxPoints: 60 },
    { code: '2', index: null, maxPoints: 0 },
    { code: '3', index: 0.7, maxPoints: 40 },
  ];
  // Means 0,7 and 0,6; (0,7 × 60 + 0,6 × 40) ÷ 100 = 0,66.
  expect(averageOfPredecessors(f, [p1, p2])).toEqual({
    index: 0.66,
    points: 66,
    mains: [
      { code: '1', name: 'A', index: 0.7 },
      { code: '2', name: 'Đô thị thông minh', index: null },
      { code: '3', name: 'B', index: 0.6 },
    ],
  });
  // One predecessor’s main indicator unknown: that mean and the total are unknown.
  const unknown = averageOfPredecessors(f, [
    p1,
    [{ code: '1', index: null, maxPoints: 60 }, ...p2.slice(1)],
  ]);
  expect(unknown).toMatchObject({ index: null, points: null });
});

test('each answer is read from the column its scoring names; one in another column is named', () => {
  const cells = (pairs: Record<string, string>) => new Map(Object.entries(pairs));
  expect(answerOf('PROPORTIONAL', 'syt', cells({ ty_le: '80' }))).toMatchObject({ value: 80 });
  expect(answerOf('YES_NO', 'syt', cells({ co_khong: 'true' }))).toMatchObject({ value: 1 });
  expect(answerOf('YES_NO', 'syt', cells({ co_khong: 'false' }))).toMatchObject({ value: 0 });
  expect(answerOf('CLAIMED', 'syt', cells({ diem_tu_cham: '7.5' }))).toMatchObject({
    claimedPoints: 7.5,
    misplaced: null,
  });
  // 80 typed under "Giá trị" for a percentage: not read as the percentage, and said so.
  const misplaced = answerOf('PROPORTIONAL', 'syt', cells({ gia_tri: '80' }));
  expect(misplaced).toMatchObject({ value: null, misplaced: 'Tỷ lệ (%)' });
  const s = scoreAssessment(framework, new Map(full).set('1.1', misplaced));
  expect(s.components[0]!.problem).toBe('Ghi vào cột "Tỷ lệ (%)" theo cách tính điểm của chỉ số.');
});

test('the part the province assesses has its own index while the Ministry’s is unknown', () => {
  const ministry: ScoredFramework = {
    ...framework,
    components: framework.components.map((c) =>
      c.code === '3.1' ? { ...c, answeredBy: 'MINISTRY' } : c,
    ),
  };
  const s = scoreAssessment(ministry, full);
  expect(s.total).toMatchObject({ points: 43.5, index: null, unknownComponents: 1 });
  // 16 + 15 + 12,5 of 20 + 15 + 25 (+ 0 of the unscored one) = 43,5 ÷ 60.
  expect(s.selfAssessed).toMatchObject({ points: 43.5, maxPoints: 60, index: 0.725 });
  expect(s.byOrg.find((o) => o.code === 'gd')).toMatchObject({ points: 12.5, maxPoints: 25 });
});
