import { describe, expect, it } from 'vitest';
import { legCost, type Rates } from './cost-meter';
import {
  actorPhrase,
  consoleActionPayload,
  readConsoleAction,
  startedByLabel,
} from './console-action';
import { phaseLabel } from './leg-action-words';
import { startAction, stepAction } from './leg-action';
import {
  stuckReason,
  transferWords,
  wallAddress,
  wallKindLabel,
  wallState,
  type WallLeg,
  type WallTransfer,
} from './wall';
import { churnSummary, wallItems, DEFAULT_FILTER } from './wall-view';

const MIN = 60_000;
const leg = (over: Partial<WallLeg> = {}): WallLeg => ({
  session_id: 's1',
  room: 'support',
  direction: 'dial-in',
  network: 'pstn',
  from_addr: '+14155550124',
  to_addr: null,
  display_name: 'Quinn',
  started_at: 0,
  ended_at: null,
  state: 'connected',
  detail: null,
  ...over,
});
const transfer = (over: Partial<WallTransfer> = {}): WallTransfer => ({
  session_id: 's1',
  to_endpoint: '+12025550143',
  room: 'support',
  from_endpoint: '+14155550124',
  refer: false,
  triggered_at: 1_000,
  initiated_at: null,
  answered_at: null,
  completed_at: null,
  outcome: 'requested',
  ...over,
});
const RATES: Rates = { currency: 'USD', perMinute: { pstn: 0.01, sip: 0.002 }, referFee: 0.05 };

describe('the wall reads a leg', () => {
  it('kind and address from a SIP From header with a display name', () => {
    const l = leg({ network: null, from_addr: '"Pat" <sip:+14155550124@carrier.example.com>' });
    expect(wallKindLabel(l)).toBe('PSTN · dial-in');
    expect(wallAddress(l)).toBe('+1 415 555 0124');
    expect(wallKindLabel(leg({ network: null, from_addr: null }))).toBe('Unknown');
  });

  it('states: connected, transferring → target, answered by the target, ended', () => {
    expect(wallState(leg(), undefined)).toBe('connected');
    expect(wallState(leg({ started_at: null }), undefined)).toBe('connecting');
    expect(wallState(leg(), transfer())).toBe('transferring');
    const initiated = transfer({ initiated_at: 2_000, outcome: 'initiated' });
    expect(wallState(leg({ ended_at: 2_000, state: 'transferred' }), initiated)).toBe(
      'transferring',
    );
    const answered = { ...initiated, answered_at: 3_000, outcome: 'answered' as const };
    expect(wallState(leg({ ended_at: 2_000 }), answered)).toBe('target-answered');
    expect(wallState(leg({ ended_at: 2_000 }), { ...answered, completed_at: 9_000 })).toBe('ended');
    expect(wallState(leg({ ended_at: 5_000, state: 'failed' }), undefined)).toBe('failed');
  });

  it("says a transfer's progress in the console's own words (shared, not copied)", () => {
    const t = transfer({ initiated_at: 2_000, answered_at: 3_000, outcome: 'answered' });
    let action = startAction(
      {
        id: 'a',
        method: 'transfer',
        sessionId: 's1',
        callerName: 'Quinn',
        destination: t.to_endpoint,
      },
      0,
    );
    action = stepAction(action, { type: 'resolved' }, 1);
    action = stepAction(action, { type: 'participant-left', sessionId: 's1' }, 2);
    action = stepAction(
      action,
      { type: 'transfer-webhook', stage: 'initiated', sessionId: 's1' },
      3,
    );
    action = stepAction(
      action,
      { type: 'transfer-webhook', stage: 'answered', sessionId: 's1' },
      4,
    );
    expect(transferWords(t)).toBe(phaseLabel(action));
    expect(transferWords(transfer())).toMatch(/^Transfer accepted/);
    expect(transferWords(transfer({ refer: true, initiated_at: 2_000 }))).toBe(
      'Referred — Daily has left the call',
    );
  });

  it('flags a transfer stuck past its bounds, and only then', () => {
    const bounds = { initiate: 10_000, ring: 20_000 };
    expect(stuckReason(transfer(), 10_000, bounds)).toBeUndefined();
    expect(stuckReason(transfer(), 12_000, bounds)).toMatch(/accepted 11 s ago, never initiated/);
    const ringing = transfer({ initiated_at: 2_000 });
    expect(stuckReason(ringing, 21_000, bounds)).toBeUndefined();
    expect(stuckReason(ringing, 23_000, bounds)).toMatch(/never answered \(ring bound 20 s\)/);
    expect(stuckReason({ ...ringing, answered_at: 3_000 }, 99_000, bounds)).toBeUndefined();
    // A refer is done once initiated: Daily has left, nothing is to be answered.
    expect(stuckReason({ ...ringing, refer: true }, 99_000, bounds)).toBeUndefined();
  });
});

