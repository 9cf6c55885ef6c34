// The consolidation in pieces, as a client and a download meet it (issue 25): the first page of
// the paged consolidation over HTTP GraphQL (what the consolidator waits for before seeing
// anything), the largest page in bytes, every page one after the other; and the consolidated
// .xlsx streamed from a server process, with that process's resident memory sampled while it
// writes.
import { readFileSync } from 'node:fs';

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** A table and a page of its agencies, with the table's totals when $totals (its first page). */
export const PAGE_QUERY = `query ConsolidationPage($requestId: ID!, $t: String, $a: String, $n: Int,
    $totals: Boolean!) {
  reportRequest(id: $requestId) { consolidatedPages {
    tables(first: 1, after: $t) {
      pageInfo { hasNextPage endCursor }
      edges { node { key title columns { key label type aggregate readOnly }
        rows @include(if: $totals) { key group label isGroup reporting totals { columnKey value }
          rollup { org { id name } cells { columnKey value } } }
        agencies(first: $n, after: $a) {
          pageInfo { hasNextPage endCursor }
          edges { node { org { id name } rows { rowKey cells { columnKey value } }
            addedRows { key label isGroup byOrg { org { id name } cells { columnKey value } } } } }
        } } }
    } } } }`;

async function post(
  url: string,
  token: string,
  variables: object,
): Promise<{ text: string; body: PageAnswer }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PAGE_QUERY, variables }),
  });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors":[')) {
    throw new Error(`GraphQL ${res.status}: ${text.slice(0, 500)}`);
  }
  return { text, body: JSON.parse(text) as PageAnswer };
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The parts of PAGE_QUERY's answer the walk follows. */
interface PageAnswer {
  data: {
    reportRequest: {
      consolidatedPages: {
        tables: { pageInfo: PageInfo; edges: { node: { agencies: { pageInfo: PageInfo } } }[] };
      };
    };
  };
}

export interface PageFigures {
  /** The first page (first table, first agencies) on a warm server, ms. */
  firstPageMs: number;
  /** The same on the server's very first request for it (cold code paths), ms. */
  firstPageColdMs: number;
  /** The largest page of the walk, bytes of JSON. */
  largestPageBytes: number;
  /** Every page of every table, one after the other, ms. */
  allPagesMs: number;
  pages: number;
}

/** Times the paged consolidation of `requestId`: first page cold and warm, then every page. */
export async function consolidationPageMs(
  url: string,
  token: string,
  requestId: string,
  agenciesPerPage?: number,
): Promise<PageFigures> {
  const n = agenciesPerPage ?? null;
  const time = async (variables: object) => {
    const started = performance.now();
    // A table's totals come with its first page of agencies only, as the add-in asks for them.
    const totals = !('a' in variables) || (variables as { a: string | null }).a === null;
    const answer = await post(url, token, { requestId, n, totals, ...variables });
    return { ms: Math.round(performance.now() - started), ...answer };
  };
  const cold = await time({});
  const warm = await time({});
  let largest = 0;
  let pages = 0;
  const started = performance.now();
  /** One page of the walk; the tables' page info when it was a table's last agencies. */
  const walkPage = async (t: string | null, a: string | null) => {
    const { text, body } = await time({ t, a });
    largest = Math.max(largest, Buffer.byteLength(text));
    pages++;
    const { tables } = body.data.reportRequest.consolidatedPages;
    return { tables: tables.pageInfo, agencies: tables.edges[0]!.node.agencies.pageInfo };
  };
  for (let t: string | null = null; ;) {
    let last = await walkPage(t, null);
    while (last.agencies.hasNextPage) last = await walkPage(t, last.agencies.endCursor);
    if (!last.tables.hasNextPage) break;
    t = last.tables.endCursor;
  }
  return {
    firstPageMs: warm.ms,
    firstPageColdMs: cold.ms,
    largestPageBytes: largest,
    allPagesMs: Math.round(performance.now() - started),
    pages,
  };
}

export interface XlsxFigures {
  /** Peak resident memory of the server while writing, above what it held before, MB. */
  xlsxMemoryMb: number;
  xlsxMs: number;
  bytes: number;
}

/** Downloads the consolidated .xlsx from the server process `pid`, sampling its memory. */
export async function xlsxMemoryMb(
  url: string,
  token: string,
  requestId: string,
  pid: number,
): Promise<XlsxFigures> {
  const before = rssMb(pid);
  let peak = before;
  const watch = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const started = performance.now();
  try {
    const res = await fetch(`${url}/files/requests/${requestId}/consolidated.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`xlsx ${res.status}: ${await res.text()}`);
    const bytes = (await res.arrayBuffer()).byteLength;
    return {
      xlsxMemoryMb: Math.round((Math.max(peak, rssMb(pid)) - before) * 10) / 10,
      xlsxMs: Math.round(performance.now() - started),
      bytes,
    };
  } finally {
    clearInterval(watch);
  }
}
