import type { Page } from '@playwright/test';
import type { SandboxBehaviour } from '../src/sandbox/sandbox-behaviour';
import { callRow, expect, sandboxCalls } from './fixtures';

/** A quick sandbox: 60 ms round trips, dial-outs answered after 100 ms of ringing. */
export const FAST = '?latency=60&ring=100';

/** Sets a short transfer delay so event sequences finish quickly but still asynchronously. */
export async function fastSandbox(page: Page, transferDelayMs = 300): Promise<void> {
  await page.evaluate((ms) => window.sandbox!.setTransferDelay(ms), transferDelayMs);
}

/** Starts a dial-out through the dialog, without waiting for its outcome. */
export async function startDialOutViaUi(page: Page, destination: string, displayName: string) {
  await page.getByRole('button', { name: 'Dial out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Dial out' });
  await dialog.getByLabel('Destination').fill(destination);
  await dialog.getByLabel('Display name (optional)').fill(displayName);
  await dialog.getByRole('button', { name: 'Call' }).click();
  await expect(dialog).toBeHidden();
}

/** Dials out through the UI and waits until the new leg is answered; returns its session id. */
export async function dialOutViaUi(
  page: Page,
  destination: string,
  displayName: string,
): Promise<string> {
  await startDialOutViaUi(page, destination, displayName);
  const row = callRow(page, displayName);
  await expect(row).toContainText('Answered');
  const calls = await sandboxCalls(page);
  const events = await page.evaluate(() => window.sandbox!.events());
  const joined = events.filter(
    (e) =>
      e.action === 'participant-joined' &&
      (e.participant as { user_name?: string }).user_name === displayName,
  );
  expect(calls.some((c) => c.method === 'startDialOut')).toBe(true);
  const id = (joined.at(-1)?.participant as { session_id: string } | undefined)?.session_id;
  if (!id) throw new Error(`no participant-joined for ${displayName}`);
  return id;
}

/**
 * Opens a row's action dialog by its accessible name ("Transfer Alice").
 *
 * Rows are absolutely positioned: when another caller leaves, the rows below move up. If that
 * happens between Playwright's mouse press and release (it checks the hit target on the press
 * only), the release lands on another row and the browser fires no click at all — the same
 * thing a person would get. So the press is repeated until the dialog is open; a button that
 * never opens its dialog still fails the test.
 */
export async function openRowAction(page: Page, action: string, name: string) {
  const button = callRow(page, name).getByRole('button', {
    name: `${action} ${name}`,
    exact: true,
  });
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${action}`) });
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click({ timeout: 2_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  return dialog;
}

/** The SDK calls of one method, as recorded by the sandbox. */
export async function callsOf(page: Page, method: string) {
  return (await sandboxCalls(page)).filter((c) => c.method === method);
}

/** The console's event log, newest first. */
export function eventLog(page: Page) {
  return page.getByRole('list', { name: 'Events, newest first' });
}

/** The event log filtered to Daily's webhooks. */
export async function webhookLog(page: Page) {
  await page.getByLabel('Kind').selectOption({ label: "Daily's webhooks" });
  return eventLog(page);
}

export function recentList(page: Page) {
  return page.getByRole('list', { name: 'Recent transfers' });
}

/** The `&behaviour=key:value,…` URL option for a sandbox behaviour (empty for none). */
export function behaviourQuery(b: Partial<SandboxBehaviour>): string {
  const pairs = Object.entries(b).map(([k, v]) => `${k}:${String(v)}`);
  return pairs.length ? `&behaviour=${pairs.join(',')}` : '';
}

/** Transfers or refers a row's leg through its dialog; resolves once the dialog closed. */
export async function submitRowAction(
  page: Page,
  action: 'Transfer' | 'Refer',
  name: string,
  destination: string,
) {
  const dialog = await openRowAction(page, action, name);
  await dialog.getByLabel('Destination').fill(destination);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** A SIP caller whose originating system does not accept REFER; returns its session id. */
export async function sipCallerRefusingRefer(page: Page, name: string, from: string) {
  const id = await page.evaluate((o) => window.sandbox!.dialIn(o), {
    kind: 'sip' as const,
    from,
    name,
  });
  await page.evaluate((s) => window.sandbox!.setReferSupport(s, false), id);
  return id;
}
