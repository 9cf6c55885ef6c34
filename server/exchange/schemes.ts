// Code schemes and their mapping tables, as the Sở maintains them: who may (the consolidating
// departments and administrators over the scheme's province), and what a line must be to be kept
// (our side names a real template cell, template or agency; their side a well-formed code; no
// two lines of ours under one code of theirs). A change is all or nothing.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { canAdminister, canConsolidate, oversees } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { CodeBook, cellOfKey, isExchangeCode, type CodeKind, type CodeLine } from './code-book.ts';

/** The scheme and its mapping table, read whole (a few hundred lines). */
export async function loadCodeBook(prisma: PrismaClient, schemeCode: string) {
  const scheme = await prisma.exchangeScheme.findUnique({
    where: { code: schemeCode },
    include: { owner: true, codes: true },
  });
  if (!scheme) throw notFound(`bảng mã ${schemeCode}`);
  const book = new CodeBook(
    scheme,
    scheme.codes.map((c) => ({
      kind: c.kind,
      ours: c.ours,
      code: c.code,
      categoryOptionCombo: c.categoryOptionCombo,
    })),
  );
  return { scheme, book };
}

type Access = 'READ' | 'MAINTAIN' | 'ADMINISTER';

/** The scheme, when the viewer may read it, keep its table, or configure its receivers. */
export async function schemeFor(ctx: Context, schemeCode: string, access: Access) {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const loaded = await loadCodeBook(ctx.prisma, schemeCode);
  const path = loaded.scheme.owner.path;
  const allowed =
    access === 'READ'
      ? oversees(viewer, path)
      : access === 'MAINTAIN'
        ? canConsolidate(viewer, path) || canAdminister(viewer, path)
        : canAdminister(viewer, path);
  if (!allowed) {
    throw forbidden(
      access === 'ADMINISTER'
        ? `Chỉ quản trị của ${loaded.scheme.owner.name} mới cấu hình được nơi nhận dữ liệu.`
        : `Bạn không có quyền ${access === 'READ' ? 'xem' : 'sửa'} bảng mã ${schemeCode}.`,
    );
  }
  return loaded;
}

export interface NewScheme {
  code: string;
  name: string;
  ownerOrgId: string;
}

export async function createScheme(ctx: Context, input: NewScheme) {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  if (!/^[A-Z0-9][A-Z0-9_-]{1,39}$/.test(input.code)) {
    throw badInput(
      `Mã bảng mã "${input.code}" chỉ gồm chữ in hoa không dấu, số, - và _ (2–40 ký tự).`,
    );
  }
  const name = input.name.trim();
  if (!name || name.length > 200) throw badInput('Tên bảng mã cần 1–200 ký tự.');
  const owner = await ctx.prisma.org.findUnique({ where: { id: input.ownerOrgId } });
  if (!owner) throw notFound(`đơn vị ${input.ownerOrgId}`);
  if (!canConsolidate(viewer, owner.path) && !canAdminister(viewer, owner.path)) {
    throw forbidden(`Chỉ đơn vị tổng hợp hoặc quản trị của ${owner.name} mới lập được bảng mã.`);
  }
  if (await ctx.prisma.exchangeScheme.findUnique({ where: { code: input.code } })) {
    throw badInput(`Đã có bảng mã ${input.code}.`);
  }
  return ctx.prisma.$transaction(async (tx) => {
    const scheme = await tx.exchangeScheme.create({
      data: { code: input.code, name, ownerOrgId: owner.id },
    });
    await recordAudit(tx, ctx, {
      action: 'exchange.scheme.create',
      entityType: 'ExchangeScheme',
      entityId: scheme.id,
      details: { code: scheme.code, owner: owner.code },
    });
    return scheme;
  });
}

export interface CodeLineInput {
  kind: CodeKind;
  ours: string;
  code: string;
  categoryOptionCombo?: string | null;
}

const KIND_NAME: Record<CodeKind, string> = {
  DATA_SET: 'mẫu báo cáo',
  DATA_ELEMENT: 'ô',
  ORG_UNIT: 'đơn vị',
  COMMENT: 'cột ghi chú',
};

