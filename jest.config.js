// Tests are TypeScript ES modules, compiled by SWC; type checking is `tsc --noEmit` in npm test.
import process from 'node:process';

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The reliability suites that kill, restart and load whole servers (10–15 minutes of the run on
  // 2 cores) run in `npm run reliability` (RELIABILITY=full, or =quick for their short mode), not
  // in `npm test`, so that it stays within its 8 minutes; the hostile-input fuzz, a minute, stays.
  testPathIgnorePatterns: process.env.RELIABILITY
    ? ['/node_modules/']
    : ['/node_modules/', '/test/reliability/(crash|backup|sign-in|load)\\.test\\.ts$'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  // Three workers on the two cores of the machines this runs on: a file waits part of its time
  // (Chromium, server processes, PostgreSQL), which a third worker fills. 751 → 618 s of jest on
  // 2 cores (BENCHMARKS.md, npm test's wall time).
  maxWorkers: 3,
};
