// Report clients for the reliability tests: each agency's staff saving drafts and then sending,
// as the add-in does (baseVersion from the last answer, a new idempotency key per save), and
// retrying as a client on a bad network does — the same request with the same key after an
// answer that never came, an error or a server gone away, sometimes on both instances at once.
// Every answer is counted, every acknowledged save kept, and readers look at the sheets while
// the saves go on, noting what they saw so a test can check nothing half-written ever showed.
import { random } from './fuzz.ts';

const SAVE = `mutation($input: SaveReportInput!) {
  saveReport(input: $input) { submission { id status version } problems { message } } }`;
const SHEET = `query($r: ID!) { reportSheet(requestId: $r) {
  outline { key answerable answer }
  tables { key rows { key readOnly cells { columnKey value } } }
  submission { version status } } }`;

/** The cells every save of this template writes: each task row's result, and every answer. */
const TABLE = 'pl03';
const COLUMN = 'ket_qua';

export interface ReportClient {
  index: number;
  orgId: string;
  token: string;
}

export interface ClientOptions {
  /** The instances; a retry goes to the next one. */
  urls: string[];
  requestId: string;
  /** Saves per agency; the last one sends the report. */
  saves: number;
  /** When it says yes, each agency makes its last save (the one that sends) and stops early. */
  enough?: () => boolean;
  seed: number;
  /** Share of saves sent to every instance at once (a retry racing its first attempt). */
  duplicateRate: number;
  /** Share of saves whose first answer is given up on before it comes (a client timeout). */
  lostAnswerRate: number;
  /** Share of agencies that send one earlier save again at the end (a retry arriving late). */
  lateReplayRate: number;
  /** Attempts per request before the client gives up (counted as a failure). */
  maxAttempts: number;
}

/** A save the server acknowledged: its key, what it wrote, and the version it answered. */
export interface Ack {
  key: string;
  marker: string;
  version: number;
  submit: boolean;
}

/** What a reader saw in one agency's sheet. */
export interface Observation {
  orgId: string;
  version: number;
  /** The distinct values of the cells and answers every save writes (null: empty). */
  values: (string | null)[];
}

export interface ClientStats {
  /** HTTP requests sent, by outcome: a status code, "network" or "abandoned". */
  requests: number;
  /** GraphQL error codes received (SERVICE_UNAVAILABLE, INTERNAL_SERVER_ERROR, …). */
  byCode: Record<string, number>;
  /** Saves sent and not answered yet (a kill now lands in the middle of these). */
  savesInFlight: number;
  byStatus: Record<string, number>;
  acknowledged: number;
  retries: number;
  duplicated: number;
  lostAnswers: number;
  lateReplays: number;
  reads: number;
  /** Anything a user would call wrong: a refusal, a key answered with two versions, giving up. */
  failures: string[];
}

export const newStats = (): ClientStats => ({
  requests: 0,
  byCode: {},
  savesInFlight: 0,
  byStatus: {},
  acknowledged: 0,
  retries: 0,
  duplicated: 0,
  lostAnswers: 0,
  lateReplays: 0,
  reads: 0,
  failures: [],
});