describe('cost meter (spec §6)', () => {
  const meterLeg = { network: 'pstn' as const, startedAt: 0, endedAt: null };
  it('bills a live leg per minute of its network', () => {
    expect(legCost(meterLeg, [], RATES, 3 * MIN).amount).toBeCloseTo(0.03);
    expect(legCost({ ...meterLeg, network: 'sip' }, [], RATES, 3 * MIN).amount).toBeCloseTo(0.006);
    expect(legCost({ ...meterLeg, endedAt: MIN }, [], RATES, 3 * MIN).amount).toBeCloseTo(0.01);
  });

  it('a PSTN→PSTN transfer is two PSTN minutes per minute, until it completes', () => {
    const t = {
      toEndpoint: '+12025550143',
      refer: false,
      initiatedAt: MIN,
      answeredAt: MIN,
      completedAt: null,
    };
    // One minute before the transfer, then two legs for two minutes.
    const cost = legCost({ ...meterLeg, endedAt: MIN }, [t], RATES, 3 * MIN);
    expect(cost.minutes.pstn).toBeCloseTo(5);
    expect(cost.amount).toBeCloseTo(0.05);
    const done = legCost(
      { ...meterLeg, endedAt: MIN },
      [{ ...t, completedAt: 2 * MIN }],
      RATES,
      9 * MIN,
    );
    expect(done.minutes.pstn).toBeCloseTo(3);
  });

  it('a refer costs its one-time fee and stops the leg when Daily leaves', () => {
    const r = {
      toEndpoint: 'sip:desk@pbx.example.com',
      refer: true,
      initiatedAt: MIN,
      answeredAt: null,
      completedAt: null,
    };
    const cost = legCost({ network: 'sip', startedAt: 0, endedAt: null }, [r], RATES, 5 * MIN);
    expect(cost.fees).toBe(0.05);
    expect(cost.minutes.sip).toBeCloseTo(1);
  });
});

describe('who acted', () => {
  it('round-trips through the stored payload and reads the same everywhere', () => {
    const action = {
      room: 'support',
      sessionId: 's1',
      method: 'hang-up' as const,
      stage: 'requested' as const,
      by: 'Demo Supervisor',
      role: 'supervisor',
      via: 'wall' as const,
    };
    const read = readConsoleAction({
      type: 'console.action',
      payload: consoleActionPayload(action),
    });
    expect(read).toEqual(action);
    expect(actorPhrase(read!)).toBe('Ended by Demo Supervisor');
    expect(actorPhrase({ ...read!, method: 'transfer' })).toBe('Transferred by Demo Supervisor');
    expect(startedByLabel(read)).toBe('Demo Supervisor (supervisor, from the wall)');
    expect(startedByLabel(undefined)).toBe('elsewhere');
    expect(
      readConsoleAction({ type: 'dialin.connected', payload: consoleActionPayload(action) }),
    ).toBeUndefined();
    expect(readConsoleAction({ type: 'console.action', payload: { room: 'x' } })).toBeUndefined();
  });
});

describe('the wall view', () => {
  it('groups by room with counts, sorts by duration, filters by world, kind, state and search', () => {
    const legs = [
      leg({ session_id: 'a', room: 'support.w1', started_at: 5_000 }),
      leg({ session_id: 'b', room: 'support.w1', started_at: 1_000, display_name: 'Pat' }),
      leg({
        session_id: 'c',
        room: 'sales.w1',
        network: 'sip',
        from_addr: 'sip:x@pbx.example.com',
      }),
      leg({ session_id: 'd', room: 'support.w2' }),
      leg({ session_id: 'e', room: 'support.w1', ended_at: 9_000, state: 'ended' }),
    ];
    const view = (f = {}) =>
      wallItems(
        legs,
        () => undefined,
        { ...DEFAULT_FILTER, world: 'w1', ...f },
        () => 0,
      );
    const v = view();
    expect(v.rooms).toBe(2);
    expect(
      v.items.map((i) => (i.type === 'room' ? `${i.label}:${i.count}` : i.row.leg.session_id)),
    ).toEqual(['sales:1', 'c', 'support:2', 'b', 'a']);
    expect(
      view({ sort: 'shortest' })
        .items.slice(3)
        .map((i) => i.type === 'leg' && i.row.leg.session_id),
    ).toEqual(['a', 'b']);
    expect(view({ state: '' }).legs).toBe(4);
    expect(view({ kind: 'sip-dial-in' }).legs).toBe(1);
    expect(view({ search: 'pat' }).legs).toBe(1);
    expect(view({ search: '415 555' }).legs).toBe(2);
    expect(view({ room: 'sal' }).legs).toBe(1);
  });

  it('sums up churn in one sentence, or says nothing', () => {
    expect(churnSummary(3, 1, 10_000)).toBe('3 calls started, 1 call ended in the last 10 s');
    expect(churnSummary(0, 2, 10_000)).toBe('2 calls ended in the last 10 s');
    expect(churnSummary(0, 0, 10_000)).toBeUndefined();
  });
});
