/**
 * The supervisor's wall (issue 17): a supervisor and agents side by side in one sandbox world.
 * The agent's transfer appears on the wall with its lifecycle and cost; the supervisor hangs up
 * a leg from the wall and the agent's console says who ended it; the supervisor transfers a
 * leg to another room (picked from the server's rooms) and the agent there sees it arrive;
 * transfers that stall are flagged stuck. An agent is refused the wall.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {
  callRow,
  expect,
  joinServerSandbox,
  sandboxDialIn,
  SERVER_URL,
  signInDemo,
  test,
} from './fixtures';
import { fastSandbox, recentList, submitRowAction } from './actions';

test.use({ baseURL: SERVER_URL });

const wallRow = (wall: Page, name: string) =>
  wall
    .getByRole('grid', { name: 'Live calls' })
    .getByRole('row', { name: new RegExp(`^${name},`) });

const transferRow = (wall: Page, name: string) =>
  wall.getByRole('region', { name: 'Transfers list' }).getByRole('row').filter({ hasText: name });

test('an agent is refused the wall, on the page and by its API', async ({ page }) => {
  await signInDemo(page, 'supervisor', 'agent');
  await expect(page.getByRole('alert')).toContainText(
    'The supervisor wall is for supervisors and admins',
  );
  await expect(page.getByRole('grid')).toHaveCount(0);
  for (const path of ['/api/wall/snapshot', '/api/wall/pulse']) {
    expect((await page.request.get(path)).status()).toBe(403);
  }
});

test('supervisor and agents side by side: lifecycle and cost, hang-up and transfer from the wall, attributed', async ({
  page,
  newTab,
}) => {
  const world = `e2e-${randomBytes(4).toString('hex')}`;
  // Agent A in support (the fixture's page), agent B in sales, the supervisor on the wall.
  await joinServerSandbox(page, `?sandboxRoom=support&world=${world}&latency=30`);
  await fastSandbox(page, 300);
  const b = await newTab();
  const wall = await newTab();
  await joinServerSandbox(b, `?sandboxRoom=sales&world=${world}`);
  // Transfers count as stuck after 1 s here (`?stuckMs=`), not the console's 30 s.
  await signInDemo(wall, `supervisor?world=${world}&stuckMs=1000`, 'supervisor');
  await expect(wall.getByRole('heading', { name: 'Supervisor wall' })).toBeVisible();
  await expect(wall.getByText('Live', { exact: true })).toBeVisible();

  // A caller in support: on the wall under its room, with the agent present and a cost.
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550124', name: 'Quinn' });
  const quinn = wallRow(wall, 'Quinn');
  await expect(quinn).toContainText('Connected');
  await expect(quinn).toContainText('+1 415 555 0124');
  await expect(quinn).toContainText('PSTN · dial-in');
  await expect(quinn).toContainText(/\$\d+\.\d{3}/);
  const supportHeader = wall.getByRole('row').filter({ hasText: /^support/ });
  await expect(supportHeader).toContainText('Agents: Demo Agent');
  await expect(supportHeader).toContainText('1 call');

  // The agent transfers it: the wall follows the lifecycle; and who started it.
  await submitRowAction(page, 'Transfer', 'Quinn', '+12025550143');
  const moved = transferRow(wall, 'Quinn');
  await expect(moved).toContainText('Transfer → +1 202 555 0143');
  await expect(moved).toContainText('Transferred — answered by the target');
  await expect(moved.getByRole('list', { name: 'Lifecycle' })).toContainText(/Initiated \d/);
  await expect(moved.getByRole('list', { name: 'Lifecycle' })).toContainText(/Answered \d/);
  await expect(moved).toContainText('Demo Agent (agent, from their console)');
  await expect(moved).toContainText(/\$\d+\.\d{3}/);

  // The supervisor hangs up a leg from the wall: the agent's console says who ended it.
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550125', name: 'Robin' });
  await expect(callRow(page, 'Robin')).toContainText('Connected');
  await wallRow(wall, 'Robin').getByRole('button', { name: 'Hang up Robin' }).click();
  const hangUp = wall.getByRole('dialog', { name: 'Hang up Robin' });
  await hangUp.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect(hangUp).toBeHidden();
  const ended = recentList(page).getByRole('listitem').filter({ hasText: 'Robin' });
  await expect(ended).toContainText('Ended by Demo Supervisor');
  await expect(ended).toContainText('Hung up');
  await expect(callRow(page, 'Robin')).toHaveCount(0);

  // The supervisor transfers a SIP caller to sales: agent B sees it arrive; A sees who did it.
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:sam@pbx.example.com', name: 'Sam' });
  await wallRow(wall, 'Sam').getByRole('button', { name: 'Transfer Sam' }).click();
  const transfer = wall.getByRole('dialog', { name: 'Transfer Sam' });
  await transfer.getByLabel('Destination').fill('nonsense');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer.getByLabel('Destination')).toHaveAttribute('aria-invalid', 'true');
  // The agent's room picker, from the server's rooms: the call's own room is not offered.
  const rooms = transfer.getByRole('list', { name: 'Rooms' });
  await expect(rooms.getByRole('button', { name: 'Room support' })).toHaveCount(0);
  await transfer.getByLabel('Find a room').fill('sal');
  await rooms.getByRole('button', { name: 'Room sales' }).click();
  await expect(transfer.getByLabel('Destination')).toHaveValue('sip:sales@sandbox.sip.daily.co');
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(transfer).toBeHidden();
  await expect(callRow(b, 'Sam')).toContainText('Connected');
  const samAtA = recentList(page).getByRole('listitem').filter({ hasText: 'Sam' });
  await expect(samAtA).toContainText('Transferred by Demo Supervisor');
  await expect(transferRow(wall, 'Sam')).toContainText(
    'Demo Supervisor (supervisor, from the wall)',
  );

  // Filters and keyboard: search narrows the grid; arrows move between its rows.
  await wall.getByLabel('Search number or name').fill('Sam');
  await expect(wallRow(wall, 'Quinn')).toHaveCount(0);
  await wall.getByLabel('Search number or name').fill('');
  await wall
    .getByRole('row')
    .filter({ hasText: /^sales/ })
    .first()
    .focus();
  await wall.keyboard.press('ArrowDown');
  await expect(wall.locator('[role="row"]:focus')).toHaveAttribute('aria-label', /^Sam,/);

  // Stuck transfers: Daily accepted one but never initiated it (the room's transfer delay
  // held at a minute); another was initiated and its target never answered (a minute's ring).
  await page.evaluate(() => window.sandbox!.setTransferDelay(60_000));
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550126', name: 'Kim' });
  await expect(callRow(page, 'Kim')).toContainText('Connected');
  await submitRowAction(page, 'Transfer', 'Kim', '+12025550144');
  await expect(transferRow(wall, 'Kim')).toContainText(
    /Stuck: accepted \d+ s ago, never initiated \(bound 1 s\)/,
  );
  await page.evaluate(() => window.sandbox!.setRingTime(60_000));
  await fastSandbox(page, 300);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550127', name: 'Lee' });
  await expect(callRow(page, 'Lee')).toContainText('Connected');
  await submitRowAction(page, 'Transfer', 'Lee', '+12025550145');
  await expect(transferRow(wall, 'Lee')).toContainText(
    /Stuck: initiated \d+ s ago, never answered \(ring bound 1 s\)/,
  );
  await expect(transferRow(wall, 'Quinn')).not.toContainText('Stuck');

  const axe = await new AxeBuilder({ page: wall }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
