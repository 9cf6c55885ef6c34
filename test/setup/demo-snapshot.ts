// The embedded database as `npm start` leaves it on an empty folder (migrated, demo loaded with
// its accounts), made once per test run and written as a tarball: each test server on the
// embedded database starts from it (DATA_SNAPSHOT) instead of loading the demo again, which took
// most of a test file's start. Made the same way startApp loads the demo, so nothing differs.
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedFrameworks } from '../../server/dti/load.ts';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import { seedDemo } from '../../prisma/seed/live.ts';

export async function writeDemoSnapshot(file: string): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db.sql);
    await loadShippedFrameworks(db.prisma);
    await seedDemo(db, readSeedFiles(), { demoUsers: true });
    const tarball = await db.dump!();
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await db.close();
  }
}