interface Answer {
  /** A status code, "network" (no answer) or "abandoned" (the client stopped waiting). */
  outcome: string;
  data?: Record<string, unknown> | null;
  code?: string;
  message?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(
  stats: ClientStats,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  abandonAfterMs?: number,
): Promise<Answer> {
  stats.requests++;
  const saving = query === SAVE;
  if (saving) stats.savesInFlight++;
  const controller = new AbortController();
  const timer =
    abandonAfterMs === undefined ? null : setTimeout(() => controller.abort(), abandonAfterMs);
  let answer: Answer;
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    const text = await res.text();
    answer = { outcome: String(res.status) };
    try {
      const body = JSON.parse(text) as {
        data?: Record<string, unknown> | null;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      answer.data = body.data;
      answer.code = body.errors?.[0]?.extensions?.code;
      answer.message = body.errors?.[0]?.message;
    } catch {
      answer.message = text.slice(0, 200);
    }
  } catch {
    answer = { outcome: controller.signal.aborted ? 'abandoned' : 'network' };
  } finally {
    if (timer) clearTimeout(timer);
    if (saving) stats.savesInFlight--;
  }
  stats.byStatus[answer.outcome] = (stats.byStatus[answer.outcome] ?? 0) + 1;
  if (answer.code) stats.byCode[answer.code] = (stats.byCode[answer.code] ?? 0) + 1;
  return answer;
}

/** Worth trying again: no answer, a server error, or the database momentarily unreachable. */
const retryable = (a: Answer) =>
  a.outcome === 'network' ||
  a.outcome === 'abandoned' ||
  Number(a.outcome) >= 500 ||
  a.code === 'SERVICE_UNAVAILABLE' ||
  a.code === 'INTERNAL_SERVER_ERROR';

/** The backoff of a client that retries: short at first, at most two seconds. */
const backoff = (attempt: number) => Math.min(50 * 2 ** attempt, 2000);

interface SheetCells {
  rows: string[];
  sections: string[];
}

function sheetOf(data: Record<string, unknown>): {
  cells: SheetCells;
  observed: Omit<Observation, 'orgId'>;
} {
  const sheet = data.reportSheet as {
    outline: { key: string; answerable: boolean; answer: string | null }[];
    tables: {
      key: string;
      rows: {
        key: string;
        readOnly: boolean;
        cells: { columnKey: string; value: string | null }[];
      }[];
    }[];
    submission: { version: number } | null;
  };
  const rows = (sheet.tables.find((t) => t.key === TABLE)?.rows ?? []).filter((r) => !r.readOnly);
  const sections = sheet.outline.filter((s) => s.answerable);
  const values = [
    ...rows.map((r) => r.cells.find((c) => c.columnKey === COLUMN)?.value ?? null),
    ...sections.map((s) => s.answer),
  ];
  return {
    cells: { rows: rows.map((r) => r.key), sections: sections.map((s) => s.key) },
    observed: { version: sheet.submission?.version ?? 0, values: [...new Set(values)] },
  };
}

async function readSheet(
  client: ReportClient,
  options: ClientOptions,
  stats: ClientStats,
  url: string,
): Promise<Answer> {
  const answer = await post(stats, url, SHEET, { r: options.requestId }, client.token);
  if (answer.data?.reportSheet) stats.reads++;
  return answer;
}

/** Sends one save until it is acknowledged (its version) or refused (null, a failure noted). */
async function saveUntilAcknowledged(
  client: ReportClient,
  options: ClientOptions,
  stats: ClientStats,
  input: Record<string, unknown>,
  rnd: () => number,
): Promise<number | null> {
  const draw = rnd();
  const duplicate = draw < options.duplicateRate && options.urls.length > 1;
  const lose = !duplicate && draw < options.duplicateRate + options.lostAnswerRate;
  for (let attempt = 0; attempt < options.maxAttempts; attempt++) {
    const url = options.urls[(client.index + attempt) % options.urls.length]!;
    let answers: Answer[];
    if (attempt === 0 && duplicate) {
      stats.duplicated++;
      answers = await Promise.all(
        options.urls.map((u) => post(stats, u, SAVE, { input }, client.token)),
      );
    } else if (attempt === 0 && lose) {
      stats.lostAnswers++;
      answers = [await post(stats, url, SAVE, { input }, client.token, Math.floor(rnd() * 40))];
    } else {
      answers = [await post(stats, url, SAVE, { input }, client.token)];
    }
    const versions = answers.flatMap((a) => {
      const saved = a.data?.saveReport as
        { submission: { version: number } | null; problems: { message: string }[] } | undefined;
      return saved?.submission && !saved.problems.length ? [saved.submission.version] : [];
    });
    if (versions.length) {
      if (new Set(versions).size > 1) {
        stats.failures.push(`${input.idempotencyKey}: one key answered ${versions.join(' and ')}`);
      }
      return versions[0]!;
    }
    const refused = answers.find((a) => !retryable(a));
    if (refused) {
      stats.failures.push(
        `${input.idempotencyKey}: refused (${refused.outcome} ${refused.code ?? ''}): ${refused.message ?? JSON.stringify(refused.data)}`,
      );
      return null;
    }
    stats.retries++;
    await sleep(backoff(attempt));
  }
  stats.failures.push(`${input.idempotencyKey}: gave up after ${options.maxAttempts} attempts`);
  return null;
}

/**
 * One agency's work: read its sheet, save `saves` times (the last one sends), each save writing
 * one marker into every task row's result and every answer; maybe send an earlier save again at
 * the end, which must answer as it did the first time. Acknowledged saves go into `acks`.
 */
export async function runAgency(
  client: ReportClient,
  options: ClientOptions,
  stats: ClientStats,
  acks: Ack[],
): Promise<void> {
  const rnd = random(options.seed * 1000 + client.index);
  let cells: SheetCells | null = null;
  let version = 0;
  for (let attempt = 0; attempt < options.maxAttempts && !cells; attempt++) {
    const url = options.urls[(client.index + attempt) % options.urls.length]!;
    const answer = await readSheet(client, options, stats, url);
    if (answer.data?.reportSheet) {
      const sheet = sheetOf(answer.data);
      cells = sheet.cells;
      version = sheet.observed.version;
    } else if (!retryable(answer)) {
      stats.failures.push(`agency ${client.index}: sheet refused: ${answer.message}`);
      return;
    } else {
      await sleep(backoff(attempt));
    }
  }
  if (!cells) {
    stats.failures.push(`agency ${client.index}: sheet never read`);
    return;
  }
  const inputs: Record<string, unknown>[] = [];
  let last = false;
  for (let k = 1; !last; k++) {
    last = k >= options.saves || (options.enough?.() ?? false);
    const marker = `Đơn vị ${client.index + 1}, lần lưu ${k} (${options.seed})`;
    const input = {
      requestId: options.requestId,
      baseVersion: version,
      idempotencyKey: `a${client.index}-s${k}-${options.seed}-${Math.floor(rnd() * 1e9)}`,
      submit: last,
      tables: [
        {
          key: TABLE,
          rows: cells.rows.map((key) => ({ key, cells: [{ columnKey: COLUMN, value: marker }] })),
        },
      ],
      answers: cells.sections.map((key) => ({ key, text: marker })),
    };
    const acknowledged = await saveUntilAcknowledged(client, options, stats, input, rnd);
    if (acknowledged === null) return;
    stats.acknowledged++;
    acks.push({ key: input.idempotencyKey, marker, version: acknowledged, submit: input.submit });
    inputs.push(input);
    version = acknowledged;
  }
  if (inputs.length > 1 && rnd() < options.lateReplayRate) {
    const i = Math.floor(rnd() * (inputs.length - 1));
    stats.lateReplays++;
    const again = await saveUntilAcknowledged(
      client,
      { ...options, duplicateRate: 0, lostAnswerRate: 0 },
      stats,
      inputs[i]!,
      rnd,
    );
    if (again !== acks[i]!.version) {
      stats.failures.push(
        `${acks[i]!.key}: sent again late, answered ${again}, first ${acks[i]!.version}`,
      );
    }
  }
}

/**
 * Reads sheets of random agencies while `busy()` says the writers are still at work, noting
 * what each read showed; transport failures and 503s are part of the weather and not noted.
 */
export async function readWhileBusy(
  clients: ReportClient[],
  options: ClientOptions,
  stats: ClientStats,
  observations: Observation[],
  busy: () => boolean,
  seed: number,
): Promise<void> {
  const rnd = random(seed);
  while (busy()) {
    const client = clients[Math.floor(rnd() * clients.length)]!;
    const url = options.urls[Math.floor(rnd() * options.urls.length)]!;
    const answer = await readSheet(client, options, stats, url);
    if (answer.data?.reportSheet) {
      observations.push({ orgId: client.orgId, ...sheetOf(answer.data).observed });
    } else {
      await sleep(50);
    }
  }
}

/** Agencies saving and readers reading at once, as startClients set them going. */
export interface ClientRun {
  stats: ClientStats;
  /** Each agency's acknowledged saves, by org id. */
  acks: Map<string, Ack[]>;
  observations: Observation[];
  /** Waits until every agency is done, then stops the readers and waits for them. */
  finished(): Promise<void>;
}

/**
 * Every agency runs runAgency while `readers` readers keep opening sheets (seeds readerSeed + 1,
 * + 2, …) until the agencies are done.
 */
export function startClients(
  agencies: ReportClient[],
  options: ClientOptions,
  readers: number,
  readerSeed: number,
): ClientRun {
  const stats = newStats();
  const acks = new Map<string, Ack[]>(agencies.map((x) => [x.orgId, []]));
  const observations: Observation[] = [];
  let writing = true;
  const writers = Promise.all(
    agencies.map((x) => runAgency(x, options, stats, acks.get(x.orgId)!)),
  );
  const reading = Array.from({ length: readers }, (_, r) =>
    readWhileBusy(agencies, options, stats, observations, () => writing, readerSeed + r + 1),
  );
  return {
    stats,
    acks,
    observations,
    async finished() {
      try {
        await writers;
      } finally {
        writing = false;
        await Promise.all(reading);
      }
    },
  };
}

/** What readers saw that no acknowledged save wrote: a mix of saves, or another save's values. */
export function halfWritten(observations: Observation[], acks: Map<string, Ack[]>): string[] {
  const problems: string[] = [];
  for (const o of observations) {
    const expected =
      o.version === 0
        ? null
        : (acks.get(o.orgId)?.find((a) => a.version === o.version)?.marker ?? '?');
    if (o.values.length !== 1 || o.values[0] !== expected) {
      problems.push(`${o.orgId} v${o.version}: saw ${JSON.stringify(o.values)}, saved ${expected}`);
    }
  }
  return problems;
}
