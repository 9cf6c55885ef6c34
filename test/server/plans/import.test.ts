// ImportPlanText and PlanFindings (docs/contract/plans.graphql) against the real server on
// the demo data: a dry run reads and saves nothing; a save makes a DRAFT plan with its agencies
// linked to the org tree; bad input is refused and changes nothing; the review checks run on
// imported text (with lines) and on a stored plan.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const seed = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/seeds/${name}`, import.meta.url)), 'utf8');

interface Draft {
  number: string | null;
  issuedOn: string | null;
  issuerName: string | null;
  targets: { statement: string; value: number; level: string | null; targetYear: number }[];
  tasks: {
    title: string;
    leadOrgName: string | null;
    leadOrg: { id: string; name: string } | null;
  }[];
  budget: { total: number | null; totalInWords: string | null; lines: unknown[] };
}
interface ImportResult {
  importPlanText: {
    plan: { id: string; number: string | null; status: string } | null;
    draft: Draft;
    findings: { line: number | null; severity: string; message: string }[];
  };
}

let server: TestServer;
let token: string;
const documents = () => server.app.db.prisma.document.count();

beforeAll(async () => {
  server = await startTestServer('pglite');
  token = await server.login('stttt.nghean@demo.vn');
}, 180_000);
afterAll(async () => {
  await server?.close();
});

test('a dry run reads Hà Tĩnh 393 and saves nothing; agencies are matched in its province', async () => {
  const before = await documents();
  const res = await server.gql<ImportResult>(
    contractOperation('ImportPlanText'),
    { text: seed('001_697926e72885db8b.txt'), dryRun: true },
    token,
  );
  expect(res.errors).toBeUndefined();
  const { plan, draft, findings } = res.data!.importPlanText;
  expect(plan).toBeNull();
  expect(await documents()).toBe(before);
  expect(draft).toMatchObject({
    number: '393/KH-UBND',
    issuedOn: '2020-10-29',
    issuerName: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
  });
  const perLevel = draft.targets
    .filter((t) => t.targetYear === 2025 && /^(90|80|60)% hồ sơ công/.test(t.statement))
    .map((t) => [t.value, t.level]);
  expect(perLevel).toEqual([
    [90, 'PROVINCE'],
    [80, 'DISTRICT'],
    [60, 'COMMUNE'],
  ]);
  const syt = await server.app.db.prisma.org.findUniqueOrThrow({ where: { code: 'HT.SYT' } });
  const health = draft.tasks.filter((t) => t.leadOrgName === 'Sở Y tế');
  expect(health.length).toBeGreaterThanOrEqual(4);
  // Matched within Hà Tĩnh: Sở Y tế of Hà Tĩnh, not of Nghệ An or Bến Tre.
  expect(health.every((t) => t.leadOrg?.id === syt.id)).toBe(true);
  expect(findings).toEqual([]);
});

test('a save makes a DRAFT plan: tasks linked, budget kept, and the findings point at lines', async () => {
  const text = seed('000_65a3cc8534e8e28f.txt');
  const res = await server.gql<ImportResult>(contractOperation('ImportPlanText'), { text }, token);
  expect(res.errors).toBeUndefined();
  const { plan, findings } = res.data!.importPlanText;
  expect(plan).toMatchObject({ number: null, status: 'DRAFT' });
  expect(findings.map((f) => f.line)).toEqual([38, 47, 173]);
  expect(findings[2]!.message).toBe('Ngày 22/07/2022 là thứ Sáu, không phải thứ Bảy.');

  const stored = await server.gql<{
    plan: {
      status: string;
      tasks: { title: string; leadOrg: { name: string } | null }[];
      budget: { total: number; lines: unknown[] };
    };
  }>(contractOperation('Plan'), { id: plan!.id }, token);
  expect(stored.data!.plan.status).toBe('DRAFT');
  expect(stored.data!.plan.budget).toMatchObject({ total: 314_400_000 });
  expect(stored.data!.plan.budget.lines).toHaveLength(10);
  const leads = stored.data!.plan.tasks.map((t) => t.leadOrg?.name ?? null);
  expect(leads).toContain('Sở Thông tin và Truyền thông tỉnh Khánh Hòa');
  expect(leads).toContain('Sở Tài chính tỉnh Khánh Hòa');
  // The lead as written is kept next to the link, and the group of agencies as a group.
  const row = await server.app.db.prisma.task.findFirstOrThrow({
    where: { planId: plan!.id, leadName: { startsWith: 'Các Sở' } },
    include: { assignments: true },
  });
  expect(row.leadOrgId).toBeNull();
  expect(row.assignments.find((a) => a.role === 'LEAD')).toMatchObject({
    groupKind: 'DEPARTMENT',
    nameAsWritten: row.leadName,
  });

  // The study tour as an activity: its stated dates, its schedule day by day, its size.
  const tour = await server.app.db.prisma.activity.findFirstOrThrow({
    where: { documentId: plan!.id },
    include: { schedule: { orderBy: { sortOrder: 'asc' } } },
  });
  expect(tour).toMatchObject({ kind: 'STUDY_TOUR', statedHeadcount: 22 });
  expect([tour.startDate, tour.endDate].map((d) => d?.toISOString().slice(0, 10))).toEqual([
    '2022-08-01',
    '2022-08-06',
  ]);
  expect(tour.schedule[0]).toMatchObject({
    weekdayText: 'thứ 2',
    startTime: '06h30',
    endTime: '11h00',
    description: expect.stringMatching(/^Đoàn tập trung tại UBND tỉnh/),
  });
  expect(new Set(tour.schedule.map((s) => s.date?.toISOString().slice(0, 10)))).toEqual(
    new Set(['2022-07-18', '2022-07-19', '2022-07-20', '2022-07-21', '2022-07-22']),
  );

  // The same checks on the stored plan, from its kept text.
  const again = await server.gql<{ plan: { findings: { line: number; message: string }[] } }>(
    contractOperation('PlanFindings'),
    { id: plan!.id },
    token,
  );
  expect(again.data!.plan.findings.map((f) => f.line)).toEqual([38, 47, 173]);
});

