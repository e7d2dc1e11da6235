import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'console-queue-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/queue.ts', ...args],
      {
        env: {
          ...process.env,
          DATA_DIR: dir,
          DATABASE_URL: '',
          CONSOLE_MODE: 'real',
          DAILY_API_KEY: 'k',
        },
      },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

describe('npm run queue', () => {
  // Two processes only: each start (tsx, the embedded store) is seconds on a busy machine.
  it('adds a queue and lists it', { timeout: 120_000 }, async () => {
    const added = await cli([
      'add',
      'Support',
      '--numbers',
      '+14155550100',
      '--wrap-up',
      '30',
      '--strategy',
      'ring-all',
    ]);
    expect(added).toMatchObject({ code: 0, out: 'Created queue "Support".\n' });
    const listed = await cli(['list']);
    expect(listed.out).toBe('Support\tring-all\twrap-up 30 s\tnumbers: +14155550100\tmembers: -\n');
  });
});
