/**
 * Issue 18 item 5 and issue 19 item 4b: a workspace built for speed. A keyboard-only agent
 * finds and transfers a caller with the shortcuts; focus lands somewhere sensible after every
 * action; the list searches by name or number; the screen works on a phone, in the dark, and
 * in a 900-pixel-high window; the event log searches, expands and exports what it shows; the
 * connect screen says what is live in each room.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { callList, callRow, expect, joinSandbox, sandboxDialIn, test } from './fixtures';
import { joinServerSandbox, SERVER_URL, signInDemo } from './fixtures';
import { callsOf, eventLog, fastSandbox, FAST } from './actions';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Every box inside `outer` (whole pixels, a sub-pixel of rounding allowed). */
async function expectInside(inner: Locator, outer: Locator): Promise<void> {
  const o = (await outer.boundingBox())!;
  for (const box of await Promise.all((await inner.all()).map((l) => l.boundingBox()))) {
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(o.x - 1);
    expect(box!.x + box!.width).toBeLessThanOrEqual(o.x + o.width + 1);
    expect(box!.y + box!.height).toBeLessThanOrEqual(o.y + o.height + 1);
  }
}

/** Presses keys one by one and counts them (a typed character is one key). */
function keyCounter(page: Page) {
  let count = 0;
  return {
    async press(key: string, times = 1) {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      count += times;
    },
    async type(text: string) {
      await page.keyboard.type(text);
      count += text.length;
    },
    get count() {
      return count;
    },
  };
}

