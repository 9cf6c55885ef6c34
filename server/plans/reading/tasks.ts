// Tasks with their lead agency, as plans lay them out:
// - under an agency's heading ("1. Sở Thông tin và Truyền thông" then "- Chủ trì …" bullets);
// - one sentence led by an agency ("2. Văn phòng UBND tỉnh phối hợp Sở … đảm bảo …", "Giao Sở
//   Thông tin và Truyền thông ban hành …", "Sở Y tế: Chủ trì …; …");
// - bullets of the tasks part ("II. NHIỆM VỤ VÀ GIẢI PHÁP"), lead unknown unless the
//   implementation part hands a section to an agency ("Sở Y tế: Chủ trì triển khai các nhiệm vụ
//   được nêu tại mục 5.1 Phần II");
// - rows of tables with a "chủ trì" column (Phụ lục 03), group rows (I–IV) aside.
import { orgNameKey } from '../../orgs/match.ts';
import { headingDepth } from './bases.ts';
import { resultLines } from './body.ts';
import { clean, type TextLine } from './text.ts';

/** The sentence a plan opens with: "… ban hành Kế hoạch … (cụ thể) như sau:". */
const ISSUES_THE_PLAN =
  /(?:ban hành|xây dựng|báo cáo)\s[^.;]*(?:Kế hoạch|kế hoạch)[^.;]*(?:như sau|sau đây|với (?:các|những) nội dung[^.;]*)\s*:?\s*$|^(?:Ủy ban nhân dân|UBND)[^.;:]{0,60}?\s(?:ban hành|xây dựng)\s+(?:Kế hoạch|Chương trình|Đề án)(?![\p{L}])/u;

const sameAgency = (a: string, b: string) => orgNameKey(a) === orgNameKey(b);

export interface TaskDraft {
  code: string | null;
  title: string;
  leadOrgName: string | null;
  coordinatingOrgNames: string[];
  line: number;
}

/** Words an agency's name starts with. */
const AGENCY_START =
  /^(?:Giao\s+)?((?:Các\s+|Mỗi\s+)?(?:Sở|Ban|Văn phòng|Công an|Bộ Chỉ huy|Đài|Báo(?! cáo)|Ủy ban|Uỷ ban|UBND|Các sở|Các cơ quan|Cơ quan|Liên đoàn|Liên hiệp|Hội(?! nghị| thảo| thi)|Hiệp hội|Tỉnh đoàn|Tỉnh ủy|Huyện ủy|Trường|Bưu điện|Viễn thông|Cục|Kho bạc|Ngân hàng|Bảo hiểm|Trung tâm|Cổng|Thành viên|Doanh nghiệp|Các doanh nghiệp|Thanh tra|Mặt trận|Hội đồng|HĐND|Các đơn vị|Đơn vị|Thủ trưởng)(?![\p{L}]))/u;

/** Where an agency's name ends: the verb of its duty (lower case: "Ban Tổ chức" is a name). */
const DUTY_VERBS =
  'chủ trì|phối hợp|chủ động|thẩm định|thẩm tra|tham mưu|cử|triển khai|tổ chức|thực hiện|xây dựng|hướng dẫn|hỗ trợ|đảm bảo|bảo đảm|trình|chịu trách nhiệm|có trách nhiệm|căn cứ|theo dõi|đôn đốc|kiểm tra|báo cáo|cung cấp|tham gia|đánh giá|rà soát|bố trí|liên hệ|tuyên truyền|vận động|tập hợp|huy động|cân đối|lồng ghép|xúc tiến|tiếp tục|khẩn trương|nghiên cứu|ban hành|đóng vai trò|kịp thời|tích cực|đẩy mạnh|ưu tiên|chuẩn bị|tập trung|phụ trách|là cơ quan|làm đầu mối|lựa chọn';
/** Verbs that also start words of agencies' names ("Sở … và Phát triển nông thôn"): lower case only. */
const NAME_LIKE_VERBS =
  'kết nối|cập nhật|số hóa|vận hành|quản lý|giám sát|duy trì|nâng cấp|phát triển|thúc đẩy|hoàn thiện|tích hợp|chia sẻ|gửi|tổng hợp|thống kê|đề xuất|tham dự|xử lý';
const DUTY_VERB = new RegExp(`\\s(?:${DUTY_VERBS}|${NAME_LIKE_VERBS})(?![\\p{L}])`, 'u');
/** A duty's first word capitalised: the sentence after a heading that wrapped onto it. */
const CAPITAL_DUTY = new RegExp(
  `\\s(?:${DUTY_VERBS.split('|')
    .map((v) => v.charAt(0).toUpperCase() + v.slice(1))
    .join('|')})(?![\\p{L}])`,
  'u',
);

