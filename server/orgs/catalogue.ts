// The national catalogue of administrative units: the 34 provinces and the commune-level units
// (xã, phường, đặc khu) of Vietnam since 1 July 2025, with their official codes, from a pinned
// version of a maintained public data set (prisma/catalogue/README.md says which, its licence and
// date). Each unit is represented by its People's Committee — the agency that reports — under
// its province's committee. A later version of the data set loads as changes with history (a
// renamed unit, a xã made a phường: OrgChange), never as a replacement, and loading again
// changes nothing. Old units already in the tree (the demo's districts and communes before 2025)
// stay, closed, and get successions to the new units that the data set says absorbed them.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AdminUnitType, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { foldVietnamese, searchTextOf } from '../../shared/text/fold.ts';

export interface CatalogueProvince {
  code: string;
  fullName: string;
  type: 'TINH' | 'THANH_PHO';
}

export interface CatalogueUnit {
  code: string;
  fullName: string;
  type: 'XA' | 'PHUONG' | 'DAC_KHU';
  /** The province's code. */
  province: string;
}

export interface CatalogueData {
  version: string;
  commit: string;
  /** The day this version's units exist from (ISO). */
  effectiveFrom: string;
  basis: string;
  provinces: CatalogueProvince[];
  units: CatalogueUnit[];
}

const dataDir = new URL('../../prisma/catalogue/data/', import.meta.url);

/** The versions kept in the repository, oldest first: the pinned one, then its later changes. */
export const CATALOGUE_VERSIONS = ['v3.0.2', 'v4.2.0'] as const;

export function readCatalogue(version: string): CatalogueData {
  return JSON.parse(
    readFileSync(new URL(`units-${version}.json`, dataDir), 'utf8'),
  ) as CatalogueData;
}

/** What the mapping service says each 2025 unit was made of ("Phường A, Xã B, một phần …"). */
export function readPredecessors(): Record<string, string> {
  return (
    JSON.parse(readFileSync(new URL('predecessors-2025.json', dataDir), 'utf8')) as {
      before: Record<string, string>;
    }
  ).before;
}

/** "Xã Nghi Lộc" → "Ủy ban nhân dân xã Nghi Lộc": the unit's committee, the agency that reports. */
export function committeeName(fullName: string): string {
  const m = /^(Tỉnh|Thành phố|Xã|Phường|Đặc khu)\s+(.+)$/iu.exec(fullName.trim());
  return m ? `Ủy ban nhân dân ${m[1]!.toLowerCase()} ${m[2]}` : `Ủy ban nhân dân ${fullName}`;
}

/** "Ủy ban nhân dân xã Nghi Lộc" → "UBND xã Nghi Lộc". */
const shortNameOf = (name: string) => name.replace(/^Ủy ban nhân dân/u, 'UBND');

/** The tone marks of a text in order, wherever on the syllable they sit. */
const tones = (text: string) =>
  [...text.normalize('NFD')].filter((c) => /[\u0300\u0301\u0303\u0309\u0323]/u.test(c)).join('');

/**
 * Two spellings of one name: the tone mark placed the old or the new way ("Thanh Hóa" / "Thanh
 * Hoá"), a lower-case "xã" — the same unit, no change to record. "Hòa" and "Hóa" differ.
 */
export const sameName = (a: string, b: string) =>
  foldVietnamese(a) === foldVietnamese(b) && tones(a) === tones(b);

export interface UnitChange {
  code: string;
  /** The province's code, or the unit's own for a province. */
  province: string;
  before: { fullName: string; type: AdminUnitType };
  after: { fullName: string; type: AdminUnitType };
}

export interface CatalogueChanges {
  changed: UnitChange[];
  added: (CatalogueUnit | CatalogueProvince)[];
  removed: string[];
}

/**
 * What a later version changes, unit by unit (by code): renamed or retyped units, units added,
 * units gone. Spelling variants of one name are not changes.
 */
