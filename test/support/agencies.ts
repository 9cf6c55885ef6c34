// Agencies made for a reliability test: departments of Nghệ An, each with a reporter of its own
// and a session token, and one open request (the template of the Nghệ An one-year review, Phụ
// lục 01–03, on plan 586/KH-UBND) addressed to all of them. Orgs and users go through the seed
// loader, the request through createRequest (what openReportRequest uses), so they are made the
// way the product makes them; the tokens are issued directly, as login would after checking the
// password — 200 sign-ins would time the password hash, not the saves under test.
import type { Database } from '../../server/db/database.ts';
import { issueToken } from '../../server/auth/tokens.ts';
import { createRequest } from '../../server/requests/open.ts';
import { reportingPeriod } from '../../shared/reporting/period.ts';
import { seed } from '../../prisma/seed/load.ts';
import type { SeedFile } from '../../prisma/seed/types.ts';

export interface Agency {
  index: number;
  code: string;
  orgId: string;
  email: string;
  token: string;
}

export interface Agencies {
  requestId: string;
  agencies: Agency[];
}

/** Needs the demo data (Nghệ An, its plan and templates) in the database already. */
export async function makeAgencies(db: Database, count: number, tag: string): Promise<Agencies> {
  const pad = (i: number) => String(i + 1).padStart(3, '0');
  const file: SeedFile = {
    description: `Đơn vị thử (${tag})`,
    orgs: Array.from({ length: count }, (_, i) => ({
      code: `NA.${tag}${pad(i)}`,
      name: `Sở thử nghiệm ${tag} số ${i + 1}`,
      kind: 'DEPARTMENT' as const,
      level: 'PROVINCE' as const,
      parent: 'NA',
    })),
    users: Array.from({ length: count }, (_, i) => ({
      email: `${tag.toLowerCase()}${pad(i)}@thu.vn`,
      name: `Cán bộ ${tag} ${i + 1}`,
      org: `NA.${tag}${pad(i)}`,
      roles: [{ role: 'REPORTER' as const, scope: `NA.${tag}${pad(i)}` }],
    })),
  };
  await seed(db.prisma, [{ name: `${tag}.json`, data: file }], { demoUsers: true });
  const p = db.prisma;
  const orgs = await p.org.findMany({
    where: { code: { startsWith: `NA.${tag}` } },
    orderBy: { code: 'asc' },
  });
  const template = await p.reportTemplate.findFirstOrThrow({
    where: { code: 'NA-403-PL01-03' },
    orderBy: { version: 'desc' },
  });
  const plan = await p.document.findUniqueOrThrow({ where: { key: 'NA-586-KH-UBND-2022' } });
  const consolidator = await p.org.findUniqueOrThrow({ where: { code: 'NA.STTTT' } });
  const { request } = await p.$transaction((tx) =>
    createRequest(tx, {
      key: `${tag}-THU`,
      templateId: template.id,
      planId: plan.id,
      period: reportingPeriod({
        kind: 'AD_HOC',
        year: 2026,
        start: '2026-01-01',
        end: '2026-06-30',
      }),
      kind: 'AD_HOC',
      title: `Báo cáo thử (${tag})`,
      deadline: new Date('2099-12-31T17:00:00+07:00'),
      consolidatorOrgId: consolidator.id,
      recipientOrgIds: orgs.map((o) => o.id),
      groups: [],
    }),
  );
  const agencies: Agency[] = [];
  for (const [index, org] of orgs.entries()) {
    const user = await p.user.findFirstOrThrow({ where: { orgId: org.id } });
    const { token } = await issueToken(p, user.id, 'SESSION', `Thử ${tag}`);
    agencies.push({ index, code: org.code, orgId: org.id, email: user.email, token });
  }
  return { requestId: request.id, agencies };
}
