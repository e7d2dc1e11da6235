/**
 * The cases where a console could lie on a real room: callers who hang up mid-transfer, refers
 * nobody answers, ejects that do not close the phone line, dial-outs that end without a reason,
 * legs this console did not dial, and callers who all share the room's display name.
 */
import { callRow, callList, expect, joinSandbox, sandboxDialIn, test } from './fixtures';
import {
  behaviourQuery,
  callsOf,
  eventLog,
  fastSandbox,
  openRowAction,
  recentList,
  sipCallerRefusingRefer,
  startDialOutViaUi,
  submitRowAction,
} from './actions';

for (const leaveEvents of ['both', 'participant-left-only', 'stopped-only'] as const) {
  test(`a caller who hangs up before Daily answers is "caller hung up", never moved (${leaveEvents})`, async ({
    page,
  }) => {
    await joinSandbox(page, `?latency=30${behaviourQuery({ leaveEvents })}`);
    const id = await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Hal' });
    await page.evaluate(() => window.sandbox!.setLatency(2000));
    const dialog = await openRowAction(page, 'Transfer', 'Hal');
    await dialog.getByLabel('Destination').fill('+12125550100');
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect(callRow(page, 'Hal')).toContainText('Transfer requested');
    await page.evaluate((s) => window.sandbox!.hangUp(s), id);
    const item = recentList(page).getByRole('listitem').filter({ hasText: 'Hal' });
    await expect(item).toContainText('Caller hung up');
    await expect(item).not.toContainText(/Moved out|Transferred/);
  });
}

test('a refer the originator refuses silently: waiting, then "Not confirmed" with "Transfer instead"', async ({
  page,
}) => {
  await joinSandbox(
    page,
    `?latency=30&actionTimeoutMs=2000${behaviourQuery({ referRefusal: 'silent' })}`,
  );
  await fastSandbox(page, 150);
  await sipCallerRefusingRefer(page, 'Pbx', 'sip:pbx@sip.example.com');
  await submitRowAction(page, 'Refer', 'Pbx', 'sip:queue@sip.example.com');
  const row = callRow(page, 'Pbx');
  await expect(row).toContainText('Refer requested — waiting for the originating system');
  await expect(row).toContainText('Not confirmed');
  await expect(row).toContainText('the caller is still in this room');
  await expect(row).not.toContainText('Refer failed');
  await expect(row.getByRole('button', { name: 'Transfer instead' })).toBeVisible();
});

test('a warning on a leg with a transfer in flight is shown as a warning; the transfer still succeeds', async ({
  page,
}) => {
  await joinSandbox(page, '?latency=30');
  await fastSandbox(page, 1500);
  const id = await sandboxDialIn(page, { kind: 'sip', from: 'sip:w@sip.example.com', name: 'Wes' });
  const dialog = await openRowAction(page, 'Transfer', 'Wes');
  await dialog.getByLabel('Destination').fill('sip:room-b@example.sip.daily.co');
  await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
  await expect(callRow(page, 'Wes')).toContainText('Transfer accepted');
  await page.evaluate((s) => window.sandbox!.simulateWarning(s, 'Codec fallback to PCMU'), id);
  await expect(callRow(page, 'Wes')).toContainText('Warning from Daily: Codec fallback to PCMU');
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('Codec fallback');
  const item = recentList(page).getByRole('listitem').filter({ hasText: 'Wes' });
  await expect(item).toContainText('Moved out of this room');
  await expect(item).toContainText('Warning from Daily: Codec fallback to PCMU');
});

test('an eject that does not close the phone line is never reported as hung up', async ({
  page,
}) => {
  await joinSandbox(
    page,
    `?latency=30&actionTimeoutMs=1500${behaviourQuery({ ejectEndsLeg: false })}`,
  );
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Eve' });
  const dialog = await openRowAction(page, 'Hang up', 'Eve');
  await dialog.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect(callRow(page, 'Eve')).toHaveCount(0);
  const item = recentList(page).getByRole('listitem').filter({ hasText: 'Eve' });
  await expect(item).toContainText('Not confirmed: removed from this room');
  await expect(item).not.toContainText('Hung up');
  expect(await callsOf(page, 'updateParticipant')).toHaveLength(1);
});

for (const dialOutFailure of ['error-and-stopped', 'stopped-only'] as const) {
  test(`a busy dial-out fails with what Daily said (${dialOutFailure})`, async ({ page }) => {
    await joinSandbox(page, `?latency=30${behaviourQuery({ dialOutFailure })}`);
    await page.evaluate(() => window.sandbox!.setDialOutOutcome('busy'));
    await startDialOutViaUi(page, '+12125550100', 'Busy Bo');
    const item = recentList(page).getByRole('listitem').filter({ hasText: 'Busy Bo' });
    await expect(item).toContainText(
      dialOutFailure === 'stopped-only'
        ? 'Dial-out failed: the call ended before it was answered'
        : 'Dial-out failed: Busy here (486)',
    );
  });
}

test('a dial-out that never starts fails with its sessionless dialout-error', async ({ page }) => {
  await joinSandbox(page, '?latency=30');
  await page.evaluate(() => window.sandbox!.setDialOutOutcome('start-failed'));
  await startDialOutViaUi(page, '+12125550100', 'Never');
  const item = recentList(page).getByRole('listitem').filter({ hasText: 'Never' });
  await expect(item).toContainText('Dial-out failed');
  await expect(item).not.toContainText('Timed out');
  const errors = (await page.evaluate(() => window.sandbox!.events())).filter(
    (e) => e.action === 'dialout-error',
  );
  expect(errors).toHaveLength(1);
  expect(errors[0]).not.toHaveProperty('sessionId');
});

