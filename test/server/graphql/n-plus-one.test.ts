// The contract's Plan query runs a bounded number of SQL statements, however many targets and
// tasks the plan has (Pothos' Prisma plugin turns the selection into a few queries); so does the
// Consolidation query however many agencies have reported.
import { execute, parse } from 'graphql';
import { schema } from '../../../server/graphql/schema.ts';
import type { Database } from '../../../server/db/database.ts';
import { freshPglite } from '../../support/databases.ts';
import { contractOperation } from '../../support/contract.ts';
import { ngheAnConsolidator } from '../../support/viewer.ts';
import type { Viewer } from '../../../server/auth/viewer.ts';

describe('Plan query statement count', () => {
  let db: Database;
  let statements = 0;
  const viewer: Viewer = {
    tokenId: 't',
    userId: 'u',
    email: 'a@b.c',
    name: 'Analyst',
    orgId: 'o',
    orgPath: '/VN/',
    roles: [{ role: 'ANALYST', scopePath: null }],
  };
  beforeAll(async () => {
    db = await freshPglite({ demo: true, onQuery: () => (statements += 1) });
  }, 180_000);
  afterAll(async () => {
    await db.close();
  });

  async function countFor(planId: string): Promise<number> {
    statements = 0;
    const result = await execute({
      schema,
      document: parse(contractOperation('Plan')),
      variableValues: { id: planId },
      contextValue: { db, prisma: db.prisma, viewer, address: null },
    });
    expect(result.errors).toBeUndefined();
    return statements;
  }

  it('does not grow with the number of targets and tasks', async () => {
    const small = await db.prisma.document.findFirstOrThrow({ where: { number: '140/KH-UBND' } });
    const big = await db.prisma.document.findFirstOrThrow({ where: { number: '586/KH-UBND' } });
    const base = await countFor(small.id);
    expect(base).toBeLessThanOrEqual(12);
    expect(await countFor(big.id)).toBe(base);

    // Add 200 targets and 200 tasks with agencies: the count stays the same.
    const org = await db.prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } });
    for (let i = 0; i < 200; i++) {
      await db.prisma.target.create({
        data: {
          planId: big.id,
          code: `X${i}`,
          statement: `Chỉ tiêu thử ${i}`,
          metric: 'thử',
          unit: 'PERCENT',
          comparator: 'AT_LEAST',
          value: i,
        },
      });
      await db.prisma.task.create({
        data: {
          planId: big.id,
          code: `X.${i}`,
          title: `Nhiệm vụ thử ${i}`,
          leadOrgId: org.id,
          assignments: { create: [{ role: 'COORDINATING', orgId: org.id }] },
        },
      });
    }
    expect(await countFor(big.id)).toBe(base);
  }, 120_000);
});

describe('Consolidation query statement count', () => {
  let db: Database;
  let statements = 0;
  beforeAll(async () => {
    db = await freshPglite({ demo: true, onQuery: () => (statements += 1) });
  }, 180_000);
  afterAll(async () => {
    await db.close();
  });

  async function countFor(requestId: string): Promise<number> {
    const viewer = await ngheAnConsolidator(db.prisma);
    statements = 0;
    const result = await execute({
      schema,
      document: parse(contractOperation('Consolidation')),
      variableValues: { requestId },
      contextValue: { db, prisma: db.prisma, viewer, address: null },
    });
    expect(result.errors).toBeUndefined();
    return statements;
  }

  it('does not grow with the number of agencies that reported', async () => {
    const request = await db.prisma.reportRequest.findUniqueOrThrow({
      where: { key: 'NA-403-SOKET-SO-HUYEN' },
      include: { recipients: true },
    });
    const send = async (orgIds: string[]) => {
      for (const orgId of orgIds) {
        await db.prisma.submission.create({
          data: {
            requestId: request.id,
            orgId,
            status: 'SUBMITTED',
            version: 1,
            submittedAt: new Date(),
            cells: {
              create: [
                { tableKey: 'pl03', rowKey: 'II.4', columnKey: 'ket_qua', value: 'Đã làm' },
                { tableKey: 'pl03', rowKey: 'II.4', columnKey: 'tien_do', value: 'HOAN_THANH' },
              ],
            },
            answers: { create: [{ sectionKey: 'A.I', text: 'Đã triển khai' }] },
          },
        });
      }
    };
    const ids = request.recipients.map((r) => r.orgId);
    await send(ids.slice(0, 2));
    await countFor(request.id); // reads the published template once; it is kept in memory
    const base = await countFor(request.id);
    expect(base).toBeLessThanOrEqual(24);
    await send(ids.slice(2));
    expect(await countFor(request.id)).toBe(base);
  }, 120_000);
});
