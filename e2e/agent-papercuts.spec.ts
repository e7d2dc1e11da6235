/**
 * Issue 19: the small things a new agent trips over, each read off the screen as an agent
 * would (roles and labels), with and without the console's server.
 */
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
  callRow,
  expect,
  joinSandbox,
  joinServerSandbox,
  sandboxDialIn,
  SERVER_URL,
  signInDemo,
  test,
} from './fixtures';
import {
  callsOf,
  dialOutViaUi,
  fastSandbox,
  FAST,
  openRowAction,
  recentList,
  startDialOutViaUi,
  submitRowAction,
} from './actions';

/** A world of its own in the server's simulated cloud, so parallel tests never meet. */
const world = () => `e2e-${randomBytes(4).toString('hex')}`;

/** axe's serious and critical findings on the page (or in one part of it). */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Visually hidden the screen-reader way: a 1×1 px box, still in the accessibility tree. */
async function expectVisuallyHidden(locator: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const box = await locator.boundingBox();
      return box ? Math.max(box.width, box.height) : 'no box';
    })
    .toBeLessThanOrEqual(1);
}

test.describe('with the console server', () => {
  test.use({ baseURL: SERVER_URL });

  test('1: the status line is announced but not shown on the connect and sign-in screens', async ({
    page,
  }) => {
    await signInDemo(page);
    const status = page.getByRole('status', { name: 'Status' });
    await expect(status).toHaveText('Signed in as Demo Agent (agent).');
    await expectVisuallyHidden(status);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(status).toHaveText('Signed out.');
    await expectVisuallyHidden(status);
  });

  test('2: a signed-out first load logs no failed request; sign-in and connect pass axe', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in as demo agent' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    await page.getByRole('button', { name: 'Sign in as demo agent' }).click();
    await expect(page.getByRole('group', { name: 'Room' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('1: the admin screen shows no stray status line and passes axe', async ({ page }) => {
    await signInDemo(page, '', 'admin');
    await page.getByRole('button', { name: 'Accounts' }).click();
    await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
    await expectVisuallyHidden(page.getByRole('status', { name: 'Status' }));
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('3a: signed in, the console header signs out (leaving the room)', async ({ page }) => {
    await joinServerSandbox(page, `?world=${world()}`);
    const header = page.getByRole('banner');
    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Status' })).toHaveText('Signed out.');
  });

  test('4: the connect screen offers the room this agent joined last', async ({ page }) => {
    await signInDemo(page, `?world=${world()}`);
    const rooms = page.getByRole('group', { name: 'Room' });
    // First visit: the first room is offered, not sales.
    await expect(rooms.getByRole('radio').first()).toBeChecked();
    await expect(rooms.getByRole('radio', { name: /^sales/ })).not.toBeChecked();
    await rooms.getByRole('radio', { name: /^sales/ }).check();
    await page.waitForFunction(() => !!window.sandbox);
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByText('Sandbox room sales')).toBeVisible();
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.reload();
    await expect(rooms.getByRole('radio', { name: /^sales/ })).toBeChecked();
  });

  test('9: Recent transfers names an observed transfer by the row label, not the shared name', async ({
    page,
    newTab,
  }) => {
    const w = world();
    await joinServerSandbox(page, `?sandboxRoom=support&world=${w}&latency=30`);
    const b = await newTab();
    await joinServerSandbox(b, `?sandboxRoom=support&world=${w}`);
    await fastSandbox(page, 300);
    for (const from of ['+14155550101', '+14155550102']) {
      await sandboxDialIn(page, { kind: 'pstn', from, name: 'Caller' });
    }
    const label = 'Caller (+1 415 555 0101)';
    await expect(b.getByRole('button', { name: `Transfer ${label}` })).toBeVisible();
    await page.getByRole('button', { name: `Transfer ${label}` }).click();
    const dialog = page.getByRole('dialog', { name: `Transfer ${label}` });
    await dialog.getByLabel('Destination').fill('+12025550143');
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    const theirs = recentList(b).getByRole('listitem').filter({ hasText: 'started elsewhere' });
    await expect(theirs).toContainText(label);
    await expect(theirs).toContainText('Transferred');
  });
});

test('3b: Leave asks first while an action is in flight; Stay keeps the console', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  await fastSandbox(page, 60_000);
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:lee@sip.example.com', name: 'Lee' });
  await submitRowAction(page, 'Transfer', 'Lee', 'sip:queue@sip.example.com');
  await page.getByRole('button', { name: 'Leave' }).click();
  const confirm = page.getByRole('dialog', { name: 'Leave while calls are in progress?' });
  await expect(confirm.getByRole('list', { name: 'In progress' })).toContainText('Lee');
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  await confirm.getByRole('button', { name: 'Stay' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Leave' }).click();
  await confirm.getByRole('button', { name: 'Leave anyway' }).click();
  await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
});

test('5: a PSTN row says why there is no Refer once, as the button description, with no standing link', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Pat' });
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:sue@sip.example.com', name: 'Sue' });
  const row = callRow(page, 'Pat');
  const refer = row.getByRole('button', { name: 'Refer Pat' });
  await expect(refer).toBeDisabled();
  await expect(refer).toHaveAccessibleDescription(/^Refer needs a SIP caller/);
  await expect(row.getByRole('button', { name: /Transfer instead/ })).toHaveCount(0);
  await expectVisuallyHidden(row.getByText(/^Refer needs a SIP caller/));
  const dialog = await openRowAction(page, 'Refer', 'Sue');
  await expect(dialog).toHaveAccessibleDescription(/Refer needs a SIP caller/);
});

test('6: the transfer dialog asks for a country only for phone numbers and says why a room has no caller ID', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Rio' });
  const dialog = await openRowAction(page, 'Transfer', 'Rio');
  const country = dialog.getByLabel('Country for national numbers');
  await expect(country).toBeVisible();
  await dialog.getByLabel('Destination').fill('sip:room-b@example.sip.daily.co');
  await expect(dialog.getByText("Another Daily room's SIP address")).toBeVisible();
  await expect(country).toHaveCount(0);
  await expect(dialog.getByText(/^No caller ID for a room transfer/)).toContainText(
    'only for calls to phone numbers',
  );
  await expect(dialog.getByLabel('Caller ID (optional)')).toHaveCount(0);
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  await dialog.getByLabel('Destination').fill('+12125550100');
  await expect(country).toBeVisible();
  await expect(dialog.getByLabel('Caller ID (optional)')).toBeVisible();
  await expect(dialog.getByText(/^No caller ID/)).toHaveCount(0);
});

test('7: a new dial-out is brought into view, says Answered once, and an unnamed one reads as a formatted number', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  for (let i = 0; i < 8; i++) {
    await sandboxDialIn(page, { kind: 'pstn', from: `+1415555011${i}`, name: `Queue ${i}` });
  }
  await expect(page.getByRole('heading', { name: 'Calls (8)' })).toBeVisible();
  await startDialOutViaUi(page, '+12125550166', '');
  const row = page.getByRole('listitem', { name: '+1 212 555 0166, PSTN · dial-out' });
  await expect(row).toBeInViewport();
  await expect(row).toContainText('Answered');
  await expect(row.getByText('Answered', { exact: true })).toHaveCount(1);
  await expect(row.getByRole('button', { name: 'Transfer +1 212 555 0166' })).toBeVisible();
});

test('8: a failed transfer offers Retry, which re-opens the dialog with the same destination', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  await fastSandbox(page);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Rex' });
  await page.evaluate(() =>
    window.sandbox!.failNext('sipCallTransfer', 'Transfer refused: 403 Forbidden'),
  );
  await submitRowAction(page, 'Transfer', 'Rex', 'sip:desk@sip.example.com');
  const row = callRow(page, 'Rex');
  await expect(row).toContainText('Transfer refused: 403 Forbidden');
  await row.getByRole('button', { name: 'Retry transfer of Rex' }).click();
  const again = page.getByRole('dialog', { name: 'Transfer Rex' });
  await expect(again.getByLabel('Destination')).toHaveValue('sip:desk@sip.example.com');
  await again.getByRole('button', { name: 'Transfer', exact: true }).click();
  // The retry went out to the same place, and this time the caller moved.
  await expect(row).toHaveCount(0);
  const [first, second] = (await callsOf(page, 'sipCallTransfer')).map((c) => c.args[0]);
  expect(second).toEqual(first);
  expect(second).toMatchObject({ toEndPoint: 'sip:desk@sip.example.com' });
});

test('10: each keypad key sends its tone at once; the field still sends a pasted sequence', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  const id = await dialOutViaUi(page, '+12125550100', 'Ivr');
  const dialog = await openRowAction(page, 'Keypad', 'Ivr');
  const sent = dialog.getByRole('list', { name: 'Sent tones' });
  await dialog.getByRole('button', { name: 'Key 1' }).click();
  await expect(sent).toContainText('1 — sent');
  await dialog.getByRole('button', { name: 'Key #' }).click();
  await expect(sent.getByRole('listitem')).toHaveText(['1 — sent', '# — sent']);
  await expect(dialog.getByLabel('Tones', { exact: true })).toHaveValue('');
  await dialog.getByLabel('Tones', { exact: true }).fill('4321');
  await dialog.getByRole('button', { name: 'Send tones' }).click();
  await expect(sent).toContainText('4321 — sent');
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  expect((await callsOf(page, 'sendDTMF')).map((c) => c.args[0])).toEqual([
    { sessionId: id, tones: '1' },
    { sessionId: id, tones: '#' },
    { sessionId: id, tones: '4321' },
  ]);
});
