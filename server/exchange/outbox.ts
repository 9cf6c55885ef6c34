// The outbox to other systems (DHIS2, the province's LGSP): every version an agency sends is
// queued for each receiver that asks for its template, in the transaction that sends it, so a
// send is never without its deliveries. deliverExchange then POSTs each due one, the way
// server/messages/deliver.ts sends mail: claimed with a lease (one UPDATE that only succeeds when
// nobody holds it), so with several server instances one attempt at a time runs per delivery;
// a server killed mid-delivery leaves it claimed until the lease ends, and the next attempt
// carries the same Idempotency-Key, so the receiver can drop the repeat. Each attempt is logged
// with the receiver's answer; failures are tried again with a doubling wait, up to the
// receiver's maxAttempts.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { CodeBook } from './code-book.ts';
import { loadCodeBook } from './schemes.ts';
import { renderPayload, type PayloadFormat } from './payload.ts';
import { sentVersion } from './report-values.ts';

/** The key a receiver drops repeats by: one per sent version of a report. */
export const deliveryKey = (submissionId: string, version: number): string =>
  `tonghop:${submissionId}:${version}`;

/**
 * Queues one sent version for every receiver of its template in the agency's province (inside
 * the sending transaction), paused ones too: a paused receiver gets what was sent meanwhile when
 * it is started again. A version already queued for a receiver is left as it is.
 */
export async function queueDeliveries(
  tx: Prisma.TransactionClient,
  submission: { id: string; version: number },
): Promise<number> {
  const { org, request } = await tx.submission.findUniqueOrThrow({
    where: { id: submission.id },
    select: {
      org: { select: { path: true } },
      request: { select: { template: { select: { code: true } } } },
    },
  });
  const receivers = (
    await tx.exchangeReceiver.findMany({
      where: {
        OR: [
          { templateCodes: { isEmpty: true } },
          { templateCodes: { has: request.template.code } },
        ],
      },
      select: { id: true, scheme: { select: { owner: { select: { path: true } } } } },
    })
  ).filter((r) => org.path.startsWith(r.scheme.owner.path)); // a province's data, its receivers
  if (!receivers.length) return 0;
  const queued = await tx.exchangeDelivery.createMany({
    data: receivers.map((r) => ({
      receiverId: r.id,
      submissionId: submission.id,
      version: submission.version,
      key: deliveryKey(submission.id, submission.version),
    })),
    skipDuplicates: true,
  });
  return queued.count;
}

/** The wait before attempt n+1 after n failed: base, doubling, at most 6 hours. */
export function exchangeRetryDelayMs(failedAttempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), 6 * 3_600_000);
}

export interface ExchangeOptions {
  /** How long a claim holds a delivery; longer than `timeoutMs`. */
  leaseMs: number;
  /** How long to wait for the receiver's answer. */
  timeoutMs?: number;
  /** The clock (tests): the start of the run; it advances with the real clock during the run. */
  now?: Date;
}

export interface ExchangeRunResult {
  delivered: number;
  failed: number;
  failures: { receiver: string; answer: string }[];
}

const DUE = ['PENDING', 'FAILED'] as const;
const BATCH = 50;
/** What the log keeps of an answer: enough to read the receiver's reason. */
const ANSWER_CHARS = 2000;

/** The start of a receiver's answer, read no further: a huge reply must not fill the memory. */
async function answerStart(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < ANSWER_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.slice(0, ANSWER_CHARS);
}

/**
 * DHIS2 answers an import summary; one whose status is ERROR imported nothing, whatever the HTTP
 * status (older versions answer 200 with it). WARNING imported part and is kept as delivered,
 * with the answer in the log.
 */
export function refusedInBody(format: PayloadFormat, answer: string): boolean {
  if (format !== 'DHIS2_JSON') return false;
  try {
    const body = JSON.parse(answer) as { status?: unknown; response?: { status?: unknown } };
    return body.status === 'ERROR' || body.response?.status === 'ERROR';
  } catch {
    return false; // not JSON (or cut at ANSWER_CHARS): the HTTP status decides
  }
}

/** Headers the outbox sets itself, which a receiver's authentication line may not replace. */
export const OWN_HEADERS = ['content-type', 'idempotency-key', 'content-length', 'host'];

/** "Authorization: ApiToken abc" as a header name and value; a bare value is an Authorization. */
export function headerOf(line: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  if (colon > 0 && /^[A-Za-z0-9-]+$/.test(name)) return [name, line.slice(colon + 1).trim()];
  return ['Authorization', line.trim()];
}

const CONTENT_TYPE = { DHIS2_JSON: 'application/json', ADX_XML: 'application/adx+xml' } as const;

