/**
 * With the console's server: the sandbox's webhooks go through the real route (signed,
 * verified, stored) and come back over the SSE stream into the console.
 */
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, callRow, joinServerSandbox, sandboxDialIn, SERVER_URL } from './fixtures';
import {
  behaviourQuery,
  eventLog,
  fastSandbox,
  recentList,
  submitRowAction,
  webhookLog,
} from './actions';
import { serverProcess } from './server-process';

test.use({ baseURL: SERVER_URL });

const uniqueRoom = () => `e2e-${randomBytes(4).toString('hex')}`;
const feed = (page: Page) => page.getByTestId('webhook-feed');

test("a transfer's calltransfer.* lifecycle arrives through the webhook route and the stream", async ({
  page,
}) => {
  const room = uniqueRoom();
  await joinServerSandbox(page, `?sandboxRoom=${room}&latency=30`);
  await expect(feed(page)).toContainText('Webhook feed live');
  await fastSandbox(page, 300);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Alice' });
  await expect(callRow(page, 'Alice')).toContainText('Connected');
  await submitRowAction(page, 'Transfer', 'Alice', '+14155550123');
  const item = recentList(page).getByRole('listitem').filter({ hasText: 'Alice' });
  await expect(item).toContainText('Transferred — answered by the target');
  await expect(item).toContainText('call completed', { timeout: 10_000 });
  // The event log shows the webhooks, marked as such.
  const log = await webhookLog(page);
  for (const stage of ['triggered', 'initiated', 'answered', 'completed']) {
    await expect(log.getByText(`webhook:calltransfer.${stage}`)).toHaveCount(1);
  }
  // And the server's projection says the same.
  const res = await page.request.get(`/api/rooms/${room}/transfers`);
  const { transfers } = (await res.json()) as {
    transfers: { outcome: string; to_endpoint: string }[];
  };
  expect(transfers).toEqual([
    expect.objectContaining({ outcome: 'completed', to_endpoint: '+14155550123' }),
  ]);
});

test('a caller whose dial event never reached this console gets its number from dialin.connected', async ({
  page,
}) => {
  const room = uniqueRoom();
  await joinServerSandbox(
    page,
    `?sandboxRoom=${room}&latency=30${behaviourQuery({ telephonyEvents: 'initiator-only' })}`,
  );
  await expect(feed(page)).toContainText('Webhook feed live');
  await sandboxDialIn(page, { kind: 'pstn', from: '+442071838750' });
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100' });
  // Both legs carry the room's dial-in name; only the webhook tells their numbers.
  await expect(callRow(page, '+44 20 7183 8750')).toHaveCount(1);
  await expect(callRow(page, '+1 415 555 0100')).toHaveCount(1);
  const sdkDialEvents = await page.evaluate(() =>
    window.sandbox!.events().filter((e) => e.action === 'dialin-connected'),
  );
  expect(sdkDialEvents).toEqual([]);
});

/** Records every text the live region announces from now on (it keeps only the latest). */
async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('[role="status"][aria-label="Status"]')!;
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
}