/** "Văn phòng UBND tỉnh phối hợp …" → "Văn phòng UBND tỉnh"; null when no agency leads. */
export function leadingAgency(text: string): string | null {
  const start = AGENCY_START.exec(text);
  if (!start) return null;
  const rest = text.slice(start.index + start[0].length - start[1]!.length);
  const verb = DUTY_VERB.exec(rest);
  if (!verb || verb.index > 160) return null;
  const name = clean(rest.slice(0, verb.index)).replace(/[,:]$/u, '');
  // "UBND tỉnh đã chỉ đạo …" reports what was done: not a duty.
  if (GENERIC_ROLE.test(name) || /[:\d]/u.test(name) || /(?:^|\s)đã(?:\s|$)/u.test(name)) {
    return null;
  }
  return name.split(' ').length >= 2 || /^(Sở|Ban|Hội)\s/u.test(name) ? name : null;
}

/** Roles, not agencies: "Cơ quan chủ trì có trách nhiệm …", "Cơ quan nhà nước chủ động …". */
const GENERIC_ROLE =
  /^(Cơ quan|Đơn vị|Các đơn vị|Các cơ quan)(\s+(chủ trì|nhà nước|chỉ đạo|thường trực|phối hợp|liên quan|được giao))?$/iu;

/** "1. Sở Thông tin và Truyền thông", "a) Sở Y tế:": a heading that only names an agency. */
function agencyHeading(text: string): string | null {
  const name = clean(text.replace(/^(Đề nghị|Giao)\s+/u, '')).replace(/[:.]$/u, '');
  if (GENERIC_ROLE.test(name)) return null;
  if (!AGENCY_START.test(name) || name.length > 160 || DUTY_VERB.test(` ${name}`)) return null;
  if (/[;.]\s/u.test(name)) return null;
  return name;
}

/**
 * A heading that names an agency, and the duties written on the same line: "Sở Y tế", "Sở Y tế:
 * Chủ trì …", a heading wrapped onto its first sentence ("Sở Tài chính Phối hợp với …"), or a
 * heading that names the agencies by what they do ("UBND các xã triển khai thí điểm").
 */
function agencyAndDuties(
  body: string,
  firstLine: string,
): { agency: string; duties: string | null } | null {
  const [beforeColon, ...afterColon] = body.split(/:\s/u);
  const named = agencyHeading(beforeColon!);
  if (named) return { agency: named, duties: afterColon.join(': ') || null };
  const capital = CAPITAL_DUTY.exec(body);
  const wrapped = capital ? agencyHeading(body.slice(0, capital.index)) : null;
  if (wrapped) return { agency: wrapped, duties: body.slice(capital!.index + 1) };
  const firstAlone = agencyHeading(firstLine);
  if (firstAlone && /^\s\p{Lu}/u.test(body.slice(firstLine.length))) {
    return { agency: firstAlone, duties: body.slice(firstLine.length + 1) };
  }
  if (body.length > 160 || /[.;]$/u.test(body)) return null;
  // "Đề nghị Hiệp hội VINASA phối hợp": the agency, then only the verb of what follows.
  const asked = /^(?:Đề nghị|Giao)\s+(.+)$/u.exec(body.replace(/:$/u, ''));
  const lead = asked ? leadingAgency(asked[1]!) : null;
  if (lead && asked![1]!.slice(lead.length).trim().split(' ').length <= 3) {
    return { agency: lead, duties: null };
  }
  if (AGENCY_START.test(body) && !body.endsWith(':')) return { agency: body, duties: null };
  return null;
}

const AGENCY_WORD =
  '(?:các|Các|Sở|Ban|UBND|Ủy ban|Văn phòng|Hiệp hội|Trường|Công an|Hội|Trung tâm|Cục|Bộ|Đài|Báo|Liên|Tỉnh|Thành viên|Kho bạc|Ngân hàng|Bưu điện|Viễn thông|ngành)';
/**
 * "Sở Tài chính, Văn phòng UBND tỉnh và các đơn vị liên quan" → three agencies; a comma or "và"
 * inside one name ("Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thành phố") stays.
 */
export function splitAgencies(text: string): string[] {
  return text
    .split(new RegExp(`;\\s*|,\\s(?=${AGENCY_WORD}\\s)|\\svà\\s(?=${AGENCY_WORD}\\s)`, 'u'))
    .map((n) => clean(n))
    .filter((n) => n.length > 3);
}

