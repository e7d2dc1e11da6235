import { callRow, expect, joinSandbox, sandboxDialIn, test } from './fixtures';
import { callsOf, dialOutViaUi, FAST, openRowAction, recentList } from './actions';

test('dial-out answered: the leg appears at once and goes dialing → ringing → answered', async ({
  page,
}) => {
  await joinSandbox(page);
  await page.getByRole('button', { name: 'Dial out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Dial out' });
  await dialog.getByLabel('Destination').fill('+1 212 555 0100');
  await dialog.getByLabel('Display name (optional)').fill('Dana');
  await dialog.getByRole('button', { name: 'Call' }).click();
  const progress = page.getByRole('list', { name: 'Dial-outs' });
  await expect(progress).toContainText('Dialing');
  await expect(callRow(page, 'Dana')).toContainText('PSTN · dial-out');
  await expect(callRow(page, 'Dana')).toContainText('+1 212 555 0100');
  await expect(callRow(page, 'Dana')).toContainText('Answered');
  const [start] = await callsOf(page, 'startDialOut');
  expect(start?.args[0]).toMatchObject({ phoneNumber: '+12125550100', displayName: 'Dana' });
  expect((start?.args[0] as { userId: string }).userId).toMatch(/^[0-9a-f-]{36}$/);
  const actions = (await page.evaluate(() => window.sandbox!.events())).map((e) => e.action);
  expect(actions.indexOf('dialout-connected')).toBeLessThan(actions.indexOf('dialout-answered'));
});

