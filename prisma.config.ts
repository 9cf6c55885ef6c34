// Prisma CLI configuration. Only `prisma generate` is used: migrations are plain SQL files
// applied by server/db/migrate.ts, because the native schema engine cannot be downloaded here.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
