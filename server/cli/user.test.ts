import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccountStore } from '../auth/accounts';
import { verifyPassword } from '../auth/password';
import { openPglite } from '../store/database';
import { startTestServer } from '../test-support/harness';
import { seedEmptyStore } from '../test-support/prepared';
import { runCli } from '../test-support/cli';

const dir = seedEmptyStore(mkdtempSync(path.join(tmpdir(), 'console-cli-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], stdin = '') => runCli('user', args, dir, stdin);

describe('npm run user', () => {
  it('adds an account with a hashed password, refuses bad input, lists', async () => {
    const added = await cli(
      ['add', 'alice', '--role', 'admin', '--name', 'Alice A', '--password-stdin'],
      'a long enough passphrase\n',
    );
    expect(added).toMatchObject({ code: 0, out: 'Created admin "alice".\n' });
    expect(
      (
        await cli(
          ['add', 'alice', '--role', 'agent', '--password-stdin'],
          'a long enough passphrase\n',
        )
      ).err,
    ).toContain('Username "alice" is taken');
    expect((await cli(['add', 'bob', '--role', 'root'])).err).toContain(
      'Role: one of agent, supervisor, admin',
    );
    expect(
      (await cli(['add', 'bob', '--role', 'agent', '--password-stdin'], 'short\n')).err,
    ).toContain('Password: at least 12 characters');
    expect((await cli(['list'])).out).toBe('alice\tadmin\tAlice A\n');

    const db = await openPglite(dir);
    try {
      const alice = await createAccountStore(db).find('alice');
      expect(alice!.passwordHash).toMatch(/^scrypt\$/);
      expect(alice!.passwordHash).not.toContain('passphrase');
      expect(await verifyPassword('a long enough passphrase', alice!.passwordHash!)).toBe(true);
    } finally {
      await db.close();
    }
  }, 180_000);

  it('a real-mode start without an admin says how to create one', async () => {
    const s = await startTestServer({ CONSOLE_MODE: 'real', DAILY_API_KEY: 'real-key-for-test' });
    try {
      expect(s.logs.join('')).toContain('npm run user -- add <name> --role admin');
      // Real mode has no demo accounts and no one-click sign-in.
      const demo = await fetch(`${s.url}/api/auth/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"role":"agent"}',
      });
      expect(demo.status).toBe(404);
    } finally {
      await s.close();
    }
  });
});