/** The agencies after "phối hợp (với)": "Sở A, Sở B và các đơn vị liên quan". */
export function coordinatingOf(text: string): string[] {
  const m = /phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+(.+)$/iu.exec(text);
  if (!m) return [];
  let names = m[1]!;
  const verb = DUTY_VERB.exec(` ${names}`);
  if (verb) names = names.slice(0, Math.max(0, verb.index - 1));
  names = names.split(/[;.()]|\s(?:để|nhằm|trong|về|theo|khi)\s/u)[0]!;
  return splitAgencies(names).filter((n) => new RegExp(`^${AGENCY_WORD}`, 'iu').test(n));
}

const ROMAN = /^([IVXLC]+)\.\s+(.+)$/u;
const NUMBERED = /^(\d+(?:\.\d+)*)\.?\s+(.+)$/u;
const LETTERED = /^([a-zđ])\)\s+(.+)$/u;
const BULLET = /^[-+•*–]\s*/u;
const TASK_PART = /NHIỆM VỤ|GIẢI PHÁP|TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM/iu;
/** Where the plan's body ends: the closing sentence, the recipients, the appendices. */
const END = /^(Trên đây là|Nơi nhận|PHỤ LỤC|Phụ lục\s+\d)/u;

interface Context {
  /** The part is one of tasks (explicitly, or after the objectives when its heading is lost). */
  taskPart: boolean;
  partHasTargets: boolean;
  topNumber: number;
  part: string;
  section: string | null;
  /** The agency of the heading above; name null when a lost heading left it unknown. */
  lead: { name: string | null; depth: number } | null;
}

interface Found extends TaskDraft {
  part: string;
  section: string | null;
}

export function readTasks(lines: TextLine[], from: number): TaskDraft[] {
  const out: Found[] = [];
  const ctx: Context = {
    taskPart: false,
    partHasTargets: false,
    topNumber: 0,
    part: '',
    section: null,
    lead: null,
  };
  let table: { lead: number; coord: number; title: number } | null = null;
  let afterBody = false;
  const add: Add = (title, lead, line, code = null, coordinating) => {
    const text = clean(title.replace(/\*+/g, '')).replace(BULLET, '').replace(/[;.]$/u, '');
    if (text.length < 12) return;
    out.push({
      code,
      title: text,
      leadOrgName: lead,
      coordinatingOrgNames: coordinating ?? coordinatingOf(text),
      line,
      part: ctx.part,
      section: ctx.section,
    });
  };

  /** "… cử cán bộ tham gia đoàn. Thành viên đoàn công tác chủ động …": two subjects, two tasks. */
  const addSentences = (text: string, lead: string | null, line: number) => {
    const sentences = text.split(/\.\s(?=\p{Lu})/u);
    let current = sentences[0]!;
    let currentLead = lead;
    for (const next of sentences.slice(1)) {
      const nextLead = leadingAgency(next);
      if (nextLead && nextLead !== currentLead) {
        add(current, currentLead, line);
        [current, currentLead] = [next, nextLead];
      } else current = `${current}. ${next}`;
    }
    add(current, currentLead, line);
  };

  const results = resultLines(lines, from);
  // The preamble ("…, Ủy ban nhân dân tỉnh ban hành Kế hoạch …") holds no duties: they start
  // with the first part.
  const firstPart = lines.findIndex((l, i) => i >= from && headingDepth(l.head) !== null);
  const start = firstPart >= 0 ? firstPart : from;
  for (const [i, l] of lines.entries()) {
    if (i < start || results.has(i)) continue;
    // "Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:" opens the plan; it is no duty.
    if (ISSUES_THE_PLAN.test(l.text)) continue;
    if (l.cells) {
      table = readTableRow(l, table, add);
      continue;
    }
    table = null;
    if (END.test(l.text)) {
      // After the body only task tables count: appendices are outlines and forms, not duties.
      afterBody = true;
      ctx.taskPart = false;
      ctx.lead = null;
    }
    if (afterBody) continue;
    const roman = ROMAN.exec(l.head);
    if (roman) {
      Object.assign(ctx, {
        taskPart: TASK_PART.test(roman[2]!),
        partHasTargets: false,
        topNumber: 0,
        part: roman[1]!,
        section: null,
        lead: null,
      });
      continue;
    }
    if (/\d\s*%/u.test(l.text)) ctx.partHasTargets = true;

    const heading = NUMBERED.exec(l.head) ?? LETTERED.exec(l.head);
    if (heading && !/^\d+[.,]\d{3}/u.test(l.head)) {
      const depth = LETTERED.test(l.head) ? 9 : heading[1]!.split('.').length;
      // The numbering restarts at "1." where a part's Roman heading was lost in the copy: after
      // the objectives (they have percentages) come the tasks.
      if (depth === 1) {
        const n = Number(heading[1]);
        if (n === 1 && ctx.topNumber >= 2) {
          Object.assign(ctx, {
            taskPart: ctx.partHasTargets,
            partHasTargets: false,
            part: `${ctx.part}+`,
          });
        }
        ctx.topNumber = n;
      }
      if (ctx.lead && depth <= ctx.lead.depth) ctx.lead = null;
      const body = (NUMBERED.exec(l.text) ?? LETTERED.exec(l.text))![2]!;
      const split = agencyAndDuties(body, heading[2]!);
      if (split) {
        ctx.lead = { name: split.agency, depth };
        if (split.duties)
          for (const duty of split.duties.split(/;\s/u)) add(duty, split.agency, l.line);
        continue;
      }
      const isItem = /[.;]$/u.test(l.text) || l.text.length > 160;
      if (!isItem) {
        if (depth <= 2) ctx.section = heading[1]!;
        continue;
      }
      // A numbered sentence led by an agency is a task wherever it stands.
      const lead = leadingAgency(body);
      if (lead || ctx.taskPart || ctx.lead) {
        addSentences(body, lead ?? ctx.lead?.name ?? null, l.line);
      }
      continue;
    }

    const text = l.text.replace(BULLET, '').replace(/^[(*]+|[*)]+$/gu, '');
    // "Sở Y tế: Chủ trì …; …": one task per duty.
    const colon = /^([^:]{4,160}):\s+(.+)$/u.exec(text);
    const colonAgency = colon && /^\p{L}/u.test(colon[2]!) ? agencyHeading(colon[1]!) : null;
    if (colon && colonAgency) {
      for (const duty of colon[2]!.split(/;\s/u)) add(duty, colonAgency, l.line);
      continue;
    }
    const lead = leadingAgency(text);
    if (ctx.lead || ctx.taskPart || lead) {
      if (!ctx.lead && !lead && !BULLET.test(l.text)) continue;
      // An agency asked to work with itself: the heading that named the real lead was lost.
      const leadName = ctx.lead?.name;
      if (!lead && leadName && coordinatingOf(text).some((c) => sameAgency(c, leadName))) {
        ctx.lead = { name: null, depth: ctx.lead!.depth };
      }
      addSentences(text, lead ?? ctx.lead?.name ?? null, l.line);
    }
  }
  return handOverSections(out).map(({ part: _part, section: _section, ...task }) => task);
}

