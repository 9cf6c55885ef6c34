import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__postgres?.stop();
  globalThis.__postgres = undefined;
  if (globalThis.__snapshotDir) rmSync(globalThis.__snapshotDir, { recursive: true, force: true });
  globalThis.__snapshotDir = undefined;
}
