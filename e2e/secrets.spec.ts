/**
 * The Daily API key lives only on the server: not in the built console, not in anything the
 * server sends a signed-in console during a full sign-in → join → transfer → admin run.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect, callRow, sandboxDialIn, SERVER_URL, signInDemo } from './fixtures';
import { openRowAction } from './actions';
import { E2E_DAILY_API_KEY } from './secrets';

test.use({ baseURL: SERVER_URL });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test('the API key is in no file of the built console', () => {
  const built = files(path.resolve('dist'));
  expect(built.some((f) => f.endsWith('.js'))).toBe(true);
  for (const file of built) {
    expect(readFileSync(file).toString('latin1'), file).not.toContain(E2E_DAILY_API_KEY);
  }
});

test('the API key is in nothing the server answers a console, whatever the role', async ({
  page,
}) => {
  const reads: Promise<string>[] = [];
  page.on('requestfinished', (req) => {
    if (!req.url().startsWith(`${SERVER_URL}/api/`)) return;
    reads.push(
      (async () => {
        const res = await req.response();
        if (!res) return '';
        return `${req.url()} ${JSON.stringify(await res.allHeaders())} ${await res.text().catch(() => '')}`;
      })(),
    );
  });
  // A world of its own: the callers it leaves behind never meet another test (or a repeat).
  await signInDemo(page, `?world=e2e-${randomBytes(4).toString('hex')}`, 'admin');
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to rooms' }).click();
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Alice' });
  await expect(callRow(page, 'Alice')).toContainText('Connected');
  const dialog = await openRowAction(page, 'Transfer', 'Alice');
  await dialog.getByLabel('Destination').fill('+1 415 555 0199');
  await expect(dialog.getByRole('list', { name: 'Rooms' })).toBeVisible();
  await expect(dialog.getByLabel('Caller ID')).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const bodies = await Promise.all(reads);
  // Who is signed in (whoami: the console's session question), the rooms, the numbers, the
  // accounts and the token were all among them.
  for (const path of [
    '/api/auth/whoami',
    '/api/daily/rooms',
    '/api/daily/phone-numbers',
    '/api/admin/accounts',
    '/token',
  ]) {
    expect(
      bodies.some((b) => b.split(' ')[0]!.endsWith(path)),
      path,
    ).toBe(true);
  }
  expect(bodies.join('\n')).not.toContain(E2E_DAILY_API_KEY);
});