test('a keyboard-only agent transfers the 30th of 33 callers in 18 keys; focus follows', async ({
  page,
}) => {
  await joinSandbox(page, FAST, { panel: false });
  // The sandbox panel starts collapsed: no tab stops or height of the agent's spent on it.
  await expect(page.getByRole('button', { name: 'Sandbox panel' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await expect(page.getByRole('form', { name: 'Simulate incoming PSTN call' })).toBeHidden();
  await fastSandbox(page);
  await page.evaluate(() => window.sandbox!.addParticipants(33));
  await expect(page.getByRole('heading', { name: 'Calls (33)' })).toBeVisible();
  // The list fills the height: far more than the 4½ rows of the old fixed box.
  const listBox = (await callList(page).locator('..').boundingBox())!;
  expect(listBox.height).toBeGreaterThan(0.7 * page.viewportSize()!.height - 150);

  const keys = keyCounter(page);
  await keys.press('End');
  await keys.press('k', 3);
  const thirtieth = callList(page).getByRole('listitem', { name: /^Caller 0030,/ });
  await expect(thirtieth).toBeFocused();
  await keys.press('t');
  const dialog = page.getByRole('dialog', { name: 'Transfer Caller 0030' });
  await expect(dialog.getByLabel('Destination')).toBeFocused();
  await keys.type('+12025550143');
  await keys.press('Enter');
  await expect(dialog).toBeHidden();
  // Before: 137 keys (116 of them Tab). Now End, k×3, t, twelve digits, Enter.
  expect(keys.count).toBe(18);
  const id = await thirtieth.getAttribute('data-session-id');
  expect((await callsOf(page, 'sipCallTransfer')).map((c) => c.args[0])).toEqual([
    expect.objectContaining({ sessionId: id, toEndPoint: '+12025550143' }),
  ]);
  // The dialog gave focus back to the row; once the caller has left, the next row has it.
  const next = callList(page).getByRole('listitem', { name: /^Caller 0031,/ });
  await expect(thirtieth).toHaveCount(0);
  await expect(next).toBeFocused();
  // Hang up asks first; Escape returns to the row, which still has the shortcuts' selection.
  await page.keyboard.press('h');
  const hangUp = page.getByRole('dialog', { name: /^Hang up Caller 0031/ });
  await expect(hangUp).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(hangUp).toBeHidden();
  await expect(next).toBeFocused();
});

test('shortcuts never fire while typing or with a dialog open; help, search, skip link, newest', async ({
  page,
}) => {
  await joinSandbox(page, FAST, { panel: false });
  await sandboxDialIn(page, { kind: 'pstn', from: '+442079460958', name: 'Bob' });
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:sue@sip.example.com', name: 'Sue' });
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Beth' });
  await expect(callRow(page, 'Beth')).toContainText('Newest');
  await expect(callRow(page, 'Bob')).not.toContainText('Newest');

  // The skip link is the first stop and lands in the call list.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to calls' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#calls')).toBeFocused();

  // `/` goes to the search; "Beth" has a t and an h, and neither opens a dialog.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search calls' });
  await expect(search).toBeFocused();
  await page.keyboard.type('Beth');
  await expect(search).toHaveValue('Beth');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(callList(page).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(callRow(page, 'Beth')).toBeFocused();
  // Refer on a phone caller is not possible: the key says why instead of opening anything.
  await page.keyboard.press('r');
  await expect(page.getByRole('status', { name: 'Status' })).toContainText(
    'Refer Beth: Refer needs a SIP caller',
  );
  await page.keyboard.press('a');
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText(
    'No call is being offered to you.',
  );
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // By number, however it is written.
  await search.fill('020 7946 0958');
  await expect(callList(page).getByRole('listitem')).toHaveCount(1);
  await expect(callRow(page, 'Bob')).toHaveCount(1);
  await search.fill('');
  await expect(callList(page).getByRole('listitem')).toHaveCount(3);

  // `?` lists the shortcuts; with that dialog open, `t` does nothing.
  await callRow(page, 'Sue').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const rows = help.getByRole('row');
  for (const does of ['Next call', 'Transfer the selected call', 'Hang up', 'Accept the call']) {
    await expect(rows.filter({ hasText: does })).toHaveCount(1);
  }
  await page.keyboard.press('t');
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Back on Sue, `t` now opens her transfer; typing t and h in it stays in the field.
  await expect(callRow(page, 'Sue')).toBeFocused();
  await page.keyboard.press('t');
  const transfer = page.getByRole('dialog', { name: 'Transfer Sue' });
  await expect(transfer.getByLabel('Destination')).toBeFocused();
  await page.keyboard.type('sip:th@pbx.example.com');
  await expect(transfer.getByLabel('Destination')).toHaveValue('sip:th@pbx.example.com');
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(callRow(page, 'Sue')).toBeFocused();
  expect(await callsOf(page, 'sipCallTransfer')).toEqual([]);
});

test('a phone-sized screen shows names and numbers with 44-px targets; long statuses keep buttons in the row; dialogs fit 900 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await joinSandbox(page, FAST, { panel: false });
  await fastSandbox(page);
  await sandboxDialIn(page, {
    kind: 'pstn',
    from: '+442079460958',
    name: 'Maximiliana Wolfeschlegelsteinhausen',
  });
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Ann' });
  const row = callRow(page, 'Maximiliana');
  await expect(row.getByText('Maximiliana')).toBeInViewport();
  await expect(row.getByText('+44 20 7946 0958')).toBeInViewport();
  await expect(callRow(page, 'Ann').getByText('+1 415 555 0100')).toBeInViewport();
  for (const target of await page
    .getByRole('main')
    // A checkbox's target is its label.
    .locator('button, input:not([type=checkbox]), select, label:has([type=checkbox])')
    .filter({ visible: true })
    .all()) {
    const box = (await target.boundingBox())!;
    const name = (await target.getAttribute('aria-label')) ?? (await target.textContent());
    expect(Math.min(box.width, box.height), `${name}`).toBeGreaterThanOrEqual(44);
  }
  await expectInside(row.getByRole('button'), row);

  // A failure with a long message: the status truncates, the buttons stay in the row.
  await page.setViewportSize({ width: 1280, height: 900 });
  const reason = `Transfer refused: ${'the far end said no, '.repeat(12)}`;
  await page.evaluate((r) => window.sandbox!.failNext('sipCallTransfer', r), reason);
  await row.getByRole('button', { name: /^Transfer Maximiliana/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Transfer Maximiliana/ });
  await dialog.getByLabel('Destination').fill('+12125550100');
  // The tallest dialog (phone options, caller ID, cost) fits a 900-px window, buttons in view.
  await expect(dialog.getByLabel('Caller ID (optional)')).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(900);
  await expect(dialog.getByRole('button', { name: 'Transfer', exact: true })).toBeInViewport({
    ratio: 1,
  });
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(row).toContainText('Transfer refused');
  await expectInside(row.getByRole('button'), row);
  await expect(row.getByRole('button', { name: /^Retry transfer/ })).toBeInViewport({ ratio: 1 });
});

test('the dark colour scheme renders dark and passes axe, a dialog too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await joinSandbox(page, FAST);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Nox' });
  await expect(callRow(page, 'Nox')).toContainText('Connected');
  const [body, list] = await Promise.all([
    page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    callList(page).evaluate((el) => getComputedStyle(el.parentElement!).backgroundColor),
  ]);
  // Dark surfaces: the page and the list's background near black.
  for (const colour of [body, list]) {
    expect(await page.evaluate(luminanceOf, colour), colour).toBeLessThan(0.1);
  }
  expect(await seriousViolations(page)).toEqual([]);
  await callRow(page, 'Nox').getByRole('button', { name: 'Transfer Nox' }).click();
  await page.getByRole('dialog', { name: 'Transfer Nox' }).getByLabel('Destination').fill('+1212');
  expect(await seriousViolations(page)).toEqual([]);
});

