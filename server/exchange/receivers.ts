// Receivers of the outbox, as an administrator of the scheme's province configures them: where
// (an http(s) URL taking POST), in which format, with which authentication header (kept, never
// read back), for which templates, and how hard to retry. A delivery that gave up can be started
// again by hand once the receiver is fixed.
import type { ExchangeFormat } from '../../generated/prisma/client.ts';
import { canAdminister } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, conflict, forbidden, notFound } from '../graphql/errors.ts';
import { headerOf, OWN_HEADERS } from './outbox.ts';
import { schemeFor } from './schemes.ts';

export const MAX_ATTEMPTS_LIMIT = 100;
const RETRY_BASE_MS = { min: 100, max: 86_400_000 };

export interface ReceiverInput {
  id: string | null;
  schemeCode: string;
  name: string;
  url: string;
  format: ExchangeFormat;
  /** undefined: keep (when editing); "": remove. */
  authHeader: string | undefined;
  templateCodes: string[] | undefined;
  maxAttempts: number | undefined;
  retryBaseMs: number | undefined;
  active: boolean | undefined;
}

/** The GraphQL input with its absent fields told apart from its empty ones. */
export function receiverInput(input: {
  id?: string | null;
  schemeCode: string;
  name: string;
  url: string;
  format: ExchangeFormat;
  authHeader?: string | null;
  templateCodes?: string[] | null;
  maxAttempts?: number | null;
  retryBaseMs?: number | null;
  active?: boolean | null;
}): ReceiverInput {
  return {
    id: input.id ?? null,
    schemeCode: input.schemeCode,
    name: input.name,
    url: input.url,
    format: input.format,
    authHeader: input.authHeader ?? undefined,
    templateCodes: input.templateCodes ?? undefined,
    maxAttempts: input.maxAttempts ?? undefined,
    retryBaseMs: input.retryBaseMs ?? undefined,
    active: input.active ?? undefined,
  };
}

function problemsOf(input: ReceiverInput): string[] {
  const problems: string[] = [];
  const name = input.name.trim();
  if (!name || name.length > 200) problems.push('Tên nơi nhận cần 1–200 ký tự.');
  let url: URL | null = null;
  try {
    url = new URL(input.url);
  } catch {
    /* named below */
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
    problems.push(
      `Địa chỉ "${input.url}" phải là http(s)://… không kèm tên và mật khẩu (đặt chúng ở tiêu đề xác thực).`,
    );
  }
  if (input.authHeader) {
    const [name] = headerOf(input.authHeader);
    // Printable ASCII only: anything else makes the HTTP client refuse it, quoting the value.
    if (input.authHeader.length > 2000 || !/^[\x20-\x7e]+$/.test(input.authHeader)) {
      problems.push('Tiêu đề xác thực là một dòng chữ ASCII in được, tối đa 2.000 ký tự.');
    } else if (OWN_HEADERS.includes(name.toLowerCase())) {
      problems.push(`Tiêu đề ${name} do hệ thống tự đặt; dùng Authorization hoặc tiêu đề riêng.`);
    }
  }
  if (input.url.length > 2000) problems.push('Địa chỉ nơi nhận tối đa 2.000 ký tự.');
  const m = input.maxAttempts;
  if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > MAX_ATTEMPTS_LIMIT)) {
    problems.push(`Số lần thử tối đa là số nguyên từ 1 đến ${MAX_ATTEMPTS_LIMIT}.`);
  }
  const r = input.retryBaseMs;
  if (r !== undefined && (!Number.isInteger(r) || r < RETRY_BASE_MS.min || r > RETRY_BASE_MS.max)) {
    problems.push('Thời gian chờ thử lại từ 100 ms đến 1 ngày.');
  }
  return problems;
}

export async function saveReceiver(ctx: Context, input: ReceiverInput) {
  const { scheme } = await schemeFor(ctx, input.schemeCode, 'ADMINISTER');
  const problems = problemsOf(input);
  if (input.templateCodes?.length) {
    const known = new Set(
      (
        await ctx.prisma.reportTemplate.findMany({
          where: { code: { in: input.templateCodes } },
          select: { code: true },
        })
      ).map((t) => t.code),
    );
    for (const code of input.templateCodes) {
      if (!known.has(code)) problems.push(`Không có mẫu báo cáo ${code}.`);
    }
  }
  if (problems.length) throw badInput(`Chưa lưu nơi nhận: ${problems.join(' ')}`, { problems });
  if (input.id) {
    const existing = await ctx.prisma.exchangeReceiver.findUnique({ where: { id: input.id } });
    if (!existing || existing.schemeId !== scheme.id) throw notFound(`nơi nhận ${input.id}`);
  }
  const data = {
    name: input.name.trim(),
    url: input.url,
    format: input.format,
    ...(input.authHeader !== undefined ? { authHeader: input.authHeader || null } : {}),
    ...(input.templateCodes !== undefined ? { templateCodes: input.templateCodes } : {}),
    ...(input.maxAttempts !== undefined ? { maxAttempts: input.maxAttempts } : {}),
    ...(input.retryBaseMs !== undefined ? { retryBaseMs: input.retryBaseMs } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
  return ctx.prisma.$transaction(async (tx) => {
    const receiver = input.id
      ? await tx.exchangeReceiver.update({ where: { id: input.id }, data })
      : await tx.exchangeReceiver.create({
          data: { templateCodes: [], ...data, schemeId: scheme.id },
        });
    await recordAudit(tx, ctx, {
      action: input.id ? 'exchange.receiver.update' : 'exchange.receiver.create',
      entityType: 'ExchangeReceiver',
      entityId: receiver.id,
      // The header is a secret: the log says whether it changed, not what it is.
      details: {
        ...data,
        authHeader:
          input.authHeader === undefined ? 'unchanged' : input.authHeader ? 'set' : 'removed',
      },
    });
    return receiver;
  });
}

/** Tries a failed or given-up delivery again now, with a fresh count of attempts. */
export async function retryDelivery(ctx: Context, id: string) {
  const delivery = await ctx.prisma.exchangeDelivery.findUnique({
    where: { id },
    include: { receiver: { include: { scheme: { include: { owner: true } } } } },
  });
  if (!delivery) throw notFound(`lần gửi ${id}`);
  if (!canAdminister(ctx.viewer, delivery.receiver.scheme.owner.path)) {
    throw forbidden('Chỉ quản trị của tỉnh mới gửi lại được.');
  }
  if (delivery.status !== 'FAILED' && delivery.status !== 'GAVE_UP') {
    throw badInput('Chỉ gửi lại được lần gửi đang lỗi hoặc đã dừng thử.');
  }
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    // Only while nobody is trying it and it is still failed: never a second attempt at once,
    // never a delivered one sent again.
    const moved = await tx.exchangeDelivery.updateMany({
      where: {
        id,
        status: { in: ['FAILED', 'GAVE_UP'] },
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
      },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, lockedUntil: null },
    });
    if (moved.count !== 1)
      throw conflict('Lần gửi đang được thử hoặc vừa gửi được; tải lại rồi xem.');
    await recordAudit(tx, ctx, {
      action: 'exchange.delivery.retry',
      entityType: 'ExchangeDelivery',
      entityId: id,
      details: { from: delivery.status, attempts: delivery.attempts },
    });
    return tx.exchangeDelivery.findUniqueOrThrow({ where: { id } });
  });
}