test('PlanFindings on the stored study tour: weekday and schedule from its stored values', async () => {
  const tour = await server.app.db.prisma.document.findFirstOrThrow({
    where: { source: '000_65a3cc8534e8e28f.txt' },
  });
  const res = await server.gql<{
    plan: { findings: { line: number | null; severity: string; message: string }[] };
  }>(contractOperation('PlanFindings'), { id: tour.id }, token);
  expect(res.errors).toBeUndefined();
  const messages = res.data!.plan.findings.map((f) => f.message);
  expect(messages).toContain('Ngày 22/07/2022 là thứ Sáu, không phải thứ Bảy.');
  expect(messages).toContainEqual(
    expect.stringMatching(
      /^Lịch trình xếp \d+ ngày 18\/07\/2022.*từ 01\/08\/2022 đến 06\/08\/2022\.$/,
    ),
  );
  // The budget adds up: no money finding.
  expect(messages.filter((m) => /Dòng kinh phí|Tổng cộng|bằng chữ/.test(m))).toEqual([]);
});

test('bad input is refused with a Vietnamese message and changes nothing', async () => {
  const before = await documents();
  for (const text of ['', '   \n ', 'xin chào', 'x'.repeat(1_000_001)]) {
    const res = await server.gql(contractOperation('ImportPlanText'), { text }, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(
      /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u,
    );
  }
  expect(await documents()).toBe(before);
  // A reporter may not import.
  const reporter = await server.login('syte.nghean@demo.vn');
  const refused = await server.gql(
    contractOperation('ImportPlanText'),
    { text: seed('000_65a3cc8534e8e28f.txt') },
    reporter,
  );
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(await documents()).toBe(before);
});

test('PlanFindings on the other stored plans: the event plan results deadline, nothing false', async () => {
  const plans = await server.app.db.prisma.document.findMany({
    where: { kind: 'PLAN', status: { not: 'DRAFT' } },
  });
  const byNumber: Record<string, string[]> = {};
  for (const p of plans) {
    const res = await server.gql<{ plan: { findings: { message: string }[] } }>(
      contractOperation('PlanFindings'),
      { id: p.id },
      token,
    );
    byNumber[p.number ?? p.title] = res.data!.plan.findings.map((f) => f.message);
  }
  expect(byNumber['140/KH-UBND']).toEqual([
    'Hạn báo cáo kết quả 15/09/2023 trước khi hoạt động kết thúc (từ 28/09/2023 đến 02/10/2023).',
  ]);
  for (const number of ['393/KH-UBND', '2140/KH-UBND', '586/KH-UBND', '403/KH-UBND']) {
    expect(byNumber[number]).toEqual([]);
  }
});

test('two agencies leading together: both are leads, the first is leadOrg', async () => {
  const res = await server.gql<ImportResult>(
    contractOperation('ImportPlanText'),
    { text: seed('002_5fc274833e7ccf22.txt'), dryRun: true },
    token,
  );
  const joint = res.data!.importPlanText.draft.tasks.find(
    (t) => t.leadOrgName === 'Sở Kế hoạch và Đầu tư, Sở Tài chính',
  );
  expect(joint?.leadOrg?.name).toBe('Sở Kế hoạch và Đầu tư tỉnh Bến Tre');
});

test("a commune's short plan is read and saved, not refused; its bases link to the stored documents", async () => {
  const text = [
    'Trang thông tin điện tử xã Tân Lập - KẾ HOẠCH Chuyển đổi số năm 2024',
    'Căn cứ Quyết định số 749/QĐ-TT ngày 03/6/2020 của Thủ tướng Chính phủ; Luật Tổ chức chính quyền địa phương ngày 19/6/2015;',
    'UBND xã giao công chức Văn phòng - Thống kê theo dõi, báo cáo kết quả.',
  ].join('\n');
  const res = await server.gql<ImportResult & { importPlanText: { draft: { bases: unknown[] } } }>(
    contractOperation('ImportPlanText'),
    { text, dryRun: false },
    token,
  );
  expect(res.errors).toBeUndefined();
  const { plan, findings } = res.data!.importPlanText;
  expect(plan?.status).toBe('DRAFT');
  // The slip is named; the basis links to the decision it stands for, and the law by its name.
  expect(findings.map((f) => f.message)).toContainEqual(
    expect.stringMatching(/số ký hiệu đúng là 749\/QĐ-TTg/u),
  );
  const linked = await server.app.db.prisma.documentReference.findMany({
    where: { fromId: plan!.id, kind: 'BASIS' },
    select: { to: { select: { number: true } } },
  });
  expect(linked.map((r) => r.to.number).sort()).toEqual(['749/QĐ-TTg', '77/2015/QH13']);
});
