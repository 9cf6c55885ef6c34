// Three departments of Nghệ An for the reminder tests, made through the seed loader (orgs with
// their contact address and phone, users with their roles) and one request to them opened
// through createRequest, as the product opens requests — so it starts with the default rules.
// The first has not sent; the second has sent; the third's report waits for its leader.
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { seed } from '../../../prisma/seed/load.ts';
import type { SeedFile } from '../../../prisma/seed/types.ts';
import { createRequest } from '../../../server/requests/open.ts';
import { reportingPeriod } from '../../../shared/reporting/period.ts';

export interface Agencies {
  /** Not sent: staff are reminded. */
  late: { id: string; name: string };
  /** Sent: nobody is reminded. */
  sent: { id: string; name: string };
  /** Waiting for its leader's approval: the leader is reminded. */
  waiting: { id: string; name: string };
}

/** `tag`: upper-case letters, unique in the database. */
export async function makeAgencies(prisma: PrismaClient, tag: string): Promise<Agencies> {
  const t = tag.toLowerCase();
  const org = (n: number, name: string) => ({
    code: `NA.${tag}${n}`,
    name,
    kind: 'DEPARTMENT' as const,
    level: 'PROVINCE' as const,
    parent: 'NA',
    email: `vanthu.${t}${n}@thu.vn`,
    phone: `0912 000 00${n}`,
  });
  const user = (email: string, n: number, role: 'REPORTER' | 'APPROVER', name: string) => ({
    email,
    name,
    org: `NA.${tag}${n}`,
    roles: [{ role, scope: `NA.${tag}${n}` }],
  });
  const file: SeedFile = {
    description: `Đơn vị thử nhắc hạn (${tag})`,
    orgs: [
      org(1, `Sở Nhắc Hạn Một ${tag}`),
      org(2, `Sở Đã Gửi Hai ${tag}`),
      org(3, `Sở Chờ Duyệt Ba ${tag}`),
    ],
    users: [
      user(`canbo.${t}1@thu.vn`, 1, 'REPORTER', 'Nguyễn Văn Một'),
      user(`nghiviec.${t}1@thu.vn`, 1, 'REPORTER', 'Trần Thị Nghỉ'),
      user(`canbo.${t}2@thu.vn`, 2, 'REPORTER', 'Lê Văn Hai'),
      user(`canbo.${t}3@thu.vn`, 3, 'REPORTER', 'Phạm Thị Ba'),
      user(`lanhdao.${t}3@thu.vn`, 3, 'APPROVER', 'Hoàng Văn Lãnh Đạo'),
    ],
  };
  await seed(prisma, [{ name: `${tag}.json`, data: file }], { demoUsers: true });
  await prisma.user.update({ where: { email: `nghiviec.${t}1@thu.vn` }, data: { active: false } });
  const orgs = await prisma.org.findMany({
    where: { code: { startsWith: `NA.${tag}` } },
    orderBy: { code: 'asc' },
    select: { id: true, name: true },
  });
  return { late: orgs[0]!, sent: orgs[1]!, waiting: orgs[2]! };
}

/** A request to the three, consolidated by Sở KH&CN Nghệ An; their reports set as described. */
export async function openRequest(
  prisma: PrismaClient,
  agencies: Agencies,
  spec: { title: string; deadline: Date; status?: 'OPEN' | 'CLOSED' },
): Promise<string> {
  const template = await prisma.reportTemplate.findFirstOrThrow({
    where: { code: 'NA-403-PL01-03' },
    orderBy: { version: 'desc' },
  });
  const consolidator = await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SKHCN' } });
  const { request } = await prisma.$transaction((tx) =>
    createRequest(tx, {
      templateId: template.id,
      period: reportingPeriod({
        kind: 'AD_HOC',
        year: 2026,
        start: '2026-07-01',
        end: '2026-12-31',
      }),
      kind: 'AD_HOC',
      title: spec.title,
      deadline: spec.deadline,
      status: spec.status,
      consolidatorOrgId: consolidator.id,
      recipientOrgIds: [agencies.late.id, agencies.sent.id, agencies.waiting.id],
      groups: [],
      requirement: { requiresApproval: true, requiresSignature: false },
    }),
  );
  await prisma.submission.createMany({
    data: [
      { requestId: request.id, orgId: agencies.late.id, status: 'DRAFT', version: 1 },
      {
        requestId: request.id,
        orgId: agencies.sent.id,
        status: 'SUBMITTED',
        version: 1,
        submittedAt: new Date(spec.deadline.getTime() - 5 * 86_400_000),
      },
      { requestId: request.id, orgId: agencies.waiting.id, status: 'PENDING_APPROVAL', version: 1 },
    ],
  });
  return request.id;
}