export async function deliverExchange(
  prisma: PrismaClient,
  options: ExchangeOptions,
): Promise<ExchangeRunResult> {
  const startedAt = Date.now();
  const start = options.now ?? new Date();
  const clock = () => new Date(start.getTime() + (Date.now() - startedAt));
  const timeoutMs = options.timeoutMs ?? Math.min(30_000, Math.floor(options.leaseMs / 2));
  const free = (at: Date) => [{ lockedUntil: null }, { lockedUntil: { lt: at } }];
  const result: ExchangeRunResult = { delivered: 0, failed: 0, failures: [] };
  // Each scheme's mapping table read once a run, not once per delivery.
  const books = new Map<string, Promise<CodeBook>>();
  const bookOf = (scheme: string) => {
    let book = books.get(scheme);
    if (!book) books.set(scheme, (book = loadCodeBook(prisma, scheme).then((l) => l.book)));
    return book;
  };
  for (;;) {
    const at = clock();
    const due = await prisma.exchangeDelivery.findMany({
      where: {
        status: { in: [...DUE] },
        nextAttemptAt: { lte: at },
        receiver: { active: true },
        OR: free(at),
      },
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH,
      include: { receiver: { include: { scheme: { select: { code: true } } } } },
    });
    let claimedAny = false;
    for (const d of due) {
      const claimAt = clock();
      const lease = new Date(claimAt.getTime() + options.leaseMs);
      const claimed = await prisma.exchangeDelivery.updateMany({
        where: {
          id: d.id,
          status: { in: [...DUE] },
          nextAttemptAt: { lte: claimAt },
          OR: free(claimAt),
        },
        data: { lockedUntil: lease },
      });
      if (claimed.count !== 1) continue; // another instance has it, or delivered it meanwhile
      claimedAny = true;
      // Counted from the row as it is now ours: another instance may have tried it since it was read.
      const { attempts: before } = await prisma.exchangeDelivery.findUniqueOrThrow({
        where: { id: d.id },
        select: { attempts: true },
      });
      const outcome = await attempt(prisma, d, bookOf, timeoutMs);
      const doneAt = clock();
      const attempts = before + 1;
      if (outcome.ok) {
        // Delivered is delivered, even if the lease ran out meanwhile.
        await prisma.$transaction(async (tx) => {
          await tx.exchangeDelivery.update({
            where: { id: d.id },
            data: { status: 'DELIVERED', deliveredAt: doneAt, attempts, lockedUntil: null },
          });
          await logAttempt(tx, d.id, doneAt, outcome);
        });
        result.delivered++;
        continue;
      }
      const gaveUp = attempts >= d.receiver.maxAttempts;
      // Only while still ours: a late failure must not undo another instance's success.
      const marked = await prisma.$transaction(async (tx) => {
        const still = await tx.exchangeDelivery.updateMany({
          where: { id: d.id, lockedUntil: lease, status: { in: [...DUE] } },
          data: {
            status: gaveUp ? 'GAVE_UP' : 'FAILED',
            attempts,
            lockedUntil: null,
            nextAttemptAt: new Date(
              doneAt.getTime() + exchangeRetryDelayMs(attempts, d.receiver.retryBaseMs),
            ),
          },
        });
        // The attempt is logged either way: it was made, whoever finished the delivery.
        await logAttempt(tx, d.id, doneAt, outcome);
        return still;
      });
      if (marked.count === 1) {
        result.failed++;
        result.failures.push({ receiver: d.receiver.name, answer: outcome.answer });
      }
    }
    if (due.length < BATCH || !claimedAny) return result;
  }
}

type Outcome = { ok: boolean; status: number | null; answer: string };

/** One line of the delivery log: when, the receiver's status and answer, whether it took. */
const logAttempt = (tx: Prisma.TransactionClient, deliveryId: string, at: Date, o: Outcome) =>
  tx.exchangeAttempt.create({
    data: { deliveryId, at, httpStatus: o.status, answer: o.answer, ok: o.ok },
  });

/** One POST of one delivery: its payload built from the version's snapshot and the mapping. */
async function attempt(
  prisma: PrismaClient,
  d: {
    submissionId: string;
    version: number;
    key: string;
    receiver: {
      url: string;
      format: PayloadFormat;
      authHeader: string | null;
      scheme: { code: string };
    };
  },
  bookOf: (scheme: string) => Promise<CodeBook>,
  timeoutMs: number,
): Promise<Outcome> {
  let body: string;
  try {
    const book = await bookOf(d.receiver.scheme.code);
    const { values } = await sentVersion(prisma, d.submissionId, d.version, true);
    body = renderPayload(d.receiver.format, [values], book, new Date());
  } catch (error) {
    // An unmapped value waits for the Sở to complete the mapping: logged, tried again later.
    if (error instanceof Error) {
      return { ok: false, status: null, answer: `Chưa tạo được dữ liệu gửi: ${error.message}` };
    }
    throw error;
  }
  const headers = new Headers();
  try {
    if (d.receiver.authHeader) headers.set(...headerOf(d.receiver.authHeader));
  } catch {
    // Never the error's text: it would carry the secret into the log.
    return { ok: false, status: null, answer: 'Tiêu đề xác thực của nơi nhận không hợp lệ.' };
  }
  headers.set('content-type', CONTENT_TYPE[d.receiver.format]);
  headers.set('idempotency-key', d.key);
  try {
    const response = await fetch(d.receiver.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const answer = await answerStart(response);
    return {
      ok: response.ok && !refusedInBody(d.receiver.format, answer),
      status: response.status,
      answer: answer || response.statusText,
    };
  } catch (error) {
    const cause =
      error instanceof Error
        ? ((error.cause as Error | undefined)?.message ?? error.message)
        : String(error);
    return { ok: false, status: null, answer: `Không kết nối được tới nơi nhận: ${cause}` };
  }
}

/**
 * The outbox every `everyMs` while the server runs; runs never overlap; the timer does not keep
 * the process alive; the stop function waits for the run in progress.
 */
export function runExchangeOutbox(
  prisma: PrismaClient,
  options: { everyMs: number; leaseMs: number },
  log: (message: string) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const tick = () => {
    if (busy || stopped) return;
    busy = true;
    running = deliverExchange(prisma, { leaseMs: options.leaseMs })
      .then((r) => {
        if (r.delivered || r.failed) {
          const first = r.failures[0];
          log(
            `Gửi dữ liệu sang hệ thống khác: đã gửi ${r.delivered}, lỗi ${r.failed}` +
              (first ? ` (${first.receiver}: ${first.answer.slice(0, 200)})` : '') +
              '.',
          );
        }
      })
      .catch((error: unknown) =>
        log(
          `Không chạy được hàng đợi gửi dữ liệu: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => (busy = false));
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