export function catalogueChanges(before: CatalogueData, after: CatalogueData): CatalogueChanges {
  type Entry = { fullName: string; type: AdminUnitType; province: string };
  const index = (d: CatalogueData) =>
    new Map<string, Entry>([
      ...d.provinces.map((p): [string, Entry] => [p.code, { ...p, province: p.code }]),
      ...d.units.map((u): [string, Entry] => [u.code, u]),
    ]);
  const was = index(before);
  const now = index(after);
  const changed: UnitChange[] = [];
  for (const [code, b] of was) {
    const a = now.get(code);
    if (!a || (a.type === b.type && sameName(a.fullName, b.fullName))) continue;
    changed.push({
      code,
      province: b.province,
      before: { fullName: b.fullName, type: b.type },
      after: { fullName: a.fullName, type: a.type },
    });
  }
  return {
    changed,
    added: [...after.provinces, ...after.units].filter((u) => !was.has(u.code)),
    removed: [...was.keys()].filter((code) => !now.has(code)),
  };
}

/**
 * The old units a 2025 unit was made of, by name, from its description: "Phường Hưng Bình,
 * Phường Lê Lợi và xã Nghi Phú" → whole units; "một phần diện tích … của xã X" → X in part.
 */
export function predecessorNames(description: string): { name: string; whole: boolean }[] {
  const out: { name: string; whole: boolean }[] = [];
  const text = description.replace(/\s+/g, ' ').replace(/\bsau khi s[aắ]p x[eế]p\b/giu, '');
  for (const raw of text.split(/[,;]|\s+và\s+/u)) {
    const piece = raw.trim();
    if (!piece) continue;
    const part = /một phần|phần còn lại|\(phần/iu.test(piece);
    const m =
      /(xã|phường|thị trấn|thị xã|huyện|quận)\s+([\p{Lu}\d][\p{L}\d'’ -]*?)(?:\s*\(|$)/iu.exec(
        piece,
      );
    if (!m) continue;
    out.push({ name: `${m[1]!.toLowerCase()} ${m[2]!.trim()}`, whole: !part });
  }
  return out;
}

export interface CatalogueReport {
  version: string;
  created: number;
  matched: number;
  changed: number;
  successions: number;
  skipped: boolean;
}

export interface LoadOptions {
  /** Load only these provinces' units (the demo's); a partial load records no version. */
  provinces?: string[];
  versions?: readonly string[];
}

type Tx = Prisma.TransactionClient;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const dayBefore = (iso: string) => new Date(day(iso).getTime() - 86_400_000);

/**
 * Loads the catalogue's versions in order into the org tree; idempotent: a unit already present
 * (by its official code) is not created again, a change already recorded is not recorded again.
 */
export async function loadCatalogue(
  prisma: Pick<PrismaClient, '$transaction'>,
  options: LoadOptions = {},
): Promise<CatalogueReport[]> {
  const versions = options.versions ?? CATALOGUE_VERSIONS;
  const reports: CatalogueReport[] = [];
  let previous: CatalogueData | null = null;
  for (const version of versions) {
    const data = readCatalogue(version);
    const report = await prisma.$transaction(
      (tx) =>
        previous
          ? applyChanges(tx, previous, data, options.provinces)
          : loadBase(tx, data, options.provinces),
      { timeout: 300_000 },
    );
    reports.push(report);
    previous = data;
  }
  return reports;
}

async function recorded(tx: Tx, data: CatalogueData): Promise<boolean> {
  return (await tx.catalogueVersion.count({ where: { version: data.version } })) > 0;
}

async function record(tx: Tx, data: CatalogueData, partial: boolean): Promise<void> {
  if (partial) return;
  await tx.catalogueVersion.create({
    data: {
      version: data.version,
      effectiveFrom: day(data.effectiveFrom),
      sourceCommit: data.commit,
      units: data.provinces.length + data.units.length,
    },
  });
}

interface TreeOrg {
  id: string;
  code: string;
  name: string;
  aliases: string[];
  path: string;
  adminCode: string | null;
  validTo: Date | null;
  searchText: string;
}

const treeSelect = {
  id: true,
  code: true,
  name: true,
  aliases: true,
  path: true,
  adminCode: true,
  validTo: true,
  searchText: true,
} as const;

/** The committee of a commune-level unit, under its province's committee, from the day given. */
function unitCommittee(
  u: CatalogueUnit,
  parent: { id: string; path: string },
  validFrom: Date,
): Prisma.OrgCreateManyInput {
  const name = committeeName(u.fullName);
  const code = `DVHC.${u.code}`;
  return {
    id: randomUUID(),
    code,
    name,
    shortName: shortNameOf(name),
    aliases: [u.fullName],
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
    parentId: parent.id,
    path: `${parent.path}${code}/`,
    depth: parent.path.split('/').length - 2,
    validFrom,
    adminCode: u.code,
    unitType: u.type,
    searchText: searchTextOf(name, shortNameOf(name), u.fullName, u.code),
  };
}

/** A version's report before anything is done: nothing created, matched or changed yet. */
const emptyReport = (version: string): CatalogueReport => ({
  version,
  created: 0,
  matched: 0,
  changed: 0,
  successions: 0,
  skipped: false,
});

async function loadBase(tx: Tx, data: CatalogueData, only?: string[]): Promise<CatalogueReport> {
  const report = emptyReport(data.version);
  if (!only && (await recorded(tx, data))) return { ...report, skipped: true };
  const from = day(data.effectiveFrom);
  const provinces = data.provinces.filter((p) => !only || only.includes(p.code));
  const committees = await tx.org.findMany({
    where: { kind: 'PEOPLES_COMMITTEE', level: 'PROVINCE' },
    select: treeSelect,
  });
  const provinceOrgs = new Map<string, TreeOrg>();
  let order = await tx.org.count();
  for (const p of provinces) {
    const name = committeeName(p.fullName);
    // The committee already in the tree (a demo province, a province that kept its name):
    // by code, else by name among those still in office when the catalogue starts.
    const existing =
      committees.find((o) => o.adminCode === p.code) ??
      committees.find(
        (o) =>
          (o.validTo === null || o.validTo >= from) &&
          [o.name, ...o.aliases].some((n) => sameName(n, name)),
      );
    if (existing) {
      if (existing.adminCode !== p.code) {
        // Its code finds it too, as it finds every unit of the catalogue.
        await tx.org.update({
          where: { id: existing.id },
          data: {
            adminCode: p.code,
            unitType: p.type,
            searchText: `${existing.searchText}${p.code} `,
          },
        });
        report.matched++;
      }
      provinceOrgs.set(p.code, existing);
      continue;
    }
    const code = `DVHC.${p.code}`;
    const created = await tx.org.create({
      data: {
        code,
        name,
        shortName: shortNameOf(name),
        aliases: [p.fullName],
        kind: 'PEOPLES_COMMITTEE',
        level: 'PROVINCE',
        path: `/${code}/`,
        depth: 0,
        sortOrder: order++,
        validFrom: from,
        adminCode: p.code,
        unitType: p.type,
        searchText: searchTextOf(name, shortNameOf(name), p.fullName, p.code),
      },
      select: treeSelect,
    });
    provinceOrgs.set(p.code, created);
    report.created++;
  }

  const have = new Set(
    (
      await tx.org.findMany({
        where: { adminCode: { in: data.units.map((u) => u.code) } },
        select: { adminCode: true },
      })
    ).map((o) => o.adminCode),
  );
  const rows: Prisma.OrgCreateManyInput[] = [];
  for (const u of data.units) {
    const parent = provinceOrgs.get(u.province);
    if (!parent || have.has(u.code)) continue;
    rows.push({ ...unitCommittee(u, parent, from), sortOrder: order++ });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.org.createMany({ data: rows.slice(i, i + 1000) });
  }
  report.created += rows.length;
  report.successions = await linkOldCommunes(tx, data, provinceOrgs);
  await record(tx, data, Boolean(only));
  return report;
}

/**
 * The old communes already in the tree (closed before the catalogue starts) succeed to the new
 * units that the mapping names them in: wholly in one, a merger; in several, a split.
 */
async function linkOldCommunes(
  tx: Tx,
  data: CatalogueData,
  provinceOrgs: Map<string, TreeOrg>,
): Promise<number> {
  const before = readPredecessors();
  let made = 0;
  for (const [province, committee] of provinceOrgs) {
    const old = await tx.org.findMany({
      where: {
        level: 'COMMUNE',
        path: { startsWith: committee.path },
        validTo: { lt: day(data.effectiveFrom) },
      },
      select: { id: true, name: true, aliases: true },
    });
    if (!old.length) continue;
    const units = data.units.filter((u) => u.province === province);
    const newOrgs = new Map(
      (
        await tx.org.findMany({
          where: { adminCode: { in: units.map((u) => u.code) } },
          select: { id: true, adminCode: true },
        })
      ).map((o) => [o.adminCode!, o.id]),
    );
    for (const o of old) {
      const names = [o.name, ...o.aliases].map((n) =>
        foldVietnamese(n.replace(/^(Ủy ban nhân dân|UBND)\s+/iu, '')),
      );
      const named = (match: (p: string) => boolean) =>
        units.filter((u) => predecessorNames(before[u.code] ?? '').some((p) => match(p.name)));
      // By its name and kind; else by its name alone, when one unit names it ("xã Thu Thủy" in
      // the mapping is the demo's "phường Thu Thủy").
      const bare = (n: string) => foldVietnamese(n).replace(/^(xa|phuong|thi tran)\s+/u, '');
      let successors = named((p) => names.includes(foldVietnamese(p)));
      if (!successors.length) {
        const loose = named((p) => names.map(bare).includes(bare(p)));
        if (loose.length === 1) successors = loose;
      }
      for (const u of successors) {
        const successorId = newOrgs.get(u.code);
        if (!successorId) continue;
        const exists = await tx.orgSuccession.findUnique({
          where: { predecessorId_successorId: { predecessorId: o.id, successorId } },
        });
        if (exists) continue;
        await tx.orgSuccession.create({
          data: {
            predecessorId: o.id,
            successorId,
            kind: successors.length > 1 ? 'SPLIT' : 'MERGE',
            effectiveOn: day(data.effectiveFrom),
            basis: data.basis,
            note: `Theo mô tả "trước sắp xếp" của ${u.fullName}: ${before[u.code]}`,
          },
        });
        made++;
      }
    }
  }
  return made;
}

/** A later version: each renamed or retyped unit changes in place, its history kept. */
async function applyChanges(
  tx: Tx,
  previous: CatalogueData,
  data: CatalogueData,
  only?: string[],
): Promise<CatalogueReport> {
  const report = emptyReport(data.version);
  if (!only && (await recorded(tx, data))) return { ...report, skipped: true };
  const changes = catalogueChanges(previous, data);
  const effectiveOn = day(data.effectiveFrom);
  const basis = `${data.basis}; vietnamese-provinces-database ${data.version}`;
  for (const c of changes.changed) {
    if (only && !only.includes(c.province)) continue;
    const org = await tx.org.findFirst({
      where: { adminCode: c.code, kind: 'PEOPLES_COMMITTEE' },
      select: { id: true, name: true, shortName: true, aliases: true },
    });
    if (!org) continue;
    const fields: [string, string, string][] = [];
    const name = committeeName(c.after.fullName);
    if (!sameName(org.name, name)) fields.push(['name', org.name, name]);
    if (c.before.type !== c.after.type) fields.push(['unitType', c.before.type, c.after.type]);
    if (!fields.length) continue;
    for (const [field, before, after] of fields) {
      await tx.orgChange.upsert({
        where: { orgId_effectiveOn_field: { orgId: org.id, effectiveOn, field } },
        create: { orgId: org.id, effectiveOn, field, before, after, basis },
        update: {},
      });
    }
    // Old documents still name it the old way: the old names stay as aliases, for matching.
    const aliases = [...new Set([...org.aliases, org.name, c.before.fullName, c.after.fullName])];
    await tx.org.update({
      where: { id: org.id },
      data: {
        name,
        shortName: shortNameOf(name),
        aliases,
        unitType: c.after.type,
        searchText: searchTextOf(name, shortNameOf(name), ...aliases, c.code),
      },
    });
    report.changed++;
  }
  // Units a later version adds or drops: opened or closed on its date, never deleted.
  for (const u of changes.added) {
    if ('province' in u && (!only || only.includes(u.province))) {
      const parent = await tx.org.findFirst({
        where: { adminCode: u.province, level: 'PROVINCE' },
        select: { id: true, path: true },
      });
      if (!parent || (await tx.org.count({ where: { adminCode: u.code } }))) continue;
      await tx.org.create({ data: unitCommittee(u, parent, effectiveOn) });
      report.created++;
    }
  }
  if (changes.removed.length) {
    await tx.org.updateMany({
      where: { adminCode: { in: changes.removed }, validTo: null },
      data: { validTo: dayBefore(data.effectiveFrom) },
    });
  }
  await record(tx, data, Boolean(only));
  return report;
}
