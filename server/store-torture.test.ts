/**
 * The torture's short form, 5 cycles a store (`npm run torture` runs 50; TORTURE_CYCLES sets it):
 * cycles of webhook traffic +
 * `kill -9` + restart on one store, which must reopen every time with every acknowledged webhook
 * present exactly once. PGlite (the embedded default, locked to one process) and Postgres.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startPostgres, type TestPostgres } from './test-support/postgres';
import { torture } from './test-support/torture';

describe('the store under repeated kill -9', () => {
  let pg: TestPostgres | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(() => {
    pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const cycles = Number(process.env.TORTURE_CYCLES ?? 5);
  it.concurrent(
    `PGlite torture (${cycles} cycles): the store reopens every time, nothing acknowledged lost`,
    async ({ expect }) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'console-torture-'));
      dirs.push(dir);
      const r = await torture({ DATA_DIR: path.join(dir, 'data') }, cycles);
      expect(r.restartMs).toHaveLength(cycles + 1);
      expect(r.acked).toBeGreaterThanOrEqual(cycles * 40);
    },
    600_000,
  );

  it.concurrent(
    `Postgres torture (${cycles} cycles): the store reopens every time, nothing acknowledged lost`,
    async ({ expect }) => {
      const r = await torture({ DATABASE_URL: pg!.url }, cycles);
      expect(r.restartMs).toHaveLength(cycles + 1);
      expect(r.acked).toBeGreaterThanOrEqual(cycles * 40);
    },
    600_000,
  );
});