/**
 * "Chủ trì triển khai các nhiệm vụ, giải pháp được nêu tại mục 5.1 Phần II": the tasks of that
 * section take the agency as their lead.
 */
function handOverSections(tasks: Found[]): Found[] {
  for (const t of tasks) {
    const m =
      /nêu tại (?:mục|điểm|tiểu mục)\s+(\d+(?:\.\d+)*)\.?\s*(?:,?\s*(?:Phần|mục)\s+([IVX]+))?/iu.exec(
        t.title,
      );
    if (!m || !t.leadOrgName) continue;
    for (const other of tasks) {
      if (other.leadOrgName || other.section !== m[1]) continue;
      if (m[2] && other.part.replace(/\+$/u, '') !== m[2]) continue;
      other.leadOrgName = t.leadOrgName;
    }
  }
  return tasks;
}

type Add = (
  title: string,
  lead: string | null,
  line: number,
  code?: string | null,
  coordinating?: string[],
) => void;

/** A row of a task table: the header names the columns; group rows (I, II …) have no lead. */
function readTableRow(
  l: TextLine,
  table: { lead: number; coord: number; title: number } | null,
  add: Add,
): { lead: number; coord: number; title: number } | null {
  const cells = l.cells!;
  const lower = cells.map((c) => c.toLowerCase());
  const lead = lower.findIndex((c) => /chủ trì/u.test(c));
  if (lead >= 0 && lower.some((c) => /nhiệm vụ|nội dung|tên/u.test(c))) {
    return {
      lead,
      coord: lower.findIndex((c) => /phối hợp/u.test(c)),
      title: lower.findIndex((c) => /nhiệm vụ|nội dung|tên/u.test(c)),
    };
  }
  if (!table || cells.length <= table.lead) return table;
  const title = cells[table.title] ?? '';
  const code = cells[0] && /^[\dIVX.]+$/u.test(cells[0]) ? cells[0] : null;
  const leadName = cells[table.lead] ?? '';
  if (title && leadName && !/^[IVX]+$/u.test(code ?? '')) {
    const coordinating = table.coord >= 0 ? (cells[table.coord] ?? '') : '';
    add(title, clean(leadName), l.line, code, splitAgencies(coordinating));
  }
  return table;
}
