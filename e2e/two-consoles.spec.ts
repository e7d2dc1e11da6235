/**
 * Two agents, two browser contexts, one simulated Daily cloud (the console's server in sandbox
 * mode). Each test has a world of its own (`?world=`), so parallel tests never meet.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { callRow, expect, joinServerSandbox, sandboxDialIn, SERVER_URL, test } from './fixtures';
import {
  fastSandbox,
  recentList,
  sipCallerRefusingRefer,
  startDialOutViaUi,
  submitRowAction,
  webhookLog,
} from './actions';

test.use({ baseURL: SERVER_URL });

const world = () => `e2e-${randomBytes(4).toString('hex')}`;

type NewTab = () => Promise<Page>;

/** A second agent in a tab (a session) of its own, held to the fixture's rules, joined. */
async function secondAgent(newTab: NewTab, query: string): Promise<Page> {
  const b = await newTab();
  await joinServerSandbox(b, query);
  return b;
}

const joined = (page: Page, name: string) => callRow(page, name);

/**
 * Agent A (the fixture's page) in `roomA` and agent B (a tab of its own) in `roomB`, both in a
 * fresh world; runs `body` with B's page.
 */
async function twoAgents(
  page: Page,
  newTab: NewTab,
  [roomA, roomB]: [string, string],
  body: (b: Page) => Promise<void>,
): Promise<void> {
  const w = world();
  await joinServerSandbox(page, `?sandboxRoom=${roomA}&world=${w}&latency=30`);
  await body(await secondAgent(newTab, `?sandboxRoom=${roomB}&world=${w}`));
}

