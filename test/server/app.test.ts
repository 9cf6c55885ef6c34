// What `npm start` does: migrate, load the demo data into an empty embedded database, answer
// GET /healthz with 200 once ready; on restart the data is still there and is not loaded again.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import { startApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { freshPostgresUrl } from '../support/databases.ts';

const quiet = () => undefined;
/** The demo accounts: those of the seed files and of the live demo's agencies. */
const demoAccounts = readSeedFiles().flatMap((f) => [
  ...(f.data.users ?? []),
  ...(f.data.live?.users ?? []),
]).length;

describe('the server as npm start runs it', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-app-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded database with the demo data and answers /healthz', async () => {
    const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir }), quiet);
    try {
      const res = await fetch(`${app.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(
        await app.db.prisma.document.count({ where: { kind: 'PLAN' } }),
      ).toBeGreaterThanOrEqual(5);
      expect(await app.db.prisma.user.count()).toBe(demoAccounts);
      expect(demoAccounts).toBe(18);
      const missing = await fetch(`${app.url}/nowhere`);
      expect(missing.status).toBe(404);
      const explorer = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(explorer.status).toBe(200);
      expect(await explorer.text()).toContain('Tổng hợp · GraphQL');
      const api = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ reportingPeriod(kind: MONTH, year: 2023, number: 8) { label } }',
        }),
      });
      expect(await api.json()).toEqual({ data: { reportingPeriod: { label: 'Tháng 8/2023' } } });
    } finally {
      await app.close();
    }
  }, 180_000);

  it('keeps its data across a restart and does not load the demo twice', async () => {
    const app = await startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir }), quiet);
    try {
      const logs: string[] = [];
      expect(await app.db.prisma.user.count()).toBe(demoAccounts);
      await app.db.prisma.org.update({
        where: { code: 'NA.SYT' },
        data: { phone: '0238 3844 788' },
      });
      await app.close();
      const again = await startApp(loadConfig({ PORT: '0', DATA_DIR: dataDir }), (m) =>
        logs.push(m),
      );
      try {
        expect(logs.some((l) => l.includes('Đã nạp dữ liệu demo'))).toBe(false);
        const syt = await again.db.prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } });
        expect(syt.phone).toBe('0238 3844 788');
      } finally {
        await again.close();
      }
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
  }, 180_000);

  it('on a PostgreSQL server from DATABASE_URL: migrates, no demo accounts unless asked for', async () => {
    const url = await freshPostgresUrl();
    const app = await startApp(loadConfig({ PORT: '0', DATABASE_URL: url }), quiet);
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      expect(app.db.kind).toBe('postgres');
      expect(await app.db.prisma.user.count()).toBe(0);
      expect(await app.db.prisma.org.count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('refuses a bad configuration with a clear message', () => {
    expect(() => loadConfig({ PORT: 'bốn nghìn' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TRUSTED_PROXIES: '127.0.0.1, nginx' })).toThrow(
      /TRUSTED_PROXIES: "nginx"/,
    );
  });
});