/** Every problem of a batch of lines, against what exists: templates, cells and agencies. */
async function problemsOf(
  prisma: PrismaClient,
  lines: CodeLine[],
  ownerPath: string,
): Promise<string[]> {
  const problems: string[] = [];
  const templateCodes = new Set<string>();
  const orgCodes = new Set<string>();
  lines.forEach((l, i) => {
    const where = `Dòng ${i + 1} (${KIND_NAME[l.kind]} ${l.ours})`;
    if (l.kind === 'COMMENT') {
      const note = l.ours.split('/');
      const value = l.code.split('/');
      if (note.length !== 3 || value.length !== 3 || note[0] !== value[0] || note[1] !== value[1]) {
        problems.push(
          `${where}: ghi chú ghi dạng "mẫu/bảng/cột ghi chú" → "mẫu/bảng/cột giá trị", cùng bảng.`,
        );
      } else {
        templateCodes.add(note[0]!);
      }
      return;
    }
    if (!isExchangeCode(l.code)) {
      problems.push(`${where}: mã "${l.code}" chỉ gồm chữ, số và . _ : - (1–100 ký tự).`);
    }
    if (l.categoryOptionCombo && !isExchangeCode(l.categoryOptionCombo)) {
      problems.push(`${where}: categoryOptionCombo "${l.categoryOptionCombo}" không hợp lệ.`);
    }
    if (l.kind !== 'DATA_ELEMENT' && l.categoryOptionCombo) {
      problems.push(`${where}: chỉ ô mới có categoryOptionCombo.`);
    }
    if (l.kind === 'DATA_SET') templateCodes.add(l.ours);
    if (l.kind === 'ORG_UNIT') orgCodes.add(l.ours);
    if (l.kind === 'DATA_ELEMENT') {
      const cell = cellOfKey(l.ours);
      if (!cell) problems.push(`${where}: ô ghi dạng "mẫu/bảng/dòng/cột".`);
      else templateCodes.add(cell.templateCode);
    }
  });
  // Each table once, with its columns and its fixed rows.
  const tables = await prisma.templateTable.findMany({
    where: { template: { code: { in: [...templateCodes] } } },
    select: {
      key: true,
      rowMode: true,
      template: { select: { code: true } },
      columns: { select: { key: true, type: true } },
      rows: { select: { key: true } },
    },
  });
  const templates = new Set(tables.map((t) => t.template.code));
  const columnTypes = new Map<string, string>();
  const cells = new Set<string>();
  const generatedRows = new Set<string>();
  for (const t of tables) {
    const table = `${t.template.code}/${t.key}`;
    for (const c of t.columns) {
      columnTypes.set(`${table}/${c.key}`, c.type);
      for (const r of t.rows) cells.add(`${table}/${r.key}/${c.key}`);
      // Rows generated from a plan (a task's code) are known when a request opens, not here.
      if (t.rowMode !== 'FIXED') generatedRows.add(`${table}/${c.key}`);
    }
  }
  const orgs = new Set(
    // Only the scheme's own province: another province's data is not the Sở's to send.
    (
      await prisma.org.findMany({
        where: { code: { in: [...orgCodes] }, path: { startsWith: ownerPath } },
        select: { code: true },
      })
    ).map((o) => o.code),
  );
  lines.forEach((l, i) => {
    const where = `Dòng ${i + 1}`;
    if (l.kind === 'DATA_SET' && !templates.has(l.ours)) {
      problems.push(`${where}: không có mẫu báo cáo ${l.ours}.`);
    }
    if (l.kind === 'ORG_UNIT' && !orgs.has(l.ours)) {
      problems.push(`${where}: không có đơn vị mã ${l.ours} thuộc đơn vị lập bảng mã.`);
    }
    if (l.kind === 'COMMENT' && l.ours.split('/').length === 3) {
      const type = columnTypes.get(l.ours);
      if (type !== 'TEXT' && type !== 'LONG_TEXT') {
        problems.push(`${where}: ${l.ours} không phải cột chữ của mẫu (ghi chú là chữ).`);
      }
      if (!columnTypes.has(l.code)) problems.push(`${where}: không có cột ${l.code}.`);
    }
    const cell = l.kind === 'DATA_ELEMENT' ? cellOfKey(l.ours) : null;
    if (
      cell &&
      !cells.has(l.ours) &&
      !generatedRows.has(`${cell.templateCode}/${cell.tableKey}/${cell.columnKey}`)
    ) {
      problems.push(
        `${where}: mẫu ${cell.templateCode} không có ô ${cell.tableKey}/${cell.rowKey}/${cell.columnKey}.`,
      );
    }
  });
  // One line of ours per code of theirs, else an import could not tell where a value goes.
  const theirs = new Map<string, number>();
  const ours = new Map<string, number>();
  lines.forEach((l, i) => {
    const t = `${l.kind} ${l.code} ${l.categoryOptionCombo}`;
    const o = `${l.kind} ${l.ours}`;
    if (theirs.has(t)) problems.push(`Dòng ${theirs.get(t)! + 1} và ${i + 1} cùng mã ${l.code}.`);
    if (ours.has(o))
      problems.push(`Dòng ${ours.get(o)! + 1} và ${i + 1} cùng là ${KIND_NAME[l.kind]} ${l.ours}.`);
    theirs.set(t, i);
    ours.set(o, i);
  });
  return problems;
}

/**
 * Replaces the scheme's mapping table with `lines` (the table as the Sở keeps it, e.g. from a
 * spreadsheet), all or nothing; BAD_USER_INPUT lists every problem.
 */
export async function setCodes(ctx: Context, schemeCode: string, input: CodeLineInput[]) {
  const { scheme } = await schemeFor(ctx, schemeCode, 'MAINTAIN');
  const ownerPath = scheme.owner.path;
  if (input.length > 20_000) throw badInput('Tối đa 20.000 dòng trong một bảng mã.');
  const lines: CodeLine[] = input.map((l) => ({
    kind: l.kind,
    ours: l.ours.trim(),
    code: l.code.trim(),
    categoryOptionCombo: l.categoryOptionCombo?.trim() ?? '',
  }));
  const problems = await problemsOf(ctx.prisma, lines, ownerPath);
  if (problems.length) {
    throw badInput(
      `Bảng mã chưa lưu: ${problems.slice(0, 20).join(' ')}${problems.length > 20 ? ` (và ${problems.length - 20} lỗi khác)` : ''}`,
      { problems },
    );
  }
  await ctx.prisma.$transaction(async (tx) => {
    await tx.exchangeCode.deleteMany({ where: { schemeId: scheme.id } });
    await tx.exchangeCode.createMany({ data: lines.map((l) => ({ ...l, schemeId: scheme.id })) });
    await tx.exchangeScheme.update({ where: { id: scheme.id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: 'exchange.codes.set',
      entityType: 'ExchangeScheme',
      entityId: scheme.id,
      details: { lines: lines.length },
    });
  });
  return ctx.prisma.exchangeScheme.findUniqueOrThrow({ where: { id: scheme.id } });
}