test('when its server (the simulated cloud) goes away the console keeps its calls, says what is unreachable, and reconnects by itself', async ({
  page,
}) => {
  // Three starts of a server process of its own (tsx, a fresh embedded store: a first start
  // alone took 27 s beside a full e2e run and other loads): a bound for a busy machine, not a
  // wait — every step below waits on what the page shows.
  test.setTimeout(240_000);
  const server = await serverProcess();
  await server.start();
  try {
    const room = uniqueRoom();
    // A short, fixed wait between reconnection attempts (the default grows to 30 s).
    await joinServerSandbox(page, `?sandboxRoom=${room}&latency=30&reconnectMs=500`, server.url);
    await expect(feed(page)).toContainText('Webhook feed live');
    // The console preloads its dialogs once joined; let that finish before the server goes.
    await page.waitForFunction(() =>
      ['call-controls-', 'transfer-', 'dial-out-'].every((chunk) =>
        performance.getEntriesByType('resource').some((e) => e.name.includes(`/assets/${chunk}`)),
      ),
    );
    // A transfer Daily accepted, whose caller has not left yet when the server goes.
    await fastSandbox(page, 600_000);
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Alice' });
    await expect(callRow(page, 'Alice')).toContainText('Connected');
    await submitRowAction(page, 'Transfer', 'Alice', '+14155550123');
    const alice = recentList(page).getByRole('listitem').filter({ hasText: 'Alice' });
    await expect(callRow(page, 'Alice')).toContainText(
      'Transfer accepted — waiting for the caller to leave',
    );
    const heard = await recordAnnouncements(page);
    await server.kill();

    // The console stays, names what is unreachable, and keeps the calls as last seen.
    const banner = page.getByRole('alert').filter({ hasText: "console's server" });
    await expect(banner).toContainText(
      "Can't reach the console's server — nor the simulated Daily it hosts",
    );
    await expect(banner).toContainText('The calls below are as last seen at');
    await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
    await expect(callRow(page, 'Alice')).toContainText('Connected');
    // What nobody observed is not a timeout: its outcome is unknown.
    await expect(alice).toContainText('Outcome unknown — connection lost');
    // Read-only: actions need the server, and say so.
    const transfer = callRow(page, 'Alice').getByRole('button', { name: 'Transfer Alice' });
    await expect(transfer).toBeDisabled();
    await expect(transfer).toHaveAccessibleDescription(/Can't reach the console's server/);
    await expect(page.getByRole('button', { name: 'Dial out', exact: true })).toBeDisabled();
    // When the next attempt is, and a way not to wait for it.
    await expect(
      page.getByText(/^(Next attempt in \d+ s \(\d+ attempts? so far\)\.|Reconnecting now…)$/),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try now' })).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .include('[aria-labelledby="server-link-title"]')
      .analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
      [],
    );
    // The webhook feed, fed by the same server, says it is reconnecting.
    await expect(feed(page)).toContainText('Webhook feed reconnecting');
    expect(await heard()).toContain('Alice: Outcome unknown — connection lost');

    await server.start();
    // Back by itself: no click. The restarted server's simulated Daily starts empty, so Alice
    // is gone with it; her transfer's outcome stays unknown.
    await expect(page.getByRole('button', { name: 'Try now' })).toBeHidden({ timeout: 60_000 });
    await expect(banner).toHaveCount(0);
    await expect(callRow(page, 'Alice')).toHaveCount(0);
    await expect(alice).toContainText('Outcome unknown — connection lost');
    expect(await heard()).toContain(
      "Reconnected to the console's server. Actions are available again.",
    );
    await expect(feed(page)).toContainText('Webhook feed live', { timeout: 20_000 });
    // And usable again.
    await fastSandbox(page, 300);
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Bob' });
    await expect(callRow(page, 'Bob')).toContainText('Connected');
    await submitRowAction(page, 'Transfer', 'Bob', '+14155550123');
    const bob = recentList(page).getByRole('listitem').filter({ hasText: 'Bob' });
    await expect(bob).toContainText('Transferred — answered by the target');

    // A dialog already open when the server goes: its submit waits, saying why at the dialog,
    // and works again once the server is back (the dialog and what was typed stay).
    await page.getByRole('button', { name: 'Dial out', exact: true }).click();
    const dialOut = page.getByRole('dialog', { name: 'Dial out' });
    const call = dialOut.getByRole('button', { name: 'Call', exact: true });
    await expect(call).toBeEnabled();
    await server.kill();
    await expect(call).toBeDisabled();
    await expect(call).toHaveAccessibleDescription(
      /^The console's server is unreachable — it hosts the simulated Daily/,
    );
    await server.start();
    await expect(call).toBeEnabled({ timeout: 30_000 });
    await expect(dialOut).not.toContainText("The console's server is unreachable");
    await dialOut.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await server.kill();
  }
});

// Issue 15: what Daily does not document, where only the webhooks tell the truth.
test('a transfer promise that rejects though Daily acted, webhooks after the SDK events, a busy target', async ({
  page,
}) => {
  const room = uniqueRoom();
  const behaviour = behaviourQuery({
    transferPromise: 'rejects-after-acting',
    webhookTiming: 'after',
    transferTarget: 'busy',
  });
  await joinServerSandbox(page, `?sandboxRoom=${room}&latency=30${behaviour}`);
  await expect(page.getByTestId('webhook-feed')).toContainText('Webhook feed live');
  await fastSandbox(page, 300);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550131', name: 'Rita' });
  await expect(callRow(page, 'Rita')).toContainText('Connected');
  await submitRowAction(page, 'Transfer', 'Rita', '+14155550132');
  const item = recentList(page)
    .getByRole('listitem')
    .filter({ hasText: 'Rita' })
    .filter({ hasText: 'Transfer' });
  // Daily's record (triggered, initiated, completed) outranks the rejected promise; a target
  // that never answered is never "answered".
  await expect(item).toContainText('Transferred — call ended');
  await expect(item).not.toContainText(/failed|answered|Timed out|hung up/i);
  // The promise did reject: the log says so, verbatim.
  await expect(
    eventLog(page)
      .getByRole('listitem')
      .filter({ hasText: 'sipCallTransfer() rejected: sipCallTransfer() was interrupted' }),
  ).toHaveCount(1);
});
