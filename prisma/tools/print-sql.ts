// Prints the SQL that creates the whole schema.prisma shape (`npm run db:sql`). To write a new
// migration, compare it with the previous output and put the ALTER statements in a new
// prisma/migrations/<timestamp>_<name>/migration.sql; the drift test checks the result.
import { expectedCatalog, loadDatamodel, renderSql } from './catalog.ts';

const catalog = expectedCatalog(await loadDatamodel());
process.stdout.write(renderSql(catalog));
