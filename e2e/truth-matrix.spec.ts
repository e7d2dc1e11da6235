/**
 * The seed's four scenarios (room-to-room transfer, external SIP transfer, external PSTN
 * transfer, SIP REFER), from dial-in and from dial-out legs, under every sandbox variation of
 * what Daily does not document — checking what the agent reads.
 */
import type { Page } from '@playwright/test';
import { DEFAULT_BEHAVIOUR, type SandboxBehaviour } from '../src/sandbox/sandbox-behaviour';
import { callRow, expect, joinSandbox, sandboxDialIn, test } from './fixtures';
import {
  behaviourQuery,
  callsOf,
  dialOutViaUi,
  fastSandbox,
  recentList,
  submitRowAction,
} from './actions';

type Origin = 'dial-in' | 'dial-out';

interface Variation {
  name: string;
  behaviour: Partial<SandboxBehaviour>;
  origins?: Origin[];
}

const VARIATIONS: Variation[] = [
  { name: 'documented defaults', behaviour: {} },
  {
    name: 'leave events before the promise resolves',
    behaviour: { leaveTiming: 'before-resolve' },
  },
  { name: 'only participant-left', behaviour: { leaveEvents: 'participant-left-only' } },
  { name: 'only *-stopped', behaviour: { leaveEvents: 'stopped-only' } },
  {
    name: 'dial events only to the console that acted',
    behaviour: { telephonyEvents: 'initiator-only' },
  },
  { name: 'dialout-* for the new leg', behaviour: { transferDialOutEvents: true } },
  { name: 'warnings during a refer', behaviour: { referWarnings: true } },
  {
    name: 'startDialOut() without session',
    behaviour: { dialOutSession: 'without-session' },
    origins: ['dial-out'],
  },
  {
    name: 'dial-out joins at answer',
    behaviour: { dialOutJoin: 'at-answer' },
    origins: ['dial-out'],
  },
  {
    name: 'all of the above at once',
    behaviour: {
      leaveTiming: 'before-resolve',
      leaveEvents: 'participant-left-only',
      telephonyEvents: 'initiator-only',
      transferDialOutEvents: true,
      referWarnings: true,
      dialOutSession: 'without-session',
      dialOutJoin: 'at-answer',
    },
  },
];

const SCENARIOS = [
  {
    name: 'Room Ann',
    network: 'sip',
    from: 'sip:ann@sip.example.com',
    action: 'Transfer',
    to: 'sip:room-b@example.sip.daily.co',
    method: 'sipCallTransfer',
    done: 'Moved out of this room',
  },
  {
    name: 'Sip Ben',
    network: 'sip',
    from: 'sip:ben@sip.example.com',
    action: 'Transfer',
    to: 'sip:callme@sip.somewhere.com',
    method: 'sipCallTransfer',
    done: 'Moved out of this room',
  },
  {
    name: 'Pstn Pam',
    network: 'pstn',
    from: '+12125550123',
    action: 'Transfer',
    to: '+12125550199',
    method: 'sipCallTransfer',
    done: 'Moved out of this room',
  },
  {
    name: 'Ivr Ivy',
    network: 'sip',
    from: 'sip:ivr@sip.example.com',
    action: 'Refer',
    to: 'sip:support@sip.elsewhere.com',
    method: 'sipRefer',
    done: 'Referred — the caller left this room',
  },
] as const;

async function bringLeg(
  page: Page,
  origin: Origin,
  s: { network: 'sip' | 'pstn'; from: string; name: string },
) {
  if (origin === 'dial-in') {
    return sandboxDialIn(page, { kind: s.network, from: s.from, name: s.name });
  }
  return dialOutViaUi(page, s.from, s.name);
}

const UNTRUE = /failed|Timed out|hung up|Not confirmed/i;

/**
 * The variations run in groups on one console (a page and a join cost more than a variation):
 * each variation sets its behaviour (the group's first through `?behaviour=`, the others through
 * `setBehaviour`, every key reset to its default first) and brings four legs of its own, named
 * with the variation's letter, so what one variation leaves in the room never answers for the
 * next. Dial-out legs take longer to bring (a dialog and ringing each): smaller groups.
 */
const GROUP_SIZE: Record<Origin, number> = { 'dial-in': 4, 'dial-out': 2 };

for (const origin of ['dial-in', 'dial-out'] as const) {
  const lettered = VARIATIONS.map((v, i) => ({ ...v, letter: 'ABCDEFGHIJKLMNOP'[i]! })).filter(
    (v) => (v.origins ?? ['dial-in', 'dial-out']).includes(origin),
  );
  for (let from = 0; from < lettered.length; from += GROUP_SIZE[origin]) {
    const group = lettered.slice(from, from + GROUP_SIZE[origin]);
    test(`seed scenarios from ${origin} legs — ${group.map((v) => v.name).join('; ')}`, async ({
      page,
    }) => {
      // The bound of one variation's test before they were grouped, per variation.
      test.setTimeout(60_000 * group.length);
      await joinSandbox(page, `?latency=30&ring=100${behaviourQuery(group[0]!.behaviour)}`);
      await fastSandbox(page, 150);
      for (const [i, v] of group.entries()) {
        await test.step(v.name, async () => {
          const behaviour = { ...DEFAULT_BEHAVIOUR, ...v.behaviour };
          if (i > 0) await page.evaluate((b) => window.sandbox!.setBehaviour(b), behaviour);
          expect(await page.evaluate(() => window.sandbox!.behaviour())).toEqual(behaviour);
          await seedScenarios(page, origin, v.behaviour, v.letter);
        });
      }
    });
  }
}

/** The four seed scenarios on legs named `<name> <letter>`, and what the agent reads after. */
async function seedScenarios(
  page: Page,
  origin: Origin,
  behaviour: Partial<SandboxBehaviour>,
  letter: string,
) {
  const scenarios = SCENARIOS.map((s) => ({ ...s, name: `${s.name} ${letter}` }));
  const ids: string[] = [];
  for (const s of scenarios) ids.push(await bringLeg(page, origin, s));
  for (const s of scenarios) await submitRowAction(page, s.action, s.name, s.to);
  for (const s of scenarios) {
    const item = recentList(page)
      .getByRole('listitem')
      .filter({ hasText: s.name })
      .filter({ hasText: s.action });
    await expect(item).toContainText(s.done);
    await expect(item).not.toContainText(UNTRUE);
    if (behaviour.leaveEvents === 'stopped-only') {
      // No participant-left: Daily still lists the participant, so the row stays, ended,
      // with nothing left to act on.
      const row = callRow(page, s.name);
      await expect(row).toContainText('Ended');
      await expect(row.getByRole('button', { name: /^(Transfer|Refer)/ })).toHaveCount(0);
    } else {
      await expect(callRow(page, s.name)).toHaveCount(0);
    }
  }
  for (const [i, s] of scenarios.entries()) {
    expect((await callsOf(page, s.method)).map((c) => c.args[0])).toContainEqual({
      sessionId: ids[i],
      toEndPoint: s.to,
    });
  }
}
