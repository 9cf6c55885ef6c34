// The consolidating department's documents over HTTP on the live demo (Nghệ An, Sở Khoa học và
// Công nghệ): the báo cáo tổng hợp and the công văn đôn đốc of last quarter's request, downloaded as
// .docx, opened by LibreOffice (page 1 kept as a PNG under .tmp/documents/ for a person to look
// at), read back with pdftotext against the Consolidation GraphQL answer, and unzipped to check
// the layout Nghị định 30/2020 Phụ lục I sets (A4, margins, Times New Roman, sizes, page numbers).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { convertWithLibreOffice } from '../../support/libreoffice.ts';
import { poppler } from '../../support/poppler.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { completenessFigures, stateText } from '../../../shared/reporting/consolidated-layout.ts';
import { formatThousands } from '../../../shared/format/vietnamese-number.ts';
import { formatVietnamTime, vietnamDay } from '../../../shared/time/vietnam.ts';
import { documentValue, isNumeric } from '../../../server/documents/consolidated-report.ts';
import type { Completeness, RecipientStatus } from '../../../shared/reporting/consolidated.ts';
import type { SheetColumn } from '../../../shared/reporting/sheet.ts';
import type { Json } from '../../support/json.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Where the rendered first pages are kept for a person to look at (git-ignored). */
const KEEP = path.join(root, '.tmp/documents');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const CONSOLIDATION = `query($id: ID!) {
  reportRequest(id: $id) {
    title
    completeness { expected submitted onTime late missing pendingApproval returned accepted }
    recipientStatuses { org { name } state late overdue deadline }
    overdueOrgs { name }
    consolidated {
      tables {
        title
        columns { key label type readOnly aggregate options { key label } required }
        rows { key isGroup totals { columnKey value } }
      }
      outline { heading answers { org { name } text } }
    }
  }
}`;

