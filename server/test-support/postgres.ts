/**
 * A throwaway Postgres cluster for tests: initdb in a temp dir, started on a free port by
 * pg_ctl, removed on stop. As root it runs as the `postgres` user (initdb refuses root).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './process';
// @ts-expect-error -- a plain .mjs script shared with `npm test`
import { findPostgresBin } from '../../scripts/ensure-postgres.mjs';

export interface TestPostgres {
  url: string;
  stop(): void;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = (findPostgresBin as () => string | undefined)();
  if (!bin) {
    throw new Error('No Postgres server binaries: run `node scripts/ensure-postgres.mjs`.');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'console-pg-'));
  const root = process.getuid?.() === 0;
  let uid = 0;
  let gid = 0;
  if (root) {
    const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
    uid = Number(line[2]);
    gid = Number(line[3]);
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(path.join(bin, cmd), args, {
      stdio: 'pipe',
      ...(root ? { uid, gid } : {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * For one test file: a Postgres cluster started before its tests, and temporary directories;
 * all removed after them.
 */
export function postgresAndTempDirs(): {
  pgUrl: () => string;
  tempDir: (prefix: string) => string;
} {
  let pg: TestPostgres | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(() => {
    pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return {
    pgUrl: () => pg!.url,
    tempDir(prefix) {
      const d = mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
  };
}