// The longest test first: the last file's tests end the run, and this one ending it alone cost
// its length in wall time.
test('issue 15: a refused refer leaves Hang up and "Transfer instead" at hand; a console joining later replays it finished, at the time it happened', async ({
  page,
  newTab,
}) => {
  const w = world();
  await joinServerSandbox(page, `?sandboxRoom=support&world=${w}&latency=30`);
  await expect(page.getByTestId('webhook-feed')).toContainText('Webhook feed live');
  // The refusal (Daily's warning) comes a second after Daily accepted the refer.
  await fastSandbox(page, 1_000);
  await sipCallerRefusingRefer(page, 'Ivy', 'sip:ivy@sip.example.com');
  const row = callRow(page, 'Ivy');
  await expect(row).toContainText('Connected');
  await submitRowAction(page, 'Refer', 'Ivy', 'sip:desk@sip.elsewhere.com');
  // Pending, then warned: both said plainly, Transfer instead at once; Hang up never locked.
  await expect(row).toContainText('Warning from Daily: SIP REFER rejected');
  await expect(row).toContainText('it may yet complete');
  await expect(row.getByRole('button', { name: 'Transfer instead' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Hang up Ivy', exact: true })).toBeEnabled();
  await expect(row.getByRole('button', { name: 'Transfer Ivy', exact: true })).toBeEnabled();
  await expect(row).not.toContainText('no word');

  // Agent B joins now, at least a second after Daily accepted the refer, with one-second bounds.
  const joinAt = Date.now();
  const b = await secondAgent(newTab, `?sandboxRoom=support&world=${w}&actionTimeoutMs=1000`);
  const bRow = callRow(b, 'Ivy');
  await expect(bRow.getByRole('button', { name: 'Transfer Ivy', exact: true })).toBeEnabled();
  await expect(bRow.getByRole('button', { name: 'Hang up Ivy', exact: true })).toBeEnabled();
  const refer = recentList(b)
    .getByRole('listitem')
    .filter({ hasText: 'Ivy' })
    .filter({ hasText: 'Refer' });
  await expect(refer).toContainText('Not confirmed');
  await expect(refer).toContainText('started elsewhere');
  // Filed at the time it started, not at this console's join.
  const started = Date.parse((await refer.locator('time').first().getAttribute('datetime'))!);
  expect(started).toBeLessThanOrEqual(joinAt - 900);
  // The event log stamps the replayed webhook with when it happened.
  const log = await webhookLog(b);
  const triggered = log.getByRole('listitem').filter({ hasText: 'calltransfer.triggered' });
  const at = Date.parse((await triggered.locator('time').getAttribute('datetime'))!);
  expect(at).toBeLessThan(joinAt);

  // Agent A takes "Transfer instead"; Daily's webhooks now reach both well after the SDK's
  // leave events: B, which did not start it, must not wait for a caller already gone.
  await page.evaluate(() => window.sandbox!.setBehaviour({ webhookTiming: 'after' }));
  await row.getByRole('button', { name: 'Transfer instead' }).click();
  const dialog = page.getByRole('dialog', { name: /^Transfer/ });
  await expect(dialog.getByLabel('Destination')).toHaveValue('sip:desk@sip.elsewhere.com');
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  for (const p of [page, b]) {
    const moved = recentList(p)
      .getByRole('listitem')
      .filter({ hasText: 'Ivy' })
      .filter({ hasText: /Transfer\b/ });
    await expect(moved).toContainText('Transferred — answered by the target');
    await expect(moved).not.toContainText(/Timed out|hung up|failed/);
  }
});

test('both agents in a room see the same caller', async ({ page, newTab }) => {
  await twoAgents(page, newTab, ['support', 'support'], async (b) => {
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550123', name: 'Pat' });
    for (const p of [page, b]) {
      await expect(joined(p, 'Pat')).toContainText('Connected');
      await expect(joined(p, 'Pat')).toContainText('+1 415 555 0123');
    }
    // The sandbox panel of either console lists the one leg (it is the room's, not the tab's).
    await expect
      .poll(() => b.evaluate(() => window.sandbox!.telephonySessions().map((l) => l.name)))
      .toEqual(['Pat']);
  });
});

test('agent A transfers the caller; agent B sees it leave as transferred, not hung up', async ({
  page,
  newTab,
}) => {
  await twoAgents(page, newTab, ['support', 'support'], async (b) => {
    await fastSandbox(page, 300);
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550124', name: 'Quinn' });
    await expect(joined(b, 'Quinn')).toContainText('Connected');
    await submitRowAction(page, 'Transfer', 'Quinn', '+12025550143');
    const mine = recentList(page).getByRole('listitem').filter({ hasText: 'Quinn' });
    await expect(mine).toContainText('Transferred — answered by the target');
    // B did nothing: its console learns why the caller left from Daily's webhooks.
    await expect(joined(b, 'Quinn')).toHaveCount(0);
    const theirs = recentList(b).getByRole('listitem').filter({ hasText: 'Quinn' });
    await expect(theirs).toContainText('Transferred — answered by the target');
    await expect(theirs).toContainText('started elsewhere');
    await expect(theirs).not.toContainText(/hung up/i);
  });
});

test("a transfer from support to sales' SIP address arrives in sales, where agent B sees the caller's number", async ({
  page,
  newTab,
}) => {
  await twoAgents(page, newTab, ['support', 'sales'], async (b) => {
    await fastSandbox(page, 300);
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550177', name: 'Robin' });
    await expect(joined(page, 'Robin')).toContainText('Connected');
    await expect(joined(b, 'Robin')).toHaveCount(0);
    await submitRowAction(page, 'Transfer', 'Robin', 'sip:sales@sandbox.sip.daily.co');
    await expect(joined(page, 'Robin')).toHaveCount(0);
    // In sales: a new SIP dial-in leg carrying the caller's number.
    await expect(joined(b, 'Robin')).toContainText('Connected');
    await expect(joined(b, 'Robin')).toContainText('SIP · dial-in');
    await expect(joined(b, 'Robin')).toContainText('+1 415 555 0177');
    await expect
      .poll(() => b.evaluate(() => window.sandbox!.telephonySessions()))
      .toEqual([expect.objectContaining({ name: 'Robin', type: 'sip-dial-in' })]);
  });
});

test('a far-end hang-up is seen by both agents', async ({ page, newTab }) => {
  await twoAgents(page, newTab, ['support', 'support'], async (b) => {
    const id = await sandboxDialIn(page, { kind: 'sip', from: 'sip:kim@example.com', name: 'Kim' });
    for (const p of [page, b]) await expect(joined(p, 'Kim')).toContainText('Connected');
    await b.evaluate((s) => window.sandbox!.hangUp(s), id);
    for (const p of [page, b]) {
      await expect(joined(p, 'Kim')).toHaveCount(0);
      const stopped = await p.evaluate(
        (s) =>
          window
            .sandbox!.events()
            .filter((e) => e.action === 'dialin-stopped' && e.sessionId === s),
        id,
      );
      expect(stopped).toHaveLength(1);
    }
  });
});

test("agent A's dial-out joins the room for agent B too", async ({ page, newTab }) => {
  await twoAgents(page, newTab, ['billing', 'billing'], async (b) => {
    await startDialOutViaUi(page, '+12025550199', 'Supplier');
    for (const p of [page, b]) await expect(joined(p, 'Supplier')).toContainText('Answered');
  });
});

test('reset() closes the world: both agents are told the room closed and can join again', async ({
  page,
  newTab,
}) => {
  await twoAgents(page, newTab, ['support', 'support'], async (b) => {
    await sandboxDialIn(page, { kind: 'pstn', from: '+14155550125', name: 'Sam' });
    await page.evaluate(() => window.sandbox!.reset());
    for (const p of [page, b]) {
      await expect(p.getByRole('alert')).toContainText('The room closed');
    }
    await b.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
    await expect(b.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
    // A clean world: the caller from before the reset is gone.
    await expect(b.getByRole('list', { name: 'Calls' }).getByRole('listitem')).toHaveCount(0);
  });
});

test("the sandbox panel sends a call into another room; that room's agent sees it and hangs it up from the panel", async ({
  page,
  newTab,
}) => {
  await twoAgents(page, newTab, ['support', 'sales'], async (b) => {
    const form = page.getByRole('form', { name: 'Simulate incoming PSTN call' });
    await form.getByLabel('Caller number').fill('+14155550188');
    await form.getByLabel('Caller name').fill('Ash');
    await form.getByLabel('Into room').fill('sales');
    await form.getByRole('button', { name: 'Simulate incoming PSTN call' }).click();
    await expect(joined(b, 'Ash')).toContainText('Connected');
    await expect(joined(page, 'Ash')).toHaveCount(0);
    // B's panel lists the leg (the room's, pushed by the cloud) and hangs it up.
    const panel = b.getByRole('region', { name: 'Sandbox panel' });
    await expect(panel.getByLabel('Far-end leg')).toContainText('Ash');
    await panel.getByRole('button', { name: 'Far end hangs up' }).click();
    await expect(joined(b, 'Ash')).toHaveCount(0);
  });
});

test("agents in two worlds share a room's name but neither its callers nor its webhooks", async ({
  page,
  newTab,
}) => {
  // Each world is a cloud of its own: its `support` is another room, in the webhooks too.
  await joinServerSandbox(page, `?sandboxRoom=support&world=${world()}&latency=30`);
  const b = await secondAgent(newTab, `?sandboxRoom=support&world=${world()}&latency=30`);
  const liveWebhookLog = async (p: Page) => {
    await expect(p.getByTestId('webhook-feed')).toContainText('Webhook feed live');
    return webhookLog(p);
  };
  const [logA, logB] = [await liveWebhookLog(page), await liveWebhookLog(b)];
  await fastSandbox(page, 300);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550126', name: 'Rory' });
  await submitRowAction(page, 'Transfer', 'Rory', '+12025550143');
  await expect(logA.getByText('webhook:calltransfer.initiated')).toHaveCount(1);
  // B's own caller: its webhook is stored after A's, so once B shows it, anything of A's that
  // could have leaked would already be there.
  await sandboxDialIn(b, { kind: 'pstn', from: '+14155550127', name: 'Sky' });
  await expect(logB.getByText('webhook:dialin.connected')).toHaveCount(1);
  await expect(logB.getByText(/webhook:calltransfer/)).toHaveCount(0);
  await expect(logA.getByText('webhook:dialin.connected')).toHaveCount(1);
  await expect(joined(b, 'Rory')).toHaveCount(0);
  await expect(joined(page, 'Sky')).toHaveCount(0);
});
