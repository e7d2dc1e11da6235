/**
 * The conversation history (supervisors and admins): a caller transferred from one room to
 * another is one conversation; a supervisor filters to it, reads its timeline and downloads
 * exactly what the filter shows; an agent is refused the page and its API.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, SERVER_URL } from './fixtures';

test.use({ baseURL: SERVER_URL });

/** Daily's webhooks for a caller, through the sandbox's relay (signed, stored, indexed). */
async function webhook(page: Page, type: string, payload: Record<string, string | boolean>) {
  const res = await page.request.post('/api/sandbox/webhooks', { data: { type, payload } });
  expect(res.status()).toBe(200);
}

async function downloaded(page: Page, link: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: link }).click();
  return readFile((await (await download).path())!, 'utf8');
}

test('a supervisor filters the history, reads a transferred caller’s timeline and exports it; an agent is refused', async ({
  page,
  newTab,
}) => {
  const tag = randomBytes(3).toString('hex');
  const [front, sales] = [`front-${tag}`, `sales-${tag}`];
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in as demo supervisor' }).click();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Conversation history' })).toBeVisible();

  // Ada dials in to the front desk and is transferred to sales, where she hangs up; Ben calls
  // the front desk and hangs up there.
  const ada = `ada-${tag}`;
  const transfer = {
    room: front,
    session_id: ada,
    to_endpoint: `sip:${sales}@sandbox.sip.daily.co`,
    from_endpoint: '+14155550142',
    is_sip_refer: false,
  };
  /** A caller's leg in a room: it connects (and hangs up, unless transferred away). */
  const call = async (room: string, id: string, sipFrom: string, name: string, hangUp = true) => {
    const leg = { room, session_id: id, sip_from: sipFrom, display_name: name };
    await webhook(page, 'dialin.connected', leg);
    if (hangUp) await webhook(page, 'dialin.stopped', leg);
  };
  await call(front, ada, 'sip:+14155550142@carrier.example', 'Ada', false);
  await webhook(page, 'calltransfer.triggered', transfer);
  await webhook(page, 'calltransfer.initiated', transfer);
  await call(sales, `ada2-${tag}`, 'sip:+14155550142@pstn.sandbox.daily.co', 'Ada');
  await call(front, `ben-${tag}`, 'sip:+14155550199@carrier.example', 'Ben');

  // Filter to the front desk: both callers; Ada's row shows her journey to sales.
  await page.getByLabel('Room').fill(front);
  await page.getByRole('button', { name: 'Show conversations' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  const adaRow = table.getByRole('row').filter({ hasText: 'Ada (+1 415 555 0142)' });
  await expect(adaRow).toContainText(`${front} → ${sales}`);
  await expect(adaRow).toContainText('Call ended');
  // …and by number, in another formatting: Ada alone.
  await page.getByLabel('Number or SIP address').fill('+1 (415) 555-0142');
  await page.getByRole('button', { name: 'Show conversations' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('status', { name: 'Status' })).toHaveText('Page 1: 1 conversation.');

  await adaRow.getByRole('button', { name: 'Timeline of Ada (+1 415 555 0142)' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline of Ada (+1 415 555 0142)' });
  const events = timeline.getByRole('list', { name: 'Events' }).getByRole('listitem');
  await expect(events).toHaveCount(5);
  await expect(events.nth(1)).toContainText(
    `Transfer accepted by Daily → sip:${sales}@sandbox.sip.daily.co`,
  );
  await expect(events.nth(3)).toContainText(`Caller dialled in`);
  await expect(events.nth(3)).toContainText(`in ${sales}`);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );

  // The exports hold what the filter shows: Ada, not Ben.
  const csv = (await downloaded(page, 'Export CSV')).trim().split('\r\n');
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(
    new RegExp(`^${ada},.*,'\\+14155550142,Ada,dial-in,pstn,${front} > ${sales},`),
  );
  const json = JSON.parse(await downloaded(page, 'Export JSON')) as {
    id: string;
    rooms: string[];
  }[];
  expect(json).toEqual([expect.objectContaining({ id: ada, rooms: [front, sales] })]);

  // An agent: refused the page, and its API.
  const agent = await newTab();
  await agent.goto('/history');
  await agent.getByRole('button', { name: 'Sign in as demo agent' }).click();
  await expect(agent.getByRole('alert')).toHaveText(
    'The history is for supervisors and admins. You are signed in as Demo Agent (agent).',
  );
  expect((await agent.request.get('/api/history/conversations')).status()).toBe(403);
});
