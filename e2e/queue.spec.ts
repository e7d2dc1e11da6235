/**
 * Issue 18: a call that waits for an agent and belongs to one. A simulated caller dials a
 * queue's number (pinless dial-in: held, Daily's signed room-creation request, offers); of two
 * available agents one accepts, the caller arrives in that agent's room marked as theirs and
 * the other's offer is withdrawn; the caller hangs up and the agent files a disposition and a
 * note that the history shows; an agent on Break gets no offer until they are Available again.
 */
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { request, type Page } from '@playwright/test';
import { callRow, expect, joinServerSandbox, SERVER_URL, test } from './fixtures';

test.use({ baseURL: SERVER_URL });

const PASSWORD = 'correct horse battery staple';

/** The demo admin over the API, making an agent account and a queue for one test. */
async function asAdmin() {
  const admin = await request.newContext({ baseURL: SERVER_URL });
  expect((await admin.post('/api/auth/demo', { data: { role: 'admin' } })).ok()).toBe(true);
  return {
    admin,
    async agent(username: string) {
      const made = await admin.post('/api/admin/accounts', {
        data: { username, role: 'agent', password: PASSWORD },
      });
      expect(made.status()).toBe(201);
      return username;
    },
    async queue(name: string, number: string, members: string[], strategy: string) {
      const made = await admin.post('/api/queue/admin/queues', {
        data: { name, numbers: [number], members, wrapUpS: 600, strategy },
      });
      expect(made.status(), await made.text()).toBe(201);
      return ((await made.json()) as { queue: { id: number } }).queue.id;
    },
  };
}

/** A second agent, a ring-all queue, a disposition code. */
async function setUp(tag: string): Promise<string> {
  const { admin, agent, queue } = await asAdmin();
  const bob = await agent(`bob-${tag}`);
  await queue(`Support ${tag}`, '+14155550100', ['demo-agent', bob], 'ring-all');
  await admin.put('/api/queue/admin/dispositions/resolved', { data: { label: 'Resolved' } });
  // A code of this run's own, so the history's filter finds this run's call alone.
  await admin.put(`/api/queue/admin/dispositions/pin-${tag}`, { data: { label: 'PIN reset' } });
  await admin.dispose();
  return bob;
}

