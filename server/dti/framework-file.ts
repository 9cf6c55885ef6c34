// A DTI framework file (prisma/catalogue/dti/*.json): what one decision publishes for one level —
// main indicators with their points and component counts, and the components once someone has
// the full appendix. Checked before anything is written: every figure a decision gives is
// compared with the others it gives (a main indicator's component count and points against the
// components listed, the total against the main indicators), so a transcription slip is named,
// not loaded.
import { formatDecimal } from '../../shared/format/vietnamese-number.ts';
import { componentRowKey } from './template.ts';

export const DTI_VALUE_KINDS = ['RATIO', 'YES_NO', 'COUNT', 'LEVEL', 'SURVEY', 'OTHER'] as const;
export const DTI_SCORINGS = ['PROPORTIONAL', 'YES_NO', 'CLAIMED', 'NOT_SCORED'] as const;
export const DTI_SOURCES = ['PROVINCE', 'MINISTRY', 'SURVEY', 'UNKNOWN'] as const;
const LEVELS = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE'] as const;

export type DtiValueKind = (typeof DTI_VALUE_KINDS)[number];
export type DtiScoring = (typeof DTI_SCORINGS)[number];
export type DtiSource = (typeof DTI_SOURCES)[number];

/** Where a figure was read: a page and the line quoted from it (short, for audit). */
export interface SourceNote {
  url: string;
  quote?: string;
  /** How a figure not printed was worked out from printed ones. */
  derived?: string;
}

export interface FrameworkFile {
  framework: {
    code: string;
    decisionNumber: string;
    issuedOn: string;
    issuer: string;
    title: string;
    level: (typeof LEVELS)[number];
    maxPoints: number | null;
    componentCount: number | null;
    indexScale: string | null;
    scoringRule: string | null;
    sources: { url: string; title?: string; what?: string }[];
    notes: string[];
  };
  mainIndicators: {
    code: string;
    name: string;
    groupCode: string | null;
    groupName: string | null;
    maxPoints: number | null;
    componentCount: number | null;
    scored: boolean;
    source: SourceNote;
  }[];
  components: {
    code: string;
    main: string;
    name: string;
    maxPoints: number | null;
    measure: string | null;
    valueKind: DtiValueKind;
    scoring: DtiScoring;
    evidence: string | null;
    answeredBy: DtiSource;
    usualOwner: string | null;
    source: SourceNote;
  }[];
}

export class FrameworkFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Tệp bộ chỉ số không hợp lệ:\n- ${problems.join('\n- ')}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: number, b: number) => Math.abs(a - b) < 0.001;