/** Whitespace as one space: PDF text breaks lines where the page does. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

interface Rendered {
  text: string;
  pages: string[];
}

/** The .docx through LibreOffice to PDF; page 1 as a PNG kept under .tmp/documents/. */
function render(docx: Buffer, name: string): Rendered {
  const pdf = convertWithLibreOffice(docx, `${name}.docx`, 'pdf');
  const dir = path.join(tmpdir(), `tonghop-doc-${process.pid}-${name}`);
  mkdirSync(dir, { recursive: true });
  mkdirSync(KEEP, { recursive: true });
  try {
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    // Page 1 at 100 dpi: enough to read the heading block.
    poppler('pdftoppm', ['-png', '-r', '100', '-singlefile', file, path.join(KEEP, name)]);
    const text = poppler('pdftotext', ['-enc', 'UTF-8', file, '-']);
    return { text: flat(text), pages: text.split('\f').filter((p) => p.trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each table row of the .docx as its cells read, "1 | Ủy ban nhân dân xã … | 19/09/2026 17:00 | …". */
async function tableRows(docx: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  const texts = (part: string) =>
    [...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return [...xml.matchAll(/<w:tr\b.*?<\/w:tr>/gs)].map(([row]) =>
    [...row.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map(([cell]) => texts(cell)).join(' | '),
  );
}

/** The layout Phụ lục I sets, read from the .docx's XML. */
async function checkLayout(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const attr = (tag: string, name: string) =>
    Number(new RegExp(`<w:${tag}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml)?.[1]);

  // I.1: A4 portrait.
  expect([attr('pgSz', 'w'), attr('pgSz', 'h')]).toEqual([11906, 16838]);
  // I.3: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm (1 mm = 56.7 twips).
  const mm = (name: string) => attr('pgMar', name) / (1440 / 25.4);
  expect(mm('top')).toBeGreaterThanOrEqual(19.99);
  expect(mm('top')).toBeLessThanOrEqual(25.01);
  expect(mm('bottom')).toBeGreaterThanOrEqual(19.99);
  expect(mm('bottom')).toBeLessThanOrEqual(25.01);
  expect(mm('left')).toBeGreaterThanOrEqual(29.99);
  expect(mm('left')).toBeLessThanOrEqual(35.01);
  expect(mm('right')).toBeGreaterThanOrEqual(14.99);
  expect(mm('right')).toBeLessThanOrEqual(20.01);

  // I.4: every run in Times New Roman, and the document's default too.
  const fonts = [...xml.matchAll(/<w:rFonts ([^>]*)\/>/g)].flatMap((m) =>
    [...m[1]!.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((f) => f[1]),
  );
  expect(fonts.length).toBeGreaterThan(50);
  expect(new Set(fonts)).toEqual(new Set(['Times New Roman']));
  const styles = await zip.file('word/styles.xml')!.async('string');
  expect(styles).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman"/s);

  // II.6: body paragraphs justified, 13–14 pt (26–28 half-points), first line indented 1–1.27 cm.
  const justified = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:jc w:val="both"\/>.*?<\/w:p>/gs)];
  expect(justified.length).toBeGreaterThanOrEqual(4);
  for (const [p] of justified) {
    const sizes = [...p.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    for (const s of sizes) expect(s === 26 || s === 28).toBe(true);
    const indent = Number(/<w:ind [^>]*w:firstLine="(\d+)"/.exec(p)?.[1]);
    expect(indent).toBeGreaterThanOrEqual(567);
    expect(indent).toBeLessThanOrEqual(720);
  }

  // I.7: numbers from page 2 — a different first page (titlePg) whose header has no number, and
  // a PAGE field centred in the default header, 13–14 pt.
  expect(xml).toMatch(/<w:titlePg(?: w:val="(?:1|true)")?\/>/);
  const header = async (type: string) => {
    const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(xml)![1];
    const target =
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
    return zip.file(`word/${target}`)!.async('string');
  };
  const numbered = await header('default');
  expect(numbered).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
  expect(numbered).toContain('<w:jc w:val="center"/>');
  expect(numbered).toMatch(/<w:sz w:val="2[68]"\/>/);
  expect(await header('first')).not.toMatch(/PAGE/);
}

describe('báo cáo tổng hợp and công văn đôn đốc as .docx', () => {
  let server: TestServer;
  let previous: string;
  let current: string;
  let consolidator: string;
  let reporter: string;

  const download = async (id: string, file: string, token?: string) => {
    const res = await fetch(`${server.app.url}/files/requests/${id}/${file}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const consolidation = async (id: string) => {
    const res = await server.gql<{ reportRequest: Json }>(CONSOLIDATION, { id }, consolidator);
    expect(res.errors).toBeUndefined();
    return res.data!.reportRequest;
  };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    // The live demo's two quarters: the current one due in the future, the one before overdue.
    const live = await server.app.db.prisma.reportRequest.findMany({
      where: { key: { startsWith: 'NA-CDS-QUY-' } },
      orderBy: { deadline: 'desc' },
      select: { id: true },
    });
    [current, previous] = live.map((r) => r.id) as [string, string];
    consolidator = await server.login('stttt.nghean@demo.vn');
    reporter = await server.login('syte.nghean@demo.vn');
  }, 120_000);
  afterAll(() => server?.close());

  test('the báo cáo tổng hợp: NĐ 30 heading, completeness, totals and answers as GraphQL has them', async () => {
    const asked = new Date();
    const { res, body } = await download(previous, 'bao-cao-tong-hop.docx', consolidator);
    const answered = new Date();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Báo cáo tổng hợp - Báo cáo tiến độ chuyển đổi số')}`,
    );
    const request = await consolidation(previous);
    const { text, pages } = render(body, 'bao-cao-tong-hop');

    // Heading block (II.1–II.5), with diacritics as typed.
    for (const part of [
      'UBND TỈNH NGHỆ AN',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '/BC-SKHCN',
      'BÁO CÁO',
      `Tổng hợp kết quả báo cáo ${request.title.replace(/^Báo cáo /, '')}`,
      'GIÁM ĐỐC',
      'Nơi nhận:',
      '- Lưu: VT, VP.',
    ]) {
      expect(text).toContain(part);
    }
    // II.4: the day in Vietnam it was made, day below 10 and months 1–2 with a leading zero.
    const dated = [asked, answered].map((at) => {
      const [y, m, d] = vietnamDay(at).split('-').map(Number) as [number, number, number];
      return `Nghệ An, ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? `0${m}` : m} năm ${y}`;
    });
    expect(dated.some((line) => text.includes(line))).toBe(true);

    // Completeness as the Consolidation answer counts it.
    const c = request.completeness as Completeness;
    expect(c.expected).toBeGreaterThan(c.submitted);
    for (const [label, n] of completenessFigures(c)) {
      expect(text).toMatch(new RegExp(`- ${label}: ${formatThousands(n)}[;.]`));
    }
    const sent = request.recipientStatuses.filter((r: Json) =>
      ['SUBMITTED', 'ACCEPTED'].includes(r.state),
    );
    expect(sent.length).toBe(c.submitted);
    for (const r of sent) expect(text).toContain(r.org.name);

    // Every table's totals, in Vietnamese digits (thousands grouped with dots).
    const totals: string[] = [];
    for (const table of request.consolidated.tables) {
      expect(text).toContain(table.title);
      for (const row of table.rows.filter((r: Json) => !r.isGroup)) {
        for (const column of table.columns as SheetColumn[]) {
          const value = row.totals.find((t: Json) => t.columnKey === column.key)?.value ?? null;
          if (isNumeric(column) && value !== null) totals.push(documentValue(column, value));
        }
      }
    }
    expect(totals.length).toBeGreaterThan(5);
    expect(totals.some((t) => /^\d{1,3}(\.\d{3})+$/.test(t))).toBe(true);
    for (const t of totals) expect(text).toContain(t);

    // Each outline heading with what the agencies wrote under it.
    for (const section of request.consolidated.outline) {
      expect(text).toContain(section.heading);
      for (const a of section.answers) {
        expect(text).toContain(flat(a.text).split(' ').slice(0, 8).join(' '));
      }
    }

    // I.7: no number on page 1, "2" at the top of page 2.
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.trim().startsWith('UBND')).toBe(true);
    expect(pages[1]!.trim()).toMatch(/^2\s/);

    await checkLayout(body);
  }, 60_000);

  test('the công văn đôn đốc names every overdue agency with its deadline', async () => {
    const { res, body } = await download(previous, 'cong-van-don-doc.docx', consolidator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Công văn đôn đốc - ')}`,
    );
    const request = await consolidation(previous);
    const overdue = request.recipientStatuses.filter((r: Json) => r.overdue);
    expect(overdue.map((r: Json) => r.org.name)).toEqual(
      request.overdueOrgs.map((o: Json) => o.name),
    );
    // The department is one of the recipients, overdue too: it does not write to itself.
    const self = 'Sở Khoa học và Công nghệ tỉnh Nghệ An';
    expect(overdue.map((r: Json) => r.org.name)).toContain(self);
    const reminded = overdue.filter((r: Json) => r.org.name !== self);
    expect(reminded.length).toBeGreaterThan(8);
    const { text } = render(body, 'cong-van-don-doc');

    for (const part of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '/SKHCN-VP',
      `V/v đôn đốc gửi báo cáo ${request.title.replace(/^Báo cáo /, '')}`,
      // Many agencies: "Kính gửi" names their groups, the list below names each.
      'Kính gửi: - Các sở, ban, ngành tỉnh (có tên tại danh sách dưới đây); - Ủy ban nhân dân các xã, phường (có tên tại danh sách dưới đây).',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      '- Như trên;',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toContain(`còn ${formatThousands(reminded.length)} cơ quan, đơn vị đã quá hạn`);
    for (const r of reminded) expect(text).toContain(r.org.name);
    // Each agency on its line of the list, with its own deadline and state.
    const rows = await tableRows(body);
    const start = rows.indexOf('TT | Cơ quan, đơn vị | Hạn gửi | Tình trạng');
    expect(start).toBeGreaterThan(0);
    expect(rows.slice(start + 1, start + 1 + reminded.length)).toEqual(
      reminded.map(
        (r: Json, i: number) =>
          `${i + 1} | ${r.org.name} | ${formatVietnamTime(r.deadline)} | ${stateText(r as RecipientStatus)}`,
      ),
    );

    await checkLayout(body);
  }, 60_000);

  test('nobody overdue: no công văn, said in Vietnamese', async () => {
    const { res, body } = await download(current, 'cong-van-don-doc.docx', consolidator);
    expect(res.status).toBe(409);
    const error = JSON.parse(body.toString('utf8')).errors[0];
    expect(error.extensions.code).toBe('CONFLICT');
    expect(error.message).toContain('Không có đơn vị nào quá hạn');
  });

  test('only who may consolidate: a reporter is refused, an unknown request is not found', async () => {
    for (const file of ['bao-cao-tong-hop.docx', 'cong-van-don-doc.docx']) {
      const asReporter = await download(previous, file, reporter);
      expect(asReporter.res.status).toBe(403);
      expect(JSON.parse(asReporter.body.toString('utf8')).errors[0].extensions.code).toBe(
        'FORBIDDEN',
      );
      const unknown = await download('00000000-0000-0000-0000-000000000000', file, consolidator);
      expect(unknown.res.status).toBe(404);
      const anonymous = await download(previous, file);
      expect(anonymous.res.status).toBe(401);
    }
  });
});
