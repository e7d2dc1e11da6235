/**
 * The embedded store's directory takes one process at a time: a second server fails fast,
 * naming the first; `npm run user` refuses while a server has it open (nothing changes); a lock
 * left by a killed process is taken over, with a warning.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccountStore } from '../auth/accounts';
import { seedEmptyStore, serverEntryArgs } from '../test-support/prepared';
import { launchServer } from '../test-support/process';
import { DataDirInUseError, lockDataDir } from './data-dir-lock';
import { openPglite } from './database';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'console-lock-'));
  dirs.push(d);
  return seedEmptyStore(path.join(d, 'data'));
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs a server entry to its end: its exit code and everything it printed. */
function run(
  entry: 'main' | 'user',
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...serverEntryArgs(entry), ...args],
      { env: { ...process.env, LOG_LEVEL: 'info', ...env } },
      (error, out, err) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${out}\n${err}` }),
    );
    child.stdin!.end(stdin);
  });
}

describe('the embedded store directory lock', () => {
  it('a second server on the same DATA_DIR fails fast naming the first; the CLI refuses and changes nothing', async () => {
    const dataDir = tempDir();
    const first = await launchServer({ DATA_DIR: dataDir });
    try {
      const second = await run('main', [], { DATA_DIR: dataDir, PORT: '0' });
      expect(second.code).not.toBe(0);
      expect(second.out).toContain(
        `in use by another process of this console: pid ${first.child.pid}`,
      );

      const cli = await run(
        'user',
        ['add', 'carol', '--role', 'agent', '--password-stdin'],
        { DATA_DIR: dataDir, DATABASE_URL: '' },
        'a long enough passphrase\n',
      );
      expect(cli.code).toBe(2);
      expect(cli.out).toContain(`A server (pid ${first.child.pid}) has the embedded store`);
      expect(cli.out).toContain('nothing was changed');
      // The first server still answers.
      expect((await fetch(`${first.url}/api/health`)).ok).toBe(true);
    } finally {
      first.child.kill('SIGTERM');
      await new Promise((r) => first.child.once('exit', r));
    }
    // Stopped cleanly: the lock is gone, and carol was never added.
    const db = await openPglite(dataDir);
    try {
      expect(await createAccountStore(db).find('carol')).toBeUndefined();
    } finally {
      await db.close();
    }
  }, 120_000);

  it('a lock left by a process that died is taken over, and the opener is told', async () => {
    const dataDir = tempDir();
    const server = await launchServer({ DATA_DIR: dataDir });
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    const stale: number[] = [];
    const db = await openPglite(dataDir, (owner) => stale.push(owner.pid));
    try {
      expect(stale).toEqual([server.child.pid]);
      // Held now: another open (here, or in any process) is refused.
      expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    } finally {
      await db.close();
    }
    const again = lockDataDir(dataDir); // closed cleanly: nothing stale
    expect(again.recoveredFrom).toBeUndefined();
    again.release();
  }, 120_000);
});
