// Names of agencies as plans write them, matched to the org tree: "Sở TT&TT", "Sở Thông tin và
// Truyền thông", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG tỉnh Nghệ An" and a decomposed (NFD) spelling all
// name the same department. Names that stand for a group of agencies ("UBND các huyện, thành phố,
// thị xã", "các sở, ban, ngành") are recognised as groups, not forced onto one agency.
import { foldVietnamese } from '../../shared/text/fold.ts';

/** Abbreviations of agency names, folded, as documents write them → spelled out, folded. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bub ?mttq ?(vn)?\b/g, 'uy ban mat tran to quoc viet nam'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\btt ?(&|-|va) ?tt\b|\btttt\b/g, 'thong tin truyen thong'],
  [/\bkh ?(&|-|va) ?cn\b|\bkhcn\b/g, 'khoa hoc cong nghe'],
  [/\bkh ?(&|-|va) ?dt\b|\bkhdt\b/g, 'ke hoach dau tu'],
  [/\bgd ?(&|-|va) ?dt\b|\bgddt\b/g, 'giao duc dao tao'],
  [/\bld ?- ?tb ?(&|va) ?xh\b|\bldtbxh\b/g, 'lao dong thuong binh xa hoi'],
  [/\blao dong ?- ?tb ?(&|va) ?xh\b/g, 'lao dong thuong binh xa hoi'],
  [/\btn ?(&|-|va) ?mt\b|\btnmt\b/g, 'tai nguyen moi truong'],
  [/\bnn ?(&|-|va) ?ptnt\b|\bnnptnt\b/g, 'nong nghiep phat trien nong thon'],
  [/\bptnt\b/g, 'phat trien nong thon'],
  [/\bvh ?[-,]? ?tt ?(&|va) ?dl\b|\bvhttdl\b/g, 'van hoa the thao du lich'],
  [/\bvh ?(&|va) ?tt\b/g, 'van hoa the thao'],
  [/\bgtvt\b/g, 'giao thong van tai'],
  [/\bcntt ?(&|-|va) ?tt\b/g, 'cong nghe thong tin truyen thong'],
  [/\bcntt\b/g, 'cong nghe thong tin'],
  [/\bttdt\b/g, 'thong tin dien tu'],
  [/\bcqdt\b/g, 'chinh quyen dien tu'],
  [/\bcsdl\b/g, 'co so du lieu'],
  [/\bdbqh\b/g, 'dai bieu quoc hoi'],
  [/\bbcd\b/g, 'ban chi dao'],
  [/\bvp\b/g, 'van phong'],
  [/\btp\b/g, 'thanh pho'],
  [/\btx\b/g, 'thi xa'],
];

/** Words that do not tell two agencies apart. */
const FILLER = /\b(va|cua|cac)\b/g;

/**
 * The comparable form of an agency name: folded, abbreviations spelled out, punctuation and
 * filler words gone. "Sở TT&TT" and "Sở Thông tin và Truyền thông" give the same key.
 */
export function orgNameKey(name: string): string {
  return spelledOut(name).replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
}

/** Folded, abbreviations spelled out, punctuation as spaces. */
function spelledOut(name: string): string {
  let text = foldVietnamese(name).replace(/^(tm\.?|kt\.?)\s+/u, '');
  for (const [re, full] of ABBREVIATIONS) text = text.replace(re, full);
  return text
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The key without the place it belongs to ("so y te tinh nghe an", "so y te tinh" → "so y te"). */
function withoutPlace(key: string): string {
  const m = /^(.+?) (tinh|thanh pho)(?: [a-z]+){0,4}$/u.exec(key);
  // "uy ban nhan dan tinh ha tinh" keeps its place: the place is what names the committee.
  if (!m || /^(uy ban nhan dan|hoi dong nhan dan)$/.test(m[1]!)) return key;
  return m[1]!;
}

export interface OrgCandidate {
  id: string;
  name: string;
  shortName: string | null;
  aliases: string[];
}

export interface OrgIndex<T extends OrgCandidate> {
  byKey: Map<string, T[]>;
}

/** Every way of writing each candidate, by key; a key two agencies share matches neither. */
export function orgIndex<T extends OrgCandidate>(orgs: T[]): OrgIndex<T> {
  const byKey = new Map<string, T[]>();
  for (const org of orgs) {
    const keys = new Set<string>();
    for (const name of [org.name, org.shortName, ...org.aliases]) {
      if (!name) continue;
      const key = orgNameKey(name);
      keys.add(key);
      keys.add(withoutPlace(key));
    }
    for (const key of keys) {
      if (!key) continue;
      const list = byKey.get(key) ?? [];
      if (!list.includes(org)) list.push(org);
      byKey.set(key, list);
    }
  }
  return { byKey };
}

function unique<T>(list: T[] | undefined): T | null {
  return list && list.length === 1 ? list[0]! : null;
}

/**
 * The agency a name stands for, or null when it names none (or several) of the candidates.
 * "Văn phòng UBND tỉnh (Cổng TTĐT tỉnh)": the whole, then the part in brackets, then the rest.
 */
export function matchOrgName<T extends OrgCandidate>(name: string, index: OrgIndex<T>): T | null {
  const tries = [name];
  const bracket = /^(.*?)\s*\(([^()]+)\)\s*$/u.exec(name);
  if (bracket) tries.push(bracket[2]!, bracket[1]!);
  for (const written of tries) {
    const key = orgNameKey(written);
    const found = unique(index.byKey.get(key)) ?? unique(index.byKey.get(withoutPlace(key)));
    if (found) return found;
  }
  return null;
}

export type GroupKind = 'DEPARTMENT' | 'PEOPLES_COMMITTEE';
export type GroupLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

/** A group of agencies a task is given to, as written: all departments, all district committees. */
export interface OrgGroup {
  kind: GroupKind;
  level: GroupLevel;
}

const GROUPS: [RegExp, OrgGroup][] = [
  [
    /^(uy ban nhan dan )?(cap xa|cac xa|xa phuong thi tran)\b/u,
    { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE' },
  ],
  [
    /^(uy ban nhan dan )?(cap huyen|cac huyen|huyen thanh pho|huyen thanh thi|moi huyen)\b/u,
    { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT' },
  ],
  [
    /^(cac )?(so ban nganh|co quan chuyen mon|cac so)\b/u,
    { kind: 'DEPARTMENT', level: 'PROVINCE' },
  ],
];

/** "UBND các huyện, thành phố, thị xã" → every district committee; null for one agency's name. */
export function orgGroupOf(name: string): OrgGroup | null {
  const words = spelledOut(name);
  for (const [re, group] of GROUPS) if (re.test(words)) return group;
  return null;
}
