/**
 * `npm run bench` starts `npx vite preview`: npx runs vite as its own child, so stopping npx
 * alone left vite running. spawnGroup/stopGroup stop the grandchild too.
 */
import { describe, expect, it } from 'vitest';
import { spawnGroup, stopGroup } from '../../scripts/process-group.mjs';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a child with children of its own (npx → vite)', () => {
  it('is stopped with its grandchild', async () => {
    // A parent that starts a long-lived grandchild and prints its pid, like npx starting vite.
    const parent = spawnGroup(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
         console.log(c.pid);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const grandchild = await new Promise<number>((resolve) =>
      parent.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
    );
    expect(alive(grandchild)).toBe(true);
    await stopGroup(parent);
    expect(alive(parent.pid!)).toBe(false);
    expect(alive(grandchild)).toBe(false);
  });
});