/** Relative luminance (0 black … 1 white) of a CSS colour, computed by the browser's canvas. */
function luminanceOf(colour: string): number {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d')!;
  // White first: a colour the canvas cannot parse leaves it white, and the check fails.
  ctx.fillStyle = '#fff';
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = Array.from(ctx.getImageData(0, 0, 1, 1).data).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

test('the event log searches (a leg by name too), expands a row to its payload, and exports what it shows', async ({
  page,
}) => {
  await joinSandbox(page, FAST, { panel: false });
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550101', name: 'Bob' });
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:carol@sip.example.com', name: 'Carol' });
  const log = eventLog(page);
  await expect(log.getByRole('listitem').filter({ hasText: 'dialin-connected' })).toHaveCount(2);

  const search = page.getByRole('searchbox', { name: 'Search the log' });
  // A leg's name finds all its events, those that carry no name (dialin-connected) included.
  await search.fill('bob');
  await expect(log.getByRole('listitem').filter({ hasText: 'participant-joined' })).toHaveCount(1);
  await expect(log.getByRole('listitem').filter({ hasText: 'dialin-connected' })).toHaveCount(1);
  await expect(log.getByRole('listitem').filter({ hasText: 'Carol' })).toHaveCount(0);
  // Kind and search together.
  await page.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('dialin');
  await expect(log.getByRole('listitem')).toHaveCount(1);
  const row = log.getByRole('listitem').filter({ hasText: 'dialin-connected' });
  await expect(row).toContainText('+14155550101');

  // Expand: the payload as JSON; collapse again.
  const toggle = row.getByRole('button');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const payload = row.getByLabel('Payload of dialin-connected');
  await expect(payload).toContainText('"sipFrom"');
  await expect(payload).toContainText('+14155550101');
  await toggle.click();
  await expect(payload).toHaveCount(0);

  // Export writes what the filter shows, and says which filter.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await (await download).path();
  const json = JSON.parse(await readFile(file, 'utf8')) as {
    filter: { kind: string; search: string };
    events: { action: string; sessionId?: string }[];
  };
  expect(json.filter).toEqual({ kind: 'dialin', search: 'bob' });
  expect(json.events.map((e) => e.action)).toEqual(['dialin-connected']);

  // A search by payload text (a SIP address) with every kind.
  await page.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('all');
  await search.fill('carol@sip.example.com');
  await expect(log.getByRole('listitem').filter({ hasText: 'dialin-connected' })).toHaveCount(1);
  await expect(log.getByRole('listitem').filter({ hasText: '+14155550101' })).toHaveCount(0);
});

test.describe('with the console server', () => {
  test.use({ baseURL: SERVER_URL });

  test('the connect screen shows callers and agents live in each room', async ({
    page,
    newTab,
  }) => {
    const world = `e2e-${randomBytes(4).toString('hex')}`;
    await joinServerSandbox(page, `?sandboxRoom=support&world=${world}&latency=30`, '', {
      panel: false,
    });
    const first = await sandboxDialIn(page, { kind: 'pstn', from: '+14155550101', name: 'Ida' });
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550102', name: 'Jo' });
    await expect(page.getByRole('heading', { name: 'Calls (2)' })).toBeVisible();

    const other = await newTab();
    await signInDemo(other, `?world=${world}`);
    const rooms = other.getByRole('group', { name: 'Room' });
    const support = rooms.getByRole('radio', { name: /^support/ });
    await expect(support).toHaveAccessibleName(/2 callers · 1 agent/);
    await expect(rooms.getByRole('radio', { name: /^sales/ })).toHaveAccessibleName(/No callers/);
    expect(await seriousViolations(other)).toEqual([]);
    // Live: a caller hangs up and the count follows, without a reload.
    await page.evaluate((id) => window.sandbox!.hangUp(id), first);
    await expect(support).toHaveAccessibleName(/1 caller · 1 agent/);
  });
});
