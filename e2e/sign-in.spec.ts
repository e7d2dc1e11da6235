/**
 * With the console's server: sign-in, rooms and caller IDs to pick, meeting tokens from the
 * server (nothing pasted), account administration, and Daily refusing the server.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, callRow, sandboxDialIn, SERVER_URL, signInDemo } from './fixtures';
import { callsOf, fastSandbox, openRowAction } from './actions';

test.use({ baseURL: SERVER_URL });

const SALES_LINE = '3b0e5c8a-1f2d-4c6b-9a7e-000000000002';

async function join(page: Page) {
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
}

test('demo agent: pick a room, transfer to another room from the list and to a phone with a picked caller ID — no token typed', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in as demo agent' }).click();
  await expect(page.getByText('Signed in as Demo Agent (agent)', { exact: true })).toBeVisible();
  // The domain's rooms, from the server's Daily client (the sandbox's REST double).
  const rooms = page.getByRole('group', { name: 'Room' });
  for (const name of ['support', 'sales', 'billing']) {
    await expect(rooms.getByRole('radio', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(page.getByLabel('Meeting token')).toBeHidden(); // only under "Advanced"
  await rooms.getByRole('radio', { name: /^support/ }).check();
  const minted = page.waitForResponse((r) => r.url().endsWith('/api/rooms/support/token'));
  await join(page);
  const { token } = (await (await minted).json()) as { token: string };
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(page.getByText('Sandbox room support')).toBeVisible();
  await fastSandbox(page, 300);

  // To another room, chosen from the list.
  const alice = await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Alice' });
  await expect(callRow(page, 'Alice')).toContainText('Connected');
  let dialog = await openRowAction(page, 'Transfer', 'Alice');
  const roomList = dialog.getByRole('list', { name: 'Rooms' });
  await expect(roomList.getByRole('button', { name: 'Room support' })).toHaveCount(0); // this room
  await dialog.getByLabel('Find a room').fill('sal');
  await roomList.getByRole('button', { name: 'Room sales' }).click();
  await expect(dialog.getByLabel('Destination')).toHaveValue('sip:sales@sandbox.sip.daily.co');
  await expect(
    dialog.getByText("Another Daily room's SIP address (sandbox.sip.daily.co)"),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(() => callsOf(page, 'sipCallTransfer'))
    .toEqual([
      {
        method: 'sipCallTransfer',
        args: [{ sessionId: alice, toEndPoint: 'sip:sales@sandbox.sip.daily.co' }],
      },
    ]);

  // To a phone number, with a caller ID picked from the domain's numbers.
  const bob = await sandboxDialIn(page, { kind: 'pstn', from: '+14155550101', name: 'Bob' });
  await expect(callRow(page, 'Bob')).toContainText('Connected');
  dialog = await openRowAction(page, 'Transfer', 'Bob');
  await dialog.getByLabel('Destination').fill('+1 415 555 0199');
  const callerId = dialog.getByLabel('Caller ID');
  await expect(callerId).toHaveAccessibleDescription(/Daily picks one of your numbers/);
  await callerId.selectOption({ label: '+1 415 555 0111 — Sales line' });
  await expect(callerId).toHaveAccessibleDescription(
    'The callee sees +1 415 555 0111 (Sales line).',
  );
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => (await callsOf(page, 'sipCallTransfer')).at(-1)?.args[0])
    .toEqual({ sessionId: bob, toEndPoint: '+14155550199', callerId: SALES_LINE });

  // The token the server minted is nowhere the page keeps things.
  const kept = await page.evaluate(() => [
    location.href,
    document.cookie,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
  ]);
  for (const place of kept) expect(place).not.toContain(token);
});

test('sign-in: empty fields and a wrong password are told at the field; sign out returns here', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription('Enter your username');
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.getByLabel('Username').fill('demo-agent');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
    'Wrong username or password',
  );
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByRole('button', { name: 'Sign in as demo supervisor' }).click();
  await expect(
    page.getByText('Signed in as Demo Supervisor (supervisor)', { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accounts' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Signed out.');
  // The old session is gone on the server too.
  expect((await page.request.get('/api/session')).status()).toBe(401);
});

test('an admin adds an account on the admin page; it signs in with its password', async ({
  page,
}) => {
  const username = `carol-${randomBytes(3).toString('hex')}`;
  await signInDemo(page, '', 'admin');
  await page.getByRole('button', { name: 'Accounts' }).click();
  const accounts = page.getByRole('list', { name: 'Accounts' });
  await expect(accounts.getByRole('button', { name: 'Disable demo-agent' })).toBeVisible();
  await page.getByLabel('New username').fill(username);
  await page.getByLabel('Display name').fill('Carol C');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByLabel('Initial password')).toHaveAccessibleDescription(
    /Password: at least 12 characters/,
  );
  await page.getByLabel('Initial password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(accounts.getByRole('button', { name: `Disable ${username}` })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Status' })).toContainText(
    `Account ${username} created (agent).`,
  );
  await accounts.getByRole('button', { name: `Sign ${username} out everywhere` }).click();
  await expect(page.getByRole('status', { name: 'Status' })).toContainText(
    `${username} signed out everywhere.`,
  );
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in as Carol C (agent)', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accounts' })).toHaveCount(0);
});

test("Daily refusing the server's token request is said at the room; the console stays usable", async ({
  page,
  browser,
  guard,
}) => {
  guard.allowConsoleErrors(); // the browser logs the refused token request (503) by itself
  const room = `e2e-${randomBytes(4).toString('hex')}`;
  // An admin makes the REST double answer this room's next token request with a 429.
  const admin = await browser.newContext({ baseURL: SERVER_URL });
  const demo = await admin.request.post('/api/auth/demo', {
    data: { role: 'admin' },
    headers: { origin: SERVER_URL },
  });
  expect(demo.status()).toBe(200);
  const fault = await admin.request.post('/api/sandbox/daily-faults', {
    data: { status: 429, retryAfterS: 30, times: 1, room },
    headers: { origin: SERVER_URL },
  });
  expect(fault.status()).toBe(200);
  await admin.close();

  await signInDemo(page, `?sandboxRoom=${room}`);
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Room' })).toHaveAccessibleDescription(
    'Getting a meeting token: Daily is rate-limiting this server; try again in 30 s',
  );
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
});

test('single sign-on: to the provider and back, signed in with the role its claim gives', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await expect(
    page.getByText('Signed in as Sky Supervisor (supervisor)', { exact: true }),
  ).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a single sign-on that did not complete is said on the sign-in screen', async ({ page }) => {
  await page.goto('/?sso=failed');
  await expect(page.getByRole('alert')).toHaveText(
    'Single sign-on did not complete. Try again, or sign in with your password.',
  );
  await page.goto('/api/auth/oidc/callback?code=forged&state=forged');
  await expect(page).toHaveURL(/\/\?sso=failed$/);
  await expect(page.getByRole('alert')).toContainText('Single sign-on did not complete');
});