for (const [outcome, text] of [
  ['busy', 'Busy here (486)'],
  ['no-answer', 'No answer'],
  ['error', '503 Service Unavailable'],
] as const) {
  test(`dial-out ${outcome} ends as failed with Daily's reason`, async ({ page }) => {
    await joinSandbox(page, FAST);
    await page.getByLabel('Dial-out outcome').selectOption(outcome);
    await page.getByRole('button', { name: 'Dial out', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Dial out' });
    await dialog.getByLabel('Destination').fill('sip:nobody@sip.example.com');
    await dialog.getByLabel('Display name (optional)').fill(`Out ${outcome}`);
    await dialog.getByRole('button', { name: 'Call' }).click();
    const item = recentList(page)
      .getByRole('listitem')
      .filter({ hasText: `Out ${outcome}` });
    await expect(item).toContainText('Dial-out failed');
    await expect(item).toContainText(text);
    expect((await callsOf(page, 'startDialOut'))[0]?.args[0]).toMatchObject({
      sipUri: 'sip:nobody@sip.example.com',
    });
  });
}

test('a dial-out the SDK rejects shows the rejection', async ({ page }) => {
  await joinSandbox(page, FAST);
  await page.evaluate(() =>
    window.sandbox!.failNext(
      'startDialOut',
      'unable to start dialout (is dialout enabled? are you a room owner or participant admin?)',
    ),
  );
  await page.getByRole('button', { name: 'Dial out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Dial out' });
  await dialog.getByLabel('Destination').fill('+12125550100');
  await dialog.getByRole('button', { name: 'Call' }).click();
  await expect(recentList(page)).toContainText('is dialout enabled?');
});

test('dial-out validation: bad input stays in the dialog and makes no call', async ({ page }) => {
  await joinSandbox(page, FAST);
  await page.getByRole('button', { name: 'Dial out', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Dial out' });
  await dialog.getByLabel('Destination').fill('+12125550100');
  await dialog.getByLabel('Display name (optional)').fill('x'.repeat(200));
  await dialog.getByRole('button', { name: 'Call' }).click();
  await expect(dialog.getByLabel('Display name (optional)')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await dialog.getByLabel('Destination').fill('sips:a@b.example.com');
  await dialog.getByLabel('Display name (optional)').fill('ok');
  await dialog.getByRole('button', { name: 'Call' }).click();
  await expect(dialog.getByLabel('Destination')).toHaveAttribute('aria-invalid', 'true');
  expect(await callsOf(page, 'startDialOut')).toEqual([]);
});

test('keypad sends tones, shows them, and refuses bad ones', async ({ page }) => {
  await joinSandbox(page, FAST);
  const id = await dialOutViaUi(page, '+12125550100', 'Kim');
  const dialog = await openRowAction(page, 'Keypad', 'Kim');
  // Keys send at once (issue 19); a sequence is typed or pasted in the field.
  await dialog.getByLabel('Tones', { exact: true }).fill('12#');
  await expect(dialog.getByLabel('Tones', { exact: true })).toHaveValue('12#');
  await dialog.getByRole('button', { name: 'Send tones' }).click();
  await expect(dialog.getByRole('list', { name: 'Sent tones' })).toContainText('12# — sent');
  await dialog.getByLabel('Tones', { exact: true }).fill('12x');
  await dialog.getByRole('button', { name: 'Send tones' }).click();
  await expect(dialog.getByLabel('Tones', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect((await callsOf(page, 'sendDTMF')).map((c) => c.args[0])).toEqual([
    { sessionId: id, tones: '12#' },
  ]);
});

test('hang up each leg kind: eject for dial-ins, stopDialOut for dial-outs', async ({ page }) => {
  await joinSandbox(page, FAST);
  const pstnIn = await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'In PSTN' });
  const sipIn = await sandboxDialIn(page, {
    kind: 'sip',
    from: 'sip:in@sip.example.com',
    name: 'In SIP',
  });
  const pstnOut = await dialOutViaUi(page, '+12125550100', 'Out PSTN');
  const sipOut = await dialOutViaUi(page, 'sip:out@sip.example.com', 'Out SIP');
  for (const name of ['In PSTN', 'In SIP', 'Out PSTN', 'Out SIP']) {
    const dialog = await openRowAction(page, 'Hang up', name);
    await dialog.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect(callRow(page, name)).toHaveCount(0);
    const item = recentList(page).getByRole('listitem').filter({ hasText: name });
    await expect(item.filter({ hasText: 'Hang-up' })).toContainText('Hung up');
  }
  expect((await callsOf(page, 'updateParticipant')).map((c) => c.args)).toEqual([
    [pstnIn, { eject: true }],
    [sipIn, { eject: true }],
  ]);
  expect((await callsOf(page, 'stopDialOut')).map((c) => c.args[0])).toEqual([
    { sessionId: pstnOut },
    { sessionId: sipOut },
  ]);
  const actions = (await page.evaluate(() => window.sandbox!.events())).map((e) => e.action);
  expect(actions.filter((a) => a === 'dialout-stopped')).toHaveLength(2);
});

test('hang-up asks for confirmation; cancel keeps the call and restores focus', async ({
  page,
}) => {
  await joinSandbox(page, FAST);
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Stay' });
  const dialog = await openRowAction(page, 'Hang up', 'Stay');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(callRow(page, 'Stay').getByRole('button', { name: 'Hang up Stay' })).toBeFocused();
  expect(await callsOf(page, 'updateParticipant')).toEqual([]);
});

test('actions are disabled, with the reason, without owner or admin rights', async ({ page }) => {
  await joinSandbox(page, `${FAST}&role=participant`);
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:x@sip.example.com', name: 'Nora' });
  const row = callRow(page, 'Nora');
  for (const action of ['Transfer', 'Refer', 'Hang up']) {
    await expect(row.getByRole('button', { name: `${action} Nora` })).toBeDisabled();
  }
  // Daily sends DTMF to dial-out calls only: a dial-in row has no keypad at all.
  await expect(row.getByRole('button', { name: 'Keypad Nora' })).toHaveCount(0);
  await expect(row).toContainText('No keypad');
  await expect(row.getByRole('button', { name: 'Transfer Nora' })).toHaveAccessibleDescription(
    /owner or participant-admin/,
  );
  await expect(page.getByRole('button', { name: 'Dial out', exact: true })).toBeDisabled();
});

test('transfer delay from the panel; status is announced while it runs', async ({ page }) => {
  await joinSandbox(page, FAST);
  await page.getByLabel('Transfer delay (ms)').fill('1200');
  await page.getByRole('button', { name: 'Set delay' }).click();
  await sandboxDialIn(page, { kind: 'sip', from: 'sip:slow@sip.example.com', name: 'Slow' });
  const dialog = await openRowAction(page, 'Transfer', 'Slow');
  await dialog.getByLabel('Destination').fill('sip:room-b@example.sip.daily.co');
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(callRow(page, 'Slow')).toContainText('Transfer accepted');
  await expect(page.getByRole('status', { name: 'Status' })).toContainText(
    'Slow: Transfer accepted',
  );
  await expect(recentList(page)).toContainText('Moved out of this room');
});
