// Loads what the roll-up rule (structure.ts) needs around some agencies: their ancestors, the
// successions from every unit among them that has ended, the successors' ancestors, and so on
// until nothing new turns up — a few statements whatever the number of agencies (one round per
// step of the longest chain). Whole Org rows, so the GraphQL Org type is served from them as is.
import type { Org, PrismaClient } from '../../generated/prisma/client.ts';
import { existsToday } from '../orgs/lineage.ts';
import { todaysUnit, type TodaysStructure } from './structure.ts';

/** Chains longer than this are bad data (a cycle is already harmless); stop reading there. */
const MAX_ROUNDS = 12;

const codesOnPath = (path: string) => path.split('/').filter(Boolean);

export async function loadTodaysStructure(
  prisma: Pick<PrismaClient, 'org' | 'orgSuccession'>,
  orgs: Org[],
  /** The request's consolidating agency: its province today is where unplaced old units go. */
  consolidator: Org,
  today: Date,
): Promise<TodaysStructure<Org>> {
  const byId = new Map<string, Org>();
  const byCode = new Map<string, Org>();
  const add = (o: Org) => {
    byId.set(o.id, o);
    byCode.set(o.code, o);
  };
  [...orgs, consolidator].forEach(add);
  const successors = new Map<string, string[]>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const codes = new Set<string>();
    for (const o of byId.values()) {
      for (const code of codesOnPath(o.path)) if (!byCode.has(code)) codes.add(code);
    }
    const ended = [...byId.values()]
      .filter((o) => !successors.has(o.id) && !existsToday(o, today))
      .map((o) => o.id);
    if (!codes.size && !ended.length) break;
    const [ancestors, links] = await Promise.all([
      codes.size ? prisma.org.findMany({ where: { code: { in: [...codes] } } }) : [],
      ended.length
        ? prisma.orgSuccession.findMany({
            where: { predecessorId: { in: ended } },
            include: { successor: true },
            orderBy: { effectiveOn: 'asc' },
          })
        : [],
    ]);
    ancestors.forEach(add);
    for (const id of ended) successors.set(id, []);
    for (const l of links) {
      add(l.successor);
      successors.get(l.predecessorId)!.push(l.successorId);
    }
  }
  const structure: TodaysStructure<Org> = {
    today,
    byCode: (code) => byCode.get(code),
    successorsOf: (id) => (successors.get(id) ?? []).map((s) => byId.get(s)!),
    root: consolidator,
  };
  const province = codesOnPath(consolidator.path)
    .reverse()
    .map((code) => byCode.get(code))
    .find((o) => o?.kind === 'PEOPLES_COMMITTEE' && o.level === 'PROVINCE');
  structure.root =
    (province && todaysUnit(province, structure)) ??
    todaysUnit(consolidator, structure) ??
    consolidator;
  return structure;
}

/**
 * The province a department belongs to today: the province committee over it, or, when that
 * province was merged, the one that succeeded it (the roll-up rule, consolidation/structure.ts).
 */
export async function provinceOf(prisma: PrismaClient, department: Org): Promise<Org | null> {
  const { root } = await loadTodaysStructure(prisma, [], department, new Date());
  return root.kind === 'PEOPLES_COMMITTEE' && root.level === 'PROVINCE' ? root : null;
}
