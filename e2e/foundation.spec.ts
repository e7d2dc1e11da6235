import AxeBuilder from '@axe-core/playwright';
import {
  callList,
  callRow,
  expect,
  joinSandbox,
  sandboxDialIn,
  sandboxEvents,
  test,
} from './fixtures';
import { eventLog } from './actions';

test('joins the sandbox by default and explains the empty state', async ({ page }) => {
  await joinSandbox(page);
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible();
  await expect(page.getByText('No phone calls yet.')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(/^Joined\./);
  await expect(page.getByText(/Simulate incoming PSTN call/).first()).toBeVisible();
  const actions = (await sandboxEvents(page)).map((e) => e.action);
  expect(actions.slice(0, 2)).toEqual(['joining-meeting', 'joined-meeting']);
});

test('a PSTN dial-in from the panel shows kind, number and a running timer', async ({ page }) => {
  await joinSandbox(page);
  const panel = page.getByRole('form', { name: 'Simulate incoming PSTN call' });
  await panel.getByLabel('Caller number').fill('+14155550123');
  await panel.getByLabel('Caller name').fill('Alice Caller');
  await panel.getByRole('button', { name: 'Simulate incoming PSTN call' }).click();
  const row = callRow(page, 'Alice Caller');
  await expect(row).toContainText('PSTN · dial-in');
  await expect(row).toContainText('+1 415 555 0123');
  await expect(row).toContainText('Connected');
  const timer = row.getByLabel('Call duration');
  await expect(timer).toHaveText(/^0:0\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '');
});

test('a SIP dial-in from the panel shows the SIP URI', async ({ page }) => {
  await joinSandbox(page);
  const panel = page.getByRole('form', { name: 'Simulate incoming SIP call' });
  await panel.getByLabel('Caller SIP URI').fill('sip:ivr@sip.example.com');
  await panel.getByLabel('Caller name').fill('Front-door IVR');
  await panel.getByRole('button', { name: 'Simulate incoming SIP call' }).click();
  const row = callRow(page, 'Front-door IVR');
  await expect(row).toContainText('SIP · dial-in');
  await expect(row).toContainText('sip:ivr@sip.example.com');
});

test('bad panel input gets a message and adds no call', async ({ page }) => {
  await joinSandbox(page);
  const panel = page.getByRole('form', { name: 'Simulate incoming PSTN call' });
  await panel.getByLabel('Caller number').fill('555-CALL');
  await panel.getByRole('button', { name: 'Simulate incoming PSTN call' }).click();
  await expect(panel.getByLabel('Caller number')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('No phone calls yet.')).toBeVisible();
});

test('window.sandbox dial-ins appear live; a far-end hang-up removes the row and logs dialin-stopped', async ({
  page,
}) => {
  await joinSandbox(page);
  const pstn = await sandboxDialIn(page, { kind: 'pstn', from: '+442079460958', name: 'Bob' });
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:carol@sip.example.com', name: 'Carol' });
  await expect(callRow(page, 'Bob')).toContainText('+44 20 7946 0958');
  await expect(callRow(page, 'Carol')).toContainText('SIP · dial-in');
  await expect(page.getByRole('heading', { name: /Calls/ })).toContainText('(2)');

  await page.evaluate((id) => window.sandbox!.hangUp(id), pstn);
  await expect(callRow(page, 'Bob')).toHaveCount(0);
  await expect(callRow(page, 'Carol')).toHaveCount(1);
  const log = eventLog(page);
  await expect(log.getByRole('listitem').filter({ hasText: 'dialin-stopped' })).toHaveCount(1);
  const actions = (await sandboxEvents(page)).map((e) => e.action);
  expect(actions.lastIndexOf('dialin-stopped')).toBeGreaterThan(
    actions.lastIndexOf('participant-left') - 1,
  );
});

test('a caller named with markup renders as text', async ({ page }) => {
  await joinSandbox(page);
  const evil = '<img src=x onerror=alert(1)>';
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: evil });
  await expect(callRow(page, evil)).toHaveCount(1);
  await expect(callList(page).locator('img')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('1,000 participants keep a bounded list DOM and stay reachable by scrolling', async ({
  page,
}) => {
  await joinSandbox(page);
  await page.evaluate(() => window.sandbox!.addParticipants(1000));
  await expect(page.getByRole('heading', { name: /Calls/ })).toContainText('(1000)');
  // The list fills the window's height: it renders the rows that fit (92 px each) and two
  // more either side, whatever the number of participants.
  const dom = () =>
    callList(page).evaluate((el) => ({
      nodes: el.querySelectorAll('*').length,
      rows: el.children.length,
      fit: Math.ceil(el.parentElement!.clientHeight / 92),
    }));
  const before = await dom();
  expect(before.rows).toBeGreaterThan(1);
  expect(before.rows).toBeLessThanOrEqual(before.fit + 4);
  expect(before.nodes).toBeLessThanOrEqual(before.rows * 25);
  await callList(page).evaluate((el) => el.parentElement!.scrollTo(0, el.scrollHeight));
  await expect(callRow(page, 'Caller 1000')).toBeVisible();
  const after = await dom();
  expect(after.rows).toBeLessThanOrEqual(after.fit + 4);
  expect(after.nodes).toBeLessThanOrEqual(after.rows * 25);
});

test('"Show everyone" lists web participants too, including another agent', async ({ page }) => {
  await joinSandbox(page);
  await page.getByRole('button', { name: 'Another agent joins' }).click();
  await expect(page.getByText('No phone calls yet.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Show everyone' }).check();
  await expect(callRow(page, 'Second agent')).toContainText('Web');
  await expect(callRow(page, /\(you\)/)).toHaveCount(1);
});

test('without owner or admin rights the console says telephony is unavailable', async ({
  page,
}) => {
  await joinSandbox(page, '?role=participant');
  await expect(page.getByRole('note', { name: 'Permissions' })).toContainText(
    'Telephony actions are unavailable',
  );
});

test('leaving returns to the connect screen and a rejoin works', async ({ page }) => {
  await joinSandbox(page);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Dora' });
  await expect(callRow(page, 'Dora')).toHaveCount(1);
  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText('No phone calls yet.')).toBeVisible();
});

test('accessibility: connect screen and console have no serious or critical axe violations', async ({
  page,
}) => {
  await page.goto('/');
  await page.waitForFunction(() => !!window.sandbox);
  const serious = (r: { violations: { impact?: string | null; id: string }[] }) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${JSON.stringify((v as { nodes?: { target: unknown }[] }).nodes?.map((n) => n.target))}`,
      );
  expect(serious(await new AxeBuilder({ page }).analyze())).toEqual([]);
  await page.getByRole('radio', { name: /real Daily room/ }).check();
  expect(serious(await new AxeBuilder({ page }).analyze())).toEqual([]);
  await page.getByRole('radio', { name: /Sandbox room/ }).check();
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Erin' });
  await expect(callRow(page, 'Erin')).toHaveCount(1);
  expect(serious(await new AxeBuilder({ page }).analyze())).toEqual([]);
  // The transfer dialog, with a recognised phone number (phone options and cost notice shown).
  await callRow(page, 'Erin').getByRole('button', { name: 'Transfer Erin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Transfer Erin' });
  await dialog.getByLabel('Destination').fill('+12125550100');
  await expect(dialog.getByLabel('Caller ID (optional)')).toBeVisible();
  expect(serious(await new AxeBuilder({ page }).include('[role="dialog"]').analyze())).toEqual([]);
});
