// The demo data: the five seed documents recorded faithfully, loaded on both storage targets,
// and loading twice changes nothing.
import { migrate } from '../../server/db/migrate.ts';
import { readSeedFiles, seed } from '../../prisma/seed/load.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { freshDatabase, targets } from '../support/databases.ts';
import type { Database } from '../../server/db/database.ts';

/** Every row of every table, for "nothing changed" comparisons. */
async function snapshot(db: Database): Promise<Record<string, string>> {
  const tables = await db.sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    // Whole rows in order (as test/support/fingerprint.ts sorts them): rows sharing a first column
    // otherwise come back in whatever order their storage holds them.
    const rows = await db.sql.query(`SELECT * FROM "${name}" x ORDER BY x::text`);
    out[name] = JSON.stringify(rows);
  }
  return out;
}

describe.each(targets)('demo data on %s', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(target);
    await migrate(db.sql);
    await seed(db.prisma, readSeedFiles(), { demoUsers: true });
  }, 180_000);
  afterAll(async () => {
    await db.close();
  });

  const doc = (number: string) => db.prisma.document.findFirstOrThrow({ where: { number } });
  const org = (name: string) => db.prisma.org.findFirstOrThrow({ where: { name } });

  it('holds the five plans of the seed documents', async () => {
    const plans = await db.prisma.document.findMany({
      where: { kind: 'PLAN', source: { not: null } },
      select: { source: true },
    });
    const sources = new Set(plans.map((p) => p.source));
    for (const seedFile of [
      '000_65a3cc8534e8e28f.txt',
      '001_697926e72885db8b.txt',
      '002_5fc274833e7ccf22.txt',
      '003_e43328fcbc5cbdb4.txt',
      '004_dd3dca46693e9a19.txt',
    ]) {
      expect(sources).toContain(seedFile);
    }
  });

  it('seeding twice changes nothing', async () => {
    const before = await snapshot(db);
    const report = await seed(db.prisma, readSeedFiles(), { demoUsers: true });
    expect(report.created).toEqual({});
    expect(await snapshot(db)).toEqual(before);
  }, 180_000);

  it('Khánh Hòa study tour: a draft with a blank number, 10 budget lines that multiply out to 314.400.000', async () => {
    const plan = await db.prisma.document.findFirstOrThrow({
      where: { source: '000_65a3cc8534e8e28f.txt' },
      include: {
        budgetLines: { orderBy: { sortOrder: 'asc' } },
        activities: { include: { participants: true, schedule: true } },
      },
    });
    expect(plan.status).toBe('DRAFT');
    expect(plan.number).toBeNull();
    expect(plan.budgetLines).toHaveLength(10);
    for (const line of plan.budgetLines) {
      const factors = line.factors as { quantity: number }[];
      const product = factors.reduce((acc, f) => acc * BigInt(f.quantity), line.unitPrice ?? 0n);
      expect({ line: line.code, amount: line.amount }).toEqual({
        line: line.code,
        amount: product,
      });
    }
    const total = plan.budgetLines.reduce((sum, l) => sum + l.amount, 0n);
    expect(total).toBe(314_400_000n);
    expect(plan.statedBudgetTotal).toBe(314_400_000n);
    expect(plan.statedBudgetTotalInWords).toBe('Ba trăm mười bốn triệu, bốn trăm nghìn đồng');
    const tour = plan.activities[0]!;
    expect(tour.statedHeadcount).toBe(22);
    expect(tour.participants.reduce((n, p) => n + p.count, 0)).toBe(22);
    // The document's own slip is kept for the review checks: a second 22/7/2022 called "thứ 7".
    expect(
      tour.schedule.filter((s) => s.weekdayText?.toLowerCase().includes('thứ 7')),
    ).toHaveLength(1);
  });

  it('Hà Tĩnh 393/KH-UBND: the per-level sentence gives three targets, ranges and rankings parsed', async () => {
    const plan = await doc('393/KH-UBND');
    const targets = await db.prisma.target.findMany({ where: { planId: plan.id } });
    const perLevel = targets
      .filter((t) => t.statement.startsWith('90% hồ sơ công việc tại cấp tỉnh'))
      .map((t) => ({
        level: t.level,
        value: t.value,
        unit: t.unit,
        comparator: t.comparator,
        year: t.targetYear,
      }))
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    expect(perLevel).toEqual([
      { level: 'PROVINCE', value: 90, unit: 'PERCENT', comparator: 'AT_LEAST', year: 2025 },
      { level: 'DISTRICT', value: 80, unit: 'PERCENT', comparator: 'AT_LEAST', year: 2025 },
      { level: 'COMMUNE', value: 60, unit: 'PERCENT', comparator: 'AT_LEAST', year: 2025 },
    ]);
    const range = targets.find((t) => t.comparator === 'RANGE' && t.statement.includes('5-10%'));
    expect(range).toMatchObject({ value: 5, valueMax: 10, unit: 'PERCENT' });
    const ranks = targets.filter((t) => t.comparator === 'TOP_N');
    expect(ranks.map((t) => t.value)).toEqual(expect.arrayContaining([10, 15, 20, 25]));
    expect(ranks.every((t) => t.unit === 'RANK')).toBe(true);
    expect(targets.some((t) => t.targetYear === 2030)).toBe(true);
    const years = new Set(targets.map((t) => t.targetYear));
    expect(years).toEqual(new Set([2025, 2030]));
  });

  it('Nghệ An 586/KH-UBND: the 38 tasks of Phụ lục 03 in groups I–IV with their lead agencies', async () => {
    const plan = await doc('586/KH-UBND');
    const tasks = await db.prisma.task.findMany({
      where: { planId: plan.id },
      include: { leadOrg: true, assignments: { include: { within: true } } },
      orderBy: { sortOrder: 'asc' },
    });
    expect(tasks).toHaveLength(38);
    const perGroup = tasks.reduce<Record<string, number>>((acc, t) => {
      acc[t.groupCode ?? '?'] = (acc[t.groupCode ?? '?'] ?? 0) + 1;
      return acc;
    }, {});
    expect(perGroup).toEqual({ I: 18, II: 6, III: 5, IV: 9 });
    const byCode = new Map(tasks.map((t) => [t.code, t]));
    expect(byCode.get('I.1')?.leadOrg?.name).toBe('Sở Thông tin và Truyền thông tỉnh Nghệ An');
    expect(byCode.get('IV.2')?.leadOrg?.name).toBe('Sở Y tế tỉnh Nghệ An');
    expect(byCode.get('IV.2')?.title).toBe(
      'Số hóa, xây dựng CSDL, HTTT dùng chung, HTTT chuyên ngành Kho Dữ liệu ngành - Y tế',
    );
    expect(byCode.get('I.10')?.leadName).toBe('Sở Du lịch');
    // Given to a group: no single lead, two group assignments.
    for (const code of ['II.4', 'IV.9']) {
      const t = byCode.get(code)!;
      expect(t.leadOrg).toBeNull();
      expect(t.leadName).toBe('Các Sở, ban, ngành cấp tỉnh, UBND cấp huyện');
      const groups = t.assignments
        .filter((a) => a.role === 'LEAD')
        .map((a) => ({ kind: a.groupKind, level: a.groupLevel, within: a.within?.code }))
        .sort((a, b) => String(a.kind).localeCompare(String(b.kind)));
      expect(groups).toEqual([
        { kind: 'DEPARTMENT', level: 'PROVINCE', within: 'NA' },
        { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT', within: 'NA' },
      ]);
    }
    const withLead = tasks.filter((t) => t.leadName && !t.leadName.startsWith('Các Sở'));
    expect(withLead.every((t) => t.leadOrgId)).toBe(true);
  });

  it('Nghệ An 403/KH-UBND reviews 586 and asks for Phụ lục 01–04 by 20/8/2023', async () => {
    const review = await doc('403/KH-UBND');
    expect(review.planKind).toBe('INTERIM_REVIEW');
    const refs = await db.prisma.documentReference.findMany({
      where: { fromId: review.id },
      include: { to: true },
    });
    expect(refs.find((r) => r.kind === 'REVIEWS')?.to.number).toBe('586/KH-UBND');
    const requests = await db.prisma.reportRequest.findMany({
      where: { consolidatorOrg: { code: 'NA.STTTT' } },
      include: {
        template: { include: { tables: true, sections: true } },
        recipients: { include: { org: true } },
      },
    });
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const r of requests) {
      expect(r.deadline.toISOString()).toBe('2023-08-20T16:59:59.000Z');
    }
    const main = requests.find((r) => r.template.tables.some((t) => t.rowMode === 'TASKS'))!;
    const names = main.recipients.map((r) => r.org.name);
    expect(names).toContain('Sở Y tế tỉnh Nghệ An');
    expect(names).toContain('Sở Giáo dục và Đào tạo tỉnh Nghệ An');
    expect(names.some((n) => n.includes('Vinh'))).toBe(true);
    expect(main.template.sections.length).toBeGreaterThan(10);
    const commune = requests.find((r) => r !== main)!;
    expect(commune.recipients.every((r) => r.org.level === 'COMMUNE')).toBe(true);
  });

  it('Bến Tre 2140/KH-UBND: the ten pilot communes sit under the right districts', async () => {
    const expected: [string, string][] = [
      ['Bình Thới', 'Bình Đại'],
      ['Mỹ Thạnh', 'Giồng Trôm'],
      ['Phú Lễ', 'Ba Tri'],
      ['An Định', 'Mỏ Cày Nam'],
      ['Phước Mỹ Trung', 'Mỏ Cày Bắc'],
      ['Thạnh Phong', 'Thạnh Phú'],
      ['Tân Thạch', 'Châu Thành'],
      ['Phú Nhuận', 'Thành phố Bến Tre'],
      ['An Hội', 'Thành phố Bến Tre'],
      ['Long Th', 'Chợ Lách'],
    ];
    const bt = await db.prisma.org.findUniqueOrThrow({ where: { code: 'BT' } });
    const communes = await db.prisma.org.findMany({
      where: { level: 'COMMUNE', path: { startsWith: bt.path } },
      include: { parent: true },
    });
    expect(communes).toHaveLength(10);
    for (const [commune, district] of expected) {
      const c = communes.find((x) => x.name.includes(commune));
      expect({
        commune,
        district: c?.parent?.name.toLowerCase().includes(district.toLowerCase()),
      }).toEqual({
        commune,
        district: true,
      });
    }
    const request = await db.prisma.reportRequest.findFirstOrThrow({
      where: { consolidatorOrg: { code: 'BT.STTTT' } },
      include: {
        recipients: true,
        period: true,
        template: { include: { tables: { include: { columns: true } } } },
      },
    });
    expect(request.recipients).toHaveLength(12);
    expect(request.period.kind).toBe('MONTH');
    const types = new Set(request.template.tables.flatMap((t) => t.columns.map((c) => c.type)));
    expect(types).toContain('PERCENT');
    expect(types).toContain('INTEGER');
  });

  it('Quảng Ngãi 140/KH-UBND: the week with its programme and budget from two sources', async () => {
    const plan = await db.prisma.document.findFirstOrThrow({
      where: { number: '140/KH-UBND' },
      include: { budgetLines: true, activities: { include: { schedule: true } }, deadlines: true },
    });
    expect(plan.planKind).toBe('EVENT');
    expect(
      plan.budgetLines.map((l) => l.amount).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    ).toEqual([500_000_000n, 1_000_000_000n]);
    expect(new Set(plan.budgetLines.map((l) => l.fundingSource)).size).toBe(2);
    const week = plan.activities.find((a) => a.startDate?.toISOString().startsWith('2023-09-28'));
    expect(week?.schedule.length).toBeGreaterThan(4);
    expect(plan.deadlines.map((d) => d.date.toISOString().slice(0, 10)).sort()).toEqual([
      '2023-09-15',
      '2023-10-15',
    ]);
  });

  it('Sở Thông tin và Truyền thông is succeeded by Sở Khoa học và Công nghệ in 2025', async () => {
    const stttt = await db.prisma.org.findUniqueOrThrow({
      where: { code: 'NA.STTTT' },
      include: { successors: { include: { successor: true } } },
    });
    expect(stttt.validTo?.toISOString().slice(0, 10)).toBe('2025-02-28');
    expect(stttt.successors.map((s) => s.successor.name)).toEqual([
      'Sở Khoa học và Công nghệ tỉnh Nghệ An',
    ]);
  });

  it('creates the demo accounts of the contract, with the demo password', async () => {
    const users = await db.prisma.user.findMany({ include: { org: true, roles: true } });
    expect(users.map((u) => u.email).sort()).toEqual([
      'giamdoc.syte.nghean@demo.vn',
      'phantich@demo.vn',
      'quantri@demo.vn',
      'sogddt.nghean@demo.vn',
      'stttt.bentre@demo.vn',
      'stttt.nghean@demo.vn',
      'syte.nghean@demo.vn',
      'ubnd.binhdai@demo.vn',
    ]);
    const syte = users.find((u) => u.email === 'syte.nghean@demo.vn')!;
    expect(syte.org.name).toBe('Sở Y tế tỉnh Nghệ An');
    expect(syte.roles.map((r) => r.role)).toEqual(['REPORTER']);
    expect(await verifyPassword('demo-2023', syte.passwordHash)).toBe(true);
    // Its leader approves and signs what the staff prepare, in the same agency.
    const leader = users.find((u) => u.email === 'giamdoc.syte.nghean@demo.vn')!;
    expect([leader.orgId, leader.roles.map((r) => r.role)]).toEqual([syte.orgId, ['APPROVER']]);
    const binhdai = users.find((u) => u.email === 'ubnd.binhdai@demo.vn')!;
    expect(binhdai.org.name).toBe('UBND huyện Bình Đại');
    expect(await org('UBND huyện Bình Đại')).toMatchObject({ level: 'DISTRICT' });
  });
});
