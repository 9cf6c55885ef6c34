// The peer: PostGraphile v5 (Amber preset, no plugins of ours) serving our PostgreSQL schema as
// it is, over Node's HTTP server. Run as its own process by bench/run.ts, like our server, so its
// memory is measured alone: `tsx bench/peer-postgraphile.ts <DATABASE_URL> <port>`; prints
// "ready" once it listens.
import './node22-shim.ts';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

/** The read equivalent to ReportSheet: one agency's report in a request, with its cell values. */
export const peerQuery = `query Sheet($requestId: String!, $orgId: String!) {
  allSubmissions(condition: { requestId: $requestId, orgId: $orgId }) {
    nodes {
      rowId status version
      reportRequestByRequestId { rowId title deadline }
      orgByOrgId { rowId name }
      cellValuesBySubmissionId { nodes { tableKey rowKey columnKey value } }
      outlineAnswersBySubmissionId { nodes { sectionKey text } }
    }
  }
}`;

async function main(url: string, port: number): Promise<void> {
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ connectionString: url, schemas: ['public'] })],
    grafserv: { graphqlPath: '/graphql', graphiql: false },
  });
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  // Build the schema before saying ready, so the first timed request does not pay for it.
  await pgl.getSchema();
  console.log('ready');
  process.once('SIGTERM', () => {
    server.close();
    void Promise.resolve(pgl.release()).then(() => process.exit(0));
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [url, port] = process.argv.slice(2);
  if (!url || !port) throw new Error('usage: tsx bench/peer-postgraphile.ts <DATABASE_URL> <port>');
  await main(url, Number(port));
}