/** An agent signs in with a password on this page and joins the room of `query`. */
async function joinAs(page: Page, username: string, query: string) {
  await page.goto(`/${query}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
}

/** Bob signs in with his password in a tab (a session) of his own and joins the same room. */
async function secondAgent(newTab: () => Promise<Page>, username: string, query: string) {
  const page = await newTab();
  await joinAs(page, username, query);
  return page;
}

/** A supervisor finds the call in the history by its disposition: the list and the timeline. */
async function historyShowsWrapUp(newTab: () => Promise<Page>, tag: string) {
  const page = await newTab();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in as demo supervisor' }).click();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await page.getByLabel('Disposition (code)').fill(`pin-${tag}`);
  await page.getByLabel('Handled by (username)').fill('demo-agent');
  await page.getByRole('button', { name: 'Show conversations' }).click();
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'Robin' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('PIN reset');
  await expect(rows).toContainText('by demo-agent · Reset the voicemail PIN');
  await rows.getByRole('button', { name: /^Timeline of Robin/ }).click();
  const events = page.getByRole('list', { name: 'Events' });
  await expect(events.getByRole('listitem').last()).toContainText(
    `Wrap-up filed by demo-agent (Support ${tag} queue): PIN reset (pin-${tag})`,
  );
  await expect(events.getByRole('listitem').last()).toContainText('Reset the voicemail PIN');
}

const queuePanel = (page: Page) => page.getByRole('region', { name: 'My queue' });
const offer = (page: Page) => queuePanel(page).getByRole('region', { name: 'Incoming call' });
const setStatus = (page: Page, status: string) =>
  queuePanel(page).getByLabel('Set status').selectOption(status);

async function dial(page: Page, from: string, name: string) {
  const form = page.getByRole('form', { name: 'Dial a queue number' });
  await form.getByLabel('Calling from').fill(from);
  await form.getByLabel('Their name').fill(name);
  await form.getByRole('button', { name: 'Dial the number' }).click();
}

test('a queue call: one of two agents wins it, it is theirs, wrap-up is filed; Break gets no offer', async ({
  page,
  newTab,
}) => {
  const tag = randomBytes(4).toString('hex');
  const bobName = await setUp(tag);
  const query = `?sandboxRoom=support&world=e2e-${tag}`;
  await joinServerSandbox(page, query);
  const bob = await secondAgent(newTab, bobName, query);
  for (const p of [page, bob]) {
    await setStatus(p, 'available');
    await expect(queuePanel(p)).toContainText('Status:Available');
  }
  // The caller dials the queue's number from the sandbox panel: held, both agents alerted.
  await dial(page, '+14155550177', 'Robin');
  await expect(page.getByRole('list', { name: 'Callers on the line' })).toContainText(
    'Robin (+1 415 555 0177) → +1 415 555 0100: on hold, hearing hold music',
  );
  for (const p of [page, bob]) {
    await expect(offer(p)).toContainText(`+1 415 555 0177 · Support ${tag} queue`);
    await expect(p).toHaveTitle(/^Incoming call: \+1 415 555 0177/);
  }
  const axe = await new AxeBuilder({ page }).include('[aria-labelledby="queue-heading"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );

  // Agent A accepts: the caller arrives in A's room as A's; B's offer is withdrawn.
  await offer(page).getByRole('button', { name: 'Accept' }).click();
  await expect(offer(bob)).toHaveCount(0);
  await expect(queuePanel(page)).toContainText('On a call with +1 415 555 0177');
  await expect(queuePanel(page)).toContainText('Status:Busy');
  await expect(callRow(page, 'Robin')).toContainText('Mine');
  await expect(callRow(bob, 'Robin')).toContainText('Others: handled by demo-agent');
  await expect(page).not.toHaveTitle(/Incoming call/);

  // The caller hangs up; A files a disposition and a note, and is Available again.
  await page.getByRole('button', { name: 'Robin hangs up' }).click();
  const wrap = queuePanel(page).getByRole('form', { name: /Wrap-up: \+1 415 555 0177/ });
  await expect(queuePanel(page)).toContainText('Status:Wrap-up');
  await wrap.getByRole('button', { name: 'File wrap-up' }).click();
  await expect(wrap.getByText('Disposition: choose one')).toBeVisible();
  await wrap.getByLabel('Disposition').selectOption(`pin-${tag}`);
  await wrap.getByLabel('Note').fill('Reset the voicemail PIN');
  await wrap.getByRole('button', { name: 'File wrap-up' }).click();
  await expect(queuePanel(page)).toContainText('Status:Available');
  const calls = (await (await page.request.get('/api/queue/calls')).json()) as {
    calls: {
      from: string;
      handledBy: string;
      disposition: string;
      note: string;
      state: string;
    }[];
  };
  expect(calls.calls.find((c) => c.from === '+14155550177')).toMatchObject({
    handledBy: 'demo-agent',
    state: 'filed',
    disposition: `pin-${tag}`,
    note: 'Reset the voicemail PIN',
  });
  await historyShowsWrapUp(newTab, tag);

  // B takes a break: the next call is offered to A only; B gets it once Available again.
  await setStatus(bob, 'break');
  await expect(queuePanel(bob)).toContainText('Status:Break');
  // (The second caller through window.sandboxLine, as a test would drive it.)
  const sam = await page.evaluate(() =>
    window.sandboxLine!.dial({ to: '+14155550100', from: '+14155550188', name: 'Sam' }),
  );
  expect(sam).toMatchObject({ state: 'held', hearing: 'hold music', answer: { status: 200 } });
  await expect(offer(page)).toContainText('+1 415 555 0188');
  await expect(offer(bob)).toHaveCount(0);
  await offer(page).getByRole('button', { name: 'Decline' }).click();
  await expect(offer(page)).toHaveCount(0);
  await expect(offer(bob)).toHaveCount(0);
  await setStatus(bob, 'available');
  await expect(offer(bob)).toContainText('+1 415 555 0188');
  // Sam hangs up while it rings at B's: accepting says so, and the offer is gone.
  const gone = await page.evaluate((id) => window.sandboxLine!.hangUp(id), sam.callId);
  expect(gone.state).toBe('hung-up');
  await offer(bob).getByRole('button', { name: 'Accept' }).click();
  await expect(queuePanel(bob)).toContainText('The caller hung up before the call reached you');
  await expect(offer(bob)).toHaveCount(0);
  await expect(queuePanel(bob)).toContainText('Status:Available');
});

test('an admin sets up a queue and a disposition code in the Queues dialog', async ({ page }) => {
  const tag = randomBytes(4).toString('hex');
  await page.goto(`/?sandboxRoom=support&world=e2e-${tag}`);
  await page.getByRole('button', { name: 'Sign in as demo admin' }).click();
  await page.waitForFunction(() => !!window.sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Queues', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Queues' });
  const form = dialog.getByRole('form', { name: 'Add a queue' });
  await form.getByLabel('Name').fill(`Sales ${tag}`);
  await form.getByLabel('Numbers').fill('4155550111');
  await form.getByLabel('Members').fill('demo-agent');
  await form.getByRole('button', { name: 'Add queue' }).click();
  // The server's rule, at the field it is about.
  await expect(form.getByLabel('Numbers')).toHaveAccessibleDescription(/E\.164/);
  await form.getByLabel('Numbers').fill('+14155550111');
  await form.getByRole('button', { name: 'Add queue' }).click();
  const row = dialog.getByRole('row').filter({ hasText: `Sales ${tag}` });
  await expect(row).toContainText('+14155550111');
  await expect(row).toContainText('demo-agent');
  const codes = dialog.getByRole('form', { name: 'Add a disposition' });
  await codes.getByLabel('Code').fill(`callback-${tag}`);
  await codes.getByLabel('Label').fill('Call back later');
  await codes.getByRole('button', { name: 'Add disposition' }).click();
  await expect(dialog.getByRole('list', { name: 'Disposition codes' })).toContainText(
    'Call back later',
  );
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );
  await row.getByRole('button', { name: `Remove queue Sales ${tag}` }).click();
  await expect(row).toHaveCount(0);
});

test('a keyboard-only agent accepts a queue call with A and transfers it with T; focus follows, the transfer is announced', async ({
  page,
}) => {
  const tag = randomBytes(4).toString('hex');
  const world = `e2e-${tag}`;
  const { admin, agent: addAgent, queue: addQueue } = await asAdmin();
  // An agent of its own: demo-agent's status is shared with the other queue test, which runs
  // beside this one and would find demo-agent in this call's wrap-up.
  const agent = await addAgent(`keys-${tag}`);
  const queue = await addQueue(`Keys ${tag}`, '+442071838750', [agent], 'longest-idle');
  try {
    // The sandbox panel stays collapsed: the agent works from the keyboard alone.
    await joinAs(page, agent, `?sandboxRoom=support&world=${world}`);
    const status = page.getByRole('status', { name: 'Status' });
    const available = await page.request.post('/api/queue/status', {
      data: { status: 'available' },
    });
    expect(available.ok()).toBe(true);
    await expect(queuePanel(page)).toContainText('Status:Available');
    const dialled = await page.request.post('/api/sandbox/pinless/calls', {
      data: { world, to: '+442071838750', from: '+14155550166', name: 'Taylor' },
    });
    expect(dialled.ok(), await dialled.text()).toBe(true);
    await expect(offer(page)).toContainText(`+1 415 555 0166 · Keys ${tag} queue`);
    await expect(offer(page).getByRole('button', { name: 'Accept' })).toHaveAttribute(
      'aria-keyshortcuts',
      'A',
    );

    // A accepts; once the caller is in the room, their row has the focus and is Mine.
    await page.keyboard.press('a');
    await expect(status).toContainText('Accepted the call from +1 415 555 0166');
    const row = callRow(page, 'Taylor');
    await expect(row).toContainText('Mine');
    await expect(row).toBeFocused();

    // T opens the transfer with focus in the destination; Enter sends it.
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Transfer Taylor' });
    await expect(dialog.getByLabel('Destination')).toBeFocused();
    await page.keyboard.type('+12025550143');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0);
    await expect(status).toHaveText('Taylor: Moved out of this room');
    // The caller has gone from the list: focus stays in it (the list itself), never the body.
    await expect(page.locator('#calls')).toBeFocused();
    await expect(queuePanel(page)).toContainText('Status:Wrap-up');
  } finally {
    await admin.delete(`/api/queue/admin/queues/${queue}`);
    await admin.dispose();
  }
});
