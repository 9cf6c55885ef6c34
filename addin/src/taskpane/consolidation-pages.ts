// The consolidation as the pane reads it for thousands of agencies: the tables' heads first (their
// columns, each row's totals and roll-ups), then one table's agencies a page at a time following
// endCursor, then the next table; the outline's answers likewise. A table's sheet lists row by row
// with every agency under each row, so its agencies are gathered (as their cells alone) before the
// table is laid out, the way the server's streamed .xlsx does (server/files/consolidated-xlsx.ts).
import type { ConsolidatedTableView } from '../../../shared/reporting/consolidated.ts';
import type {
  ConsolidatedSectionView,
  ConsolidationSource,
} from '../excel/consolidation-workbook.ts';
import type {
  ConsolidationAgenciesQuery,
  ConsolidationOutlineQuery,
  ConsolidationTablesQuery,
} from './gql/graphql.ts';

type Pages = NonNullable<ConsolidationTablesQuery['reportRequest']>['consolidatedPages'];
export type TableHeads = Pages['tables'];
export type AgencyPage = NonNullable<
  ConsolidationAgenciesQuery['reportRequest']
>['consolidatedPages']['tables']['edges'][number]['node']['agencies'];
export type OutlinePage = NonNullable<
  ConsolidationOutlineQuery['reportRequest']
>['consolidatedPages']['outline'];

/** The three page reads, as the server answers them (Api.consolidationPageReader). */
export interface ConsolidationPageReader {
  /** Up to five tables' heads after `after` (null: from the first). */
  tables(after: string | null): Promise<TableHeads>;
  /** The agencies after `after` of the table following the cursor `tableAfter`. */
  agencies(tableAfter: string | null, first: number, after: string | null): Promise<AgencyPage>;
  /** Every section's first page of answers (key null), or one section's page after `after`. */
  outline(key: string | null, first: number, after: string | null): Promise<OutlinePage>;
}

/** How far the pane has read: agencies of the table being read, out of those that reported. */
export interface ConsolidationProgress {
  table: number;
  tables: number;
  agencies: number;
  /** How many agencies reported the table (its widest row). */
  of: number;
}

/** The server's page limit for agencies and answers. */
export const AGENCY_PAGE_MAX = 400;

/**
 * Reads the tables' heads and the outline's first pages, and returns the source that reads each
 * table's agencies (and the outline's further answers) when asked. `first` is the page size.
 */
export async function pagedSource(
  reader: ConsolidationPageReader,
  first = AGENCY_PAGE_MAX,
  onProgress: (p: ConsolidationProgress) => void = () => {},
): Promise<ConsolidationSource> {
  const heads: { cursor: string | null; node: TableHeads['edges'][number]['node'] }[] = [];
  let after: string | null = null;
  for (;;) {
    const page: TableHeads = await reader.tables(after);
    for (const e of page.edges) {
      // An agencies read names its table by the cursor of the one before.
      heads.push({ cursor: after, node: e.node });
      after = e.cursor;
    }
    if (!page.pageInfo.hasNextPage || !page.edges.length) break;
  }
  const sections = await reader.outline(null, first, null);

  const table = async (i: number): Promise<ConsolidatedTableView> => {
    const { cursor, node } = heads[i]!;
    const of = Math.max(0, ...node.rows.map((r) => r.reporting));
    const agencies: { org: { id: string; name: string }; cells: Map<string, SheetCells> }[] = [];
    const added: ConsolidatedTableView['rows'] = [];
    let agencyAfter: string | null = null;
    onProgress({ table: i + 1, tables: heads.length, agencies: 0, of });
    for (;;) {
      const page: AgencyPage = await reader.agencies(cursor, first, agencyAfter);
      for (const { node: a } of page.edges) {
        agencies.push({ org: a.org, cells: new Map(a.rows.map((r) => [r.rowKey, r.cells])) });
        added.push(...a.addedRows);
      }
      onProgress({ table: i + 1, tables: heads.length, agencies: agencies.length, of });
      if (!page.pageInfo.hasNextPage || !page.edges.length) break;
      agencyAfter = page.pageInfo.endCursor;
    }
    const rows = node.rows.map(({ reporting: _, ...row }) => ({
      ...row,
      byOrg: agencies.flatMap(({ org, cells }) => {
        const own = cells.get(row.key);
        return own ? [{ org, cells: own }] : [];
      }),
    }));
    return { ...node, rows: [...rows, ...added] };
  };

  const outline = async (): Promise<ConsolidatedSectionView[]> => {
    const out: ConsolidatedSectionView[] = [];
    for (const s of sections) {
      const answers = s.answers.edges.map((e) => e.node);
      let info = s.answers.pageInfo;
      while (info.hasNextPage) {
        const [more] = await reader.outline(s.key, first, info.endCursor);
        if (!more?.answers.edges.length) break;
        answers.push(...more.answers.edges.map((e) => e.node));
        info = more.answers.pageInfo;
      }
      out.push({ key: s.key, number: s.number, heading: s.heading, depth: s.depth, answers });
    }
    return out;
  };

  return {
    tables: heads.map((h) => h.node),
    hasOutline: sections.length > 0,
    table,
    outline,
  };
}

type SheetCells = { columnKey: string; value: string | null }[];
