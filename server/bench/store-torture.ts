/**
 * `npm run torture [-- --cycles 50] [--store pglite|postgres|both]`: the store under `kill -9`
 * in full (see server/test-support/torture.ts). `npm test` runs the short form
 * (server/crash.test.ts). Prints one line a cycle and a summary; exits 1 on the first failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres } from '../test-support/postgres';
import { torture } from '../test-support/torture';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '50' },
    store: { type: 'string', default: 'both' },
  },
});
const cycles = Number(values.cycles);
const stores = values.store === 'both' ? ['pglite', 'postgres'] : [values.store!];

async function run(store: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'console-torture-'));
  const pg = store === 'postgres' ? await startPostgres() : undefined;
  const env: Record<string, string> = pg
    ? { DATABASE_URL: pg.url }
    : { DATA_DIR: path.join(dir, 'data') };
  const t0 = Date.now();
  try {
    const r = await torture(env, cycles, (i, acked) =>
      console.log(`${store}: cycle ${i}/${cycles}: killed after ${acked} acknowledged webhooks`),
    );
    const sorted = [...r.restartMs].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    console.log(
      `${store}: ${r.cycles} cycles of kill -9, ${r.acked} acknowledged webhooks, all present once; ` +
        `every restart opened the store (start → healthy: median ${p(0.5)} ms, max ${sorted.at(-1)} ms); ` +
        `${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  } finally {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const store of stores) {
  try {
    await run(store);
  } catch (e) {
    console.error(`${store}: FAILED: ${(e as Error).message}`);
    process.exit(1);
  }
}
