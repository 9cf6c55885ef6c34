// What a database holds, table by table: its row count and a digest of every row's text, in the
// same form on PGlite and PostgreSQL, so two databases can be compared for "nothing lost".
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export interface TableFingerprint {
  rows: number;
  digest: string;
}

export async function fingerprint(query: Query): Promise<Record<string, TableFingerprint>> {
  const tables = (
    await query(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
  ).map((r) => String(r.t));
  const out: Record<string, TableFingerprint> = {};
  for (const t of tables) {
    const [row] = await query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d
       FROM "${t}" x`,
    );
    out[t] = { rows: Number(row!.n), digest: String(row!.d) };
  }
  return out;
}

export const totalRows = (f: Record<string, TableFingerprint>): number =>
  Object.values(f).reduce((sum, t) => sum + t.rows, 0);
