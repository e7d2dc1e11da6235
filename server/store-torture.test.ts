/**
 * The torture's short form, 5 cycles a store (`npm run torture` runs 50; TORTURE_CYCLES sets it):
 * cycles of webhook traffic +
 * `kill -9` + restart on one store, which must reopen every time with every acknowledged webhook
 * present exactly once. PGlite (the embedded default, locked to one process) and Postgres.
 */
import path from 'node:path';
import { describe, it } from 'vitest';
import { postgresAndTempDirs } from './test-support/postgres';
import { seedEmptyStore } from './test-support/prepared';
import { torture } from './test-support/torture';

describe('the store under repeated kill -9', () => {
  const { pgUrl, tempDir } = postgresAndTempDirs();

  const cycles = Number(process.env.TORTURE_CYCLES ?? 5);
  it.concurrent(
    `PGlite torture (${cycles} cycles): the store reopens every time, nothing acknowledged lost`,
    async ({ expect }) => {
      const dir = tempDir('console-torture-');
      const r = await torture({ DATA_DIR: seedEmptyStore(path.join(dir, 'data')) }, cycles);
      expect(r.restartMs).toHaveLength(cycles + 1);
      expect(r.acked).toBeGreaterThanOrEqual(cycles * 40);
    },
    600_000,
  );

  it.concurrent(
    `Postgres torture (${cycles} cycles): the store reopens every time, nothing acknowledged lost`,
    async ({ expect }) => {
      const r = await torture({ DATABASE_URL: pgUrl() }, cycles);
      expect(r.restartMs).toHaveLength(cycles + 1);
      expect(r.acked).toBeGreaterThanOrEqual(cycles * 40);
    },
    600_000,
  );
});
