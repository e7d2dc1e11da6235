import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli';
import { seedEmptyStore } from '../test-support/prepared';

// A copy of the run's empty cluster: the first CLI start then skips PGlite's initdb.
const dir = seedEmptyStore(mkdtempSync(path.join(tmpdir(), 'console-queue-cli-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli('queue', args, dir);

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