for (const telephonyEvents of ['everyone', 'initiator-only'] as const) {
  test(`a dial-out started elsewhere shows its real state (${telephonyEvents})`, async ({
    page,
  }) => {
    await joinSandbox(page, `?latency=30${behaviourQuery({ telephonyEvents })}`);
    await page.evaluate(() =>
      window.sandbox!.dialOutElsewhere({ phoneNumber: '+12125550177', displayName: 'Bot call' }),
    );
    const row = callRow(page, 'Bot call');
    await expect(row).toContainText('PSTN · dial-out');
    // Issue 15: without dialout-answered (initiator-only, no webhook feed here), playable audio
    // may be ringback: "Connected", never "Answered" (this test used to expect "Answered").
    await expect(row).toContainText(telephonyEvents === 'everyone' ? 'Answered' : 'Connected');
    await expect(row).not.toContainText('Connecting');
    // Nothing this console started: no action status on the row.
    await expect(row.getByTestId('leg-action-status')).toHaveCount(0);
  });
}

test('callers sharing the room’s display name stay distinguishable: by number', async ({
  page,
}) => {
  await joinSandbox(page, '?latency=30');
  await sandboxDialIn(page, { kind: 'pstn', from: '+442071838750' });
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100' });
  const rows = callList(page).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(
    page.getByRole('button', { name: 'Transfer Caller (+44 20 7183 8750)', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Transfer Caller (+1 415 555 0100)', exact: true }),
  ).toBeVisible();
});

test('callers sharing a name with no number known: ordinal and join time', async ({ page }) => {
  await joinSandbox(page, `?latency=30${behaviourQuery({ telephonyEvents: 'initiator-only' })}`);
  await sandboxDialIn(page, { kind: 'pstn', from: '+442071838750' });
  await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100' });
  await expect(
    page.getByRole('button', { name: /^Transfer Caller #1, joined \d\d:\d\d:\d\d$/ }),
  ).toBeVisible();
  const second = page.getByRole('button', { name: /^Transfer Caller #2, joined \d\d:\d\d:\d\d$/ });
  await second.click();
  await expect(page.getByRole('dialog', { name: /^Transfer Caller #2, joined/ })).toBeVisible();
});

test('inbound DTMF from a caller is logged', async ({ page }) => {
  await joinSandbox(page, '?latency=30');
  const id = await sandboxDialIn(page, { kind: 'pstn', from: '+14155550100', name: 'Tone' });
  await page.evaluate((s) => window.sandbox!.pressKeys(s, '12#'), id);
  const log = eventLog(page);
  await expect(log.getByRole('listitem').filter({ hasText: 'dtmf-event' })).toHaveCount(3);
});

test('the sandbox panel switches what Daily does not document; the URL option is applied', async ({
  page,
}) => {
  await joinSandbox(page, `?latency=30${behaviourQuery({ leaveTiming: 'before-resolve' })}`);
  const panel = page.getByRole('group', { name: 'What Daily does not document' });
  await expect(panel.getByLabel('Leave events vs the SDK promise')).toHaveValue('before-resolve');
  await panel.getByLabel('Leave events delivered').selectOption('participant-left-only');
  await panel.getByLabel('Eject ends the phone leg').selectOption('false');
  expect(await page.evaluate(() => window.sandbox!.behaviour())).toMatchObject({
    leaveTiming: 'before-resolve',
    leaveEvents: 'participant-left-only',
    ejectEndsLeg: false,
  });
  await page.getByLabel('Number or SIP URI dialled elsewhere').fill('+12125550166');
  await page.getByRole('button', { name: /^Dial out elsewhere/ }).click();
  // Unnamed, the leg is named after its number, formatted for reading (issue 19).
  await expect(callRow(page, '+1 212 555 0166')).toContainText('Answered');
});

test('issue 15: ringback is not an answer; a blip keeps the agent in; a lasting one is said, and stays said', async ({
  page,
}) => {
  await joinSandbox(page, `?latency=30${behaviourQuery({ dialOutFailure: 'stopped-only' })}`);
  await page.evaluate(() => window.sandbox!.setDialOutOutcome('no-answer'));
  await startDialOutViaUi(page, '+12125550188', 'Nora');
  const row = callRow(page, 'Nora');
  // Ringback plays (the leg's audio is playable from dialout-connected)…
  await expect
    .poll(() =>
      page.evaluate(() => window.sandbox!.events().some((e) => e.action === 'participant-updated')),
    )
    .toBe(true);
  // …and the agent reads "Ringing", not "Answered".
  await expect(row).toContainText('Ringing');
  await expect(row).not.toContainText('Answered');
  // Nobody answers: a failure, not "Left this room".
  const item = recentList(page).getByRole('listitem').filter({ hasText: 'Nora' });
  await expect(item).toContainText('Dial-out failed: the call ended before it was answered');

  // A blip: the agent stays in the room, then Daily is back.
  await page.evaluate(() => window.sandbox!.simulateBlip(100));
  await expect(
    eventLog(page).getByRole('listitem').filter({ hasText: 'network-connection' }),
  ).not.toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Agent console', exact: true })).toBeVisible();
  // One that outlasts daily-js's patience (short here): the fatal error, then left-meeting;
  // the notice and its Retry stay.
  await page.evaluate(() => window.sandbox!.simulateBlip(60_000, 200));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Can't reach Daily");
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() =>
        window
          .sandbox!.events()
          .slice(-2)
          .map((e) => e.action),
      ),
    )
    .toEqual(['error', 'left-meeting']);
  await expect(alert).toContainText("Can't reach Daily");
});