/** Parses and checks a framework file; throws FrameworkFileError listing every problem. */
export function parseFrameworkFile(text: string): FrameworkFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new FrameworkFileError([`Không đọc được JSON: ${(error as Error).message}`]);
  }
  const problems: string[] = [];
  const text_ = (o: Json, key: string, where: string, optional = false): string | null => {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return v.normalize('NFC').trim();
    if (optional && (v === null || v === undefined)) return null;
    problems.push(`${where}: thiếu "${key}" (chuỗi).`);
    return null;
  };
  const number_ = (o: Json, key: string, where: string, integer = false): number | null => {
    const v = o[key];
    if (v === null || v === undefined) return null;
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < 0 ||
      (integer && !Number.isInteger(v))
    ) {
      problems.push(`${where}: "${key}" phải là số ${integer ? 'nguyên ' : ''}không âm hoặc null.`);
      return null;
    }
    return v;
  };
  const oneOf = <T extends string>(
    o: Json,
    key: string,
    allowed: readonly T[],
    where: string,
  ): T => {
    const v = o[key];
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${where}: "${key}" phải là một trong ${allowed.join(', ')}.`);
    return allowed[0]!;
  };
  const source = (o: Json, where: string): SourceNote => {
    const s = o.source;
    if (!isObject(s) || typeof s.url !== 'string' || !s.url) {
      problems.push(`${where}: thiếu nguồn (source.url).`);
      return { url: '' };
    }
    return {
      url: s.url,
      ...(typeof s.quote === 'string' ? { quote: s.quote } : {}),
      ...(typeof s.derived === 'string' ? { derived: s.derived } : {}),
    };
  };

  if (!isObject(raw) || !isObject(raw.framework)) {
    throw new FrameworkFileError(['Tệp phải có "framework", "mainIndicators" và "components".']);
  }
  const f = raw.framework;
  const code = text_(f, 'code', 'framework') ?? '';
  if (code && !/^[A-Z0-9][A-Z0-9-]{1,40}$/.test(code)) {
    problems.push(`framework: mã "${code}" chỉ gồm chữ in hoa, chữ số và dấu gạch ngang.`);
  }
  const issuedOn = text_(f, 'issuedOn', 'framework') ?? '';
  if (issuedOn && !/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) {
    problems.push(`framework: ngày ban hành "${issuedOn}" ghi theo dạng YYYY-MM-DD.`);
  }
  const sources = Array.isArray(f.sources) ? f.sources.filter(isObject) : [];
  if (!sources.length) problems.push('framework: cần ít nhất một nguồn (sources).');
  const framework: FrameworkFile['framework'] = {
    code,
    decisionNumber: text_(f, 'decisionNumber', 'framework') ?? '',
    issuedOn,
    issuer: text_(f, 'issuer', 'framework') ?? '',
    title: text_(f, 'title', 'framework') ?? '',
    level: oneOf(f, 'level', LEVELS, 'framework'),
    maxPoints: number_(f, 'maxPoints', 'framework'),
    componentCount: number_(f, 'componentCount', 'framework', true),
    indexScale: text_(f, 'indexScale', 'framework', true),
    scoringRule: text_(f, 'scoringRule', 'framework', true),
    sources: sources.map((s) => ({
      url: String(s.url ?? ''),
      ...(typeof s.title === 'string' ? { title: s.title } : {}),
      ...(typeof s.what === 'string' ? { what: s.what } : {}),
    })),
    notes: Array.isArray(f.notes) ? f.notes.filter((n): n is string => typeof n === 'string') : [],
  };

  const mainList = Array.isArray(raw.mainIndicators) ? raw.mainIndicators : [];
  if (!mainList.length) problems.push('Cần danh sách chỉ số chính (mainIndicators).');
  const mains = mainList.map((m, i) => {
    const where = `chỉ số chính thứ ${i + 1}`;
    const o = isObject(m) ? m : {};
    const scored = o.scored !== false;
    const main = {
      code: text_(o, 'code', where) ?? String(i + 1),
      name: text_(o, 'name', where) ?? '',
      groupCode: text_(o, 'groupCode', where, true),
      groupName: text_(o, 'groupName', where, true),
      maxPoints: number_(o, 'maxPoints', where),
      componentCount: number_(o, 'componentCount', where, true),
      scored,
      source: source(o, where),
    };
    if (!scored && main.maxPoints) {
      problems.push(
        `${where} (${main.name}) không tính điểm nhưng ghi điểm tối đa ${formatDecimal(main.maxPoints)}.`,
      );
    }
    return main;
  });
  const mainCodes = new Set<string>();
  for (const m of mains) {
    if (mainCodes.has(m.code)) problems.push(`Mã chỉ số chính "${m.code}" bị trùng.`);
    mainCodes.add(m.code);
  }

  const componentList = Array.isArray(raw.components) ? raw.components : [];
  const components = componentList.map((c, i) => {
    const o = isObject(c) ? c : {};
    const where = `chỉ số thành phần ${typeof o.code === 'string' ? o.code : `thứ ${i + 1}`}`;
    const main = text_(o, 'main', where) ?? '';
    if (main && !mainCodes.has(main)) problems.push(`${where}: không có chỉ số chính "${main}".`);
    return {
      code: text_(o, 'code', where) ?? String(i + 1),
      main,
      name: text_(o, 'name', where) ?? '',
      maxPoints: number_(o, 'maxPoints', where),
      measure: text_(o, 'measure', where, true),
      valueKind: oneOf(o, 'valueKind', DTI_VALUE_KINDS, where),
      scoring: oneOf(o, 'scoring', DTI_SCORINGS, where),
      evidence: text_(o, 'evidence', where, true),
      answeredBy: oneOf(o, 'answeredBy', DTI_SOURCES, where),
      usualOwner: text_(o, 'usualOwner', where, true),
      source: source(o, where),
    };
  });
  // Codes become the template's row keys: "1.1" and "1-1" would be one row.
  const rowKeys = new Map<string, string>();
  for (const c of components) {
    const key = componentRowKey(c.code);
    const other = rowKeys.get(key);
    if (other === c.code) problems.push(`Mã chỉ số thành phần "${c.code}" bị trùng.`);
    else if (other !== undefined) {
      problems.push(
        `Mã chỉ số thành phần "${c.code}" và "${other}" chỉ khác nhau ở dấu; đặt mã khác.`,
      );
    }
    rowKeys.set(key, c.code);
  }

  // The decision's own figures agree with each other.
  const knownMax = mains.every((m) => m.maxPoints !== null || !m.scored);
  if (framework.maxPoints !== null && knownMax) {
    const sum = mains.reduce((n, m) => n + (m.maxPoints ?? 0), 0);
    if (!same(sum, framework.maxPoints)) {
      problems.push(
        `Điểm tối đa các chỉ số chính cộng lại ${formatDecimal(sum)}, khác tổng điểm ${formatDecimal(framework.maxPoints)}.`,
      );
    }
  }
  const declared = mains.map((m) => m.componentCount);
  if (framework.componentCount !== null && declared.every((n) => n !== null)) {
    const sum = declared.reduce<number>((n, x) => n + (x ?? 0), 0);
    if (sum !== framework.componentCount) {
      problems.push(
        `Số chỉ số thành phần theo từng chỉ số chính cộng lại ${sum}, khác tổng ${framework.componentCount}.`,
      );
    }
  }
  // Components, when listed, are the whole appendix: counts and points as the decision gives.
  if (components.length) {
    if (framework.componentCount !== null && components.length !== framework.componentCount) {
      problems.push(
        `Quyết định có ${framework.componentCount} chỉ số thành phần; tệp ghi ${components.length}.`,
      );
    }
    for (const m of mains) {
      const own = components.filter((c) => c.main === m.code);
      if (m.componentCount !== null && own.length !== m.componentCount) {
        problems.push(
          `Chỉ số chính ${m.code} (${m.name}) có ${m.componentCount} chỉ số thành phần; tệp ghi ${own.length}.`,
        );
      }
      if (!m.scored && own.some((c) => c.scoring !== 'NOT_SCORED')) {
        problems.push(
          `Chỉ số chính ${m.code} (${m.name}) không tính điểm: các chỉ số thành phần ghi NOT_SCORED.`,
        );
      }
      if (m.scored && m.maxPoints !== null && own.every((c) => c.maxPoints !== null)) {
        const sum = own.reduce((n, c) => n + (c.maxPoints ?? 0), 0);
        if (!same(sum, m.maxPoints)) {
          problems.push(
            `Chỉ số chính ${m.code} (${m.name}) tối đa ${formatDecimal(m.maxPoints)} điểm; các chỉ số thành phần cộng lại ${formatDecimal(sum)}.`,
          );
        }
      }
    }
  }
  if (problems.length) throw new FrameworkFileError(problems);
  return { framework, mainIndicators: mains, components };
}
