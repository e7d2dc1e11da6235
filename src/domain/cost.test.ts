import { describe, expect, it } from 'vitest';
import {
  dialOutCostNotice,
  networkOfLeg,
  referCostNotice,
  transferCostNotice,
  type CostNotice,
  type LegNetwork,
} from './cost';
import { TELEPHONY_TYPES, type TelephonyType } from './telephony';

const NETWORKS: LegNetwork[] = ['pstn', 'sip'];

function text(notice: CostNotice): string {
  return [notice.headline, ...notice.lines].join('\n');
}

function expectClean(notice: CostNotice): void {
  expect(notice.headline.length).toBeGreaterThan(0);
  expect(notice.lines.length).toBeGreaterThan(0);
  for (const line of notice.lines) expect(line.trim().length).toBeGreaterThan(0);
  expect(text(notice)).not.toMatch(/undefined|null|NaN|\$\{/);
}

describe('networkOfLeg', () => {
  it.each([
    ['pstn-dial-in', 'pstn'],
    ['pstn-dial-out', 'pstn'],
    ['sip-dial-in', 'sip'],
    ['sip-dial-out', 'sip'],
  ] as [TelephonyType, LegNetwork][])('%s → %s', (type, network) => {
    expect(networkOfLeg(type)).toBe(network);
  });
});

describe('transferCostNotice', () => {
  const legLabel: Record<TelephonyType, string> = {
    'pstn-dial-in': 'PSTN dial-in',
    'pstn-dial-out': 'PSTN dial-out',
    'sip-dial-in': 'SIP dial-in',
    'sip-dial-out': 'SIP dial-out',
  };
  const rate: Record<LegNetwork, Record<LegNetwork, string>> = {
    pstn: {
      pstn: '2 PSTN minutes per minute',
      sip: '1 SIP minute + 1 PSTN minute per minute',
    },
    sip: {
      pstn: '1 SIP minute + 1 PSTN minute per minute',
      sip: '2 SIP minutes per minute',
    },
  };
  const combos = TELEPHONY_TYPES.flatMap((from) => NETWORKS.map((to) => [from, to] as const));

  it('covers all 8 combinations', () => {
    expect(combos).toHaveLength(8);
  });

  it.each(combos)('%s → %s', (from, to) => {
    const notice = transferCostNotice(from, to);
    expectClean(notice);
    const all = text(notice);
    expect(notice.lines[0]).toBe(`Caller: ${legLabel[from]} → new leg: ${to.toUpperCase()}`);
    expect(all).toMatch(/caller leaves this room/i);
    expect(all).toMatch(/Daily stays in the call path/);
    expect(all).toMatch(/Both legs .* keep being billed for the whole transferred call/);
    const fromNetwork = from.startsWith('pstn') ? 'pstn' : 'sip';
    expect(all).toContain(rate[fromNetwork][to]);
    const mixed = fromNetwork !== to;
    expect(all.includes("Daily's implied rule, not a quoted price")).toBe(mixed);
    // The only rate line quoted is the one for this pair.
    for (const other of new Set(Object.values(rate).flatMap((r) => Object.values(r)))) {
      if (other !== rate[fromNetwork][to]) expect(all).not.toContain(other);
    }
    // Refer is offered as the alternative only for SIP callers.
    expect(/use Refer/.test(all)).toBe(fromNetwork === 'sip');
  });
});

describe('referCostNotice', () => {
  it('explains the hand-off, the one-time fee and the REFER requirement', () => {
    const notice = referCostNotice();
    expectClean(notice);
    const all = text(notice);
    expect(all).toMatch(/hands the call back to the originating SIP system/);
    expect(all).toMatch(/leaves the call for good/);
    expect(all).toMatch(/no way back from this console/);
    expect(all).toMatch(/one-time SIP REFER fee may apply/);
    expect(all).toMatch(/contact Daily for pricing/);
    expect(all).toMatch(/only works if the originating SIP system accepts REFER/);
    expect(all).toMatch(/otherwise use Transfer/);
  });

  it('returns a fresh object each time (safe to mutate)', () => {
    const a = referCostNotice();
    a.lines.push('x');
    expect(referCostNotice().lines).not.toContain('x');
  });
});

describe('dialOutCostNotice', () => {
  it.each([
    ['pstn', 'PSTN', 'phone number'],
    ['sip', 'SIP', 'SIP address'],
  ] as [LegNetwork, string, string][])('%s', (to, name, target) => {
    const notice = dialOutCostNotice(to);
    expectClean(notice);
    const all = text(notice);
    expect(notice.headline).toBe(`Dial-out adds a new ${name} leg to this room`);
    expect(all).toContain(target);
    expect(all).toMatch(
      new RegExp(`billed per minute \\(${name} minutes\\) while it is connected`),
    );
    expect(all).not.toContain(name === 'PSTN' ? 'SIP minutes' : 'PSTN minutes');
  });
});
