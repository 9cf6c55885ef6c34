/// <reference types="office-js" />
// Excel on the web refuses a request or an answer over 5 MB ("Excel on the web has a payload size
// limit for requests and responses of 5MB", Microsoft's resource-limits page). Large sheets are
// therefore written in blocks whose arguments stay well under it, and read in blocks of cells,
// a block Excel finds too large being split. Each block is one context.sync(), so the number of
// round trips grows with the data's size, never with its rows as such.
import { hasExcelCode } from './host.ts';

/** Arguments queued before a sync: room under 5 MB for the encoding and the small calls. */
export const WRITE_BUDGET_BYTES = 3 * 1024 * 1024;
/** What one small call (a format, a fill, a name) is counted as. */
const CALL_BYTES = 200;
/** Cells asked for in one read; a block that still answers too much is halved. */
const READ_CELLS = 50_000;

const utf8 = new TextEncoder();
/** What a value weighs in a request: the UTF-8 bytes of its JSON. */
export const bytesOf = (value: unknown) => utf8.encode(JSON.stringify(value)).length;

type Cell = string | number | boolean | null;

/** Queues calls on a context and syncs before the queued arguments pass the budget. */
export class BlockWriter {
  private queued = 0;
  constructor(readonly context: Excel.RequestContext) {}

  /** Makes room for `bytes` of arguments: a sync first when they would not fit. */
  async room(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > WRITE_BUDGET_BYTES) await this.flush();
    this.queued += bytes + CALL_BYTES;
  }

  /** A small call (format, fill, name…) about to be queued. */
  async small(calls = 1): Promise<void> {
    await this.room(calls * CALL_BYTES);
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.queued = 0;
  }

  /**
   * `lines` written from row `top` (1-based) and column index `left`, each cell's number format
   * set first (`formats`, one per column, null to leave it) so that nothing lands as a formula or
   * a number by accident. Lines are cut into blocks that fit the budget.
   */
  async grid(
    ws: Excel.Worksheet,
    top: number,
    left: number,
    lines: Cell[][],
    formats: (string | null)[] | null,
  ): Promise<void> {
    const width = lines[0]?.length ?? 0;
    if (!width) return;
    // Every line carries the same formats: weighed once.
    const formatBytes = formats ? bytesOf(formats.map((f) => f ?? 'General')) : 0;
    const limit = WRITE_BUDGET_BYTES / 2;
    let start = 0;
    while (start < lines.length) {
      let end = start;
      let bytes = 0;
      while (end < lines.length) {
        const size = bytesOf(lines[end]!) + formatBytes;
        if (end > start && bytes + size > limit) break;
        bytes += size;
        end += 1;
      }
      await this.room(bytes);
      const block = lines.slice(start, end);
      const range = ws.getRangeByIndexes(top - 1 + start, left, block.length, width);
      if (formats) {
        // A null format leaves the cell's own (Microsoft: null in a 2-D array changes nothing).
        range.numberFormat = block.map(() => formats) as string[][];
      }
      range.values = block as (string | number | boolean)[][];
      start = end;
    }
  }
}

export interface ReadRequest {
  ws: Excel.Worksheet;
  /** First row (0-based) and column, and the size. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface ReadResult {
  values: unknown[][];
  numberFormat: string[][];
}

/**
 * The values and number formats of each requested block of cells, in as few syncs as the read
 * budget allows. When Excel answers ResponsePayloadSizeLimitExceeded (long texts), the budget is
 * halved and the same cells are asked for again in smaller pieces.
 */
export async function readBlocks(
  context: Excel.RequestContext,
  requests: ReadRequest[],
): Promise<ReadResult[]> {
  type Piece = { index: number; offset: number; rows: number };
  let budget = READ_CELLS;
  const split = (p: Piece): Piece[] => {
    const perPiece = Math.max(1, Math.floor(budget / Math.max(1, requests[p.index]!.columns)));
    const out: Piece[] = [];
    for (let at = 0; at < p.rows; at += perPiece) {
      out.push({ index: p.index, offset: p.offset + at, rows: Math.min(perPiece, p.rows - at) });
    }
    return out;
  };
  let pending = requests.flatMap((r, index) =>
    r.rows > 0 ? split({ index, offset: 0, rows: r.rows }) : [],
  );
  const done: { piece: Piece; result: ReadResult }[] = [];
  while (pending.length) {
    const batch: Piece[] = [];
    let cells = 0;
    while (pending.length) {
      const size = pending[0]!.rows * requests[pending[0]!.index]!.columns;
      if (size > budget && pending[0]!.rows > 1) {
        // Cut to a smaller budget after an answer too large.
        pending.splice(0, 1, ...split(pending[0]!));
        continue;
      }
      if (batch.length && cells + size > budget) break;
      batch.push(pending.shift()!);
      cells += size;
    }
    const ranges = batch.map((p) => {
      const r = requests[p.index]!;
      const range = r.ws.getRangeByIndexes(r.row + p.offset, r.column, p.rows, r.columns);
      range.load(['values', 'numberFormat']);
      return range;
    });
    try {
      await context.sync();
    } catch (error) {
      const smallest = batch.length === 1 && batch[0]!.rows === 1;
      if (!hasExcelCode(error, 'ResponsePayloadSizeLimitExceeded') || smallest) throw error;
      budget = Math.max(1, Math.floor(cells / 2));
      pending = [...batch.flatMap(split), ...pending];
      continue;
    }
    batch.forEach((piece, i) =>
      done.push({
        piece,
        result: { values: ranges[i]!.values, numberFormat: ranges[i]!.numberFormat as string[][] },
      }),
    );
  }
  const results: ReadResult[] = requests.map(() => ({ values: [], numberFormat: [] }));
  done.sort((a, b) => a.piece.index - b.piece.index || a.piece.offset - b.piece.offset);
  for (const { piece, result } of done) {
    results[piece.index]!.values.push(...result.values);
    results[piece.index]!.numberFormat.push(...result.numberFormat);
  }
  return results;
}
