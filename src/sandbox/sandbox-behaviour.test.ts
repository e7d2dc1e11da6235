import type { DailyEvent } from '@daily-co/daily-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSandboxOptions } from './index';
import {
  BEHAVIOUR_KEYS,
  DEFAULT_BEHAVIOUR,
  checkBehaviour,
  parseBehaviour,
  type SandboxBehaviour,
} from './sandbox-behaviour';
import { SandboxCall } from './sandbox-call';
import { CODEC_WARNING, DIAL_OUT_ERRORS, REFER_REJECTED } from './sandbox-room';

const L = 100;
const T = 1000;
const R = 500;

const WATCHED: DailyEvent[] = [
  'participant-joined',
  'participant-updated',
  'participant-left',
  'dialin-connected',
  'dialin-stopped',
  'dialin-warning',
  'dialin-error',
  'dialout-connected',
  'dialout-answered',
  'dialout-stopped',
  'dialout-error',
  'dialout-warning',
  'dtmf-event' as DailyEvent,
];

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A joined call; `log` lists event names and test markers from now on. */
async function joined(behaviour: Partial<SandboxBehaviour> = {}) {
  const call = new SandboxCall({ latencyMs: L, transferDelayMs: T, ringMs: R, behaviour });
  const log: string[] = [];
  for (const e of WATCHED) call.on(e, (ev) => log.push(ev.action));
  const joining = call.join();
  await vi.advanceTimersByTimeAsync(L + 1);
  await joining;
  log.length = 0;
  const mark = (label: string) => () => void log.push(label);
  return { call, log, mark };
}

async function caller(call: SandboxCall, kind: 'sip' | 'pstn' = 'sip', name?: string) {
  const from = kind === 'pstn' ? '+14155550123' : 'sip:carol@sip.example.com';
  const pending = call.dialIn({ kind, from, ...(name ? { name } : {}) });
  await vi.advanceTimersByTimeAsync(2 * L);
  return pending;
}

describe('checkBehaviour / parseBehaviour', () => {
  it('defaults are the first choice of every key', () => {
    expect(DEFAULT_BEHAVIOUR).toEqual({
      leaveTiming: 'after-resolve',
      leaveEvents: 'both',
      telephonyEvents: 'everyone',
      dialOutSession: 'with-session',
      dialOutJoin: 'at-dial',
      dialOutFailure: 'error-and-stopped',
      transferDialOutEvents: false,
      referWarnings: false,
      referRefusal: 'warning',
      ejectEndsLeg: true,
      serverRejection: 'string',
      transferTarget: 'answers',
      webhookTiming: 'with-events',
      transferPromise: 'truthful',
    });
    expect(BEHAVIOUR_KEYS).toHaveLength(14);
  });

  it('parses key:value lists with booleans', () => {
    expect(parseBehaviour('leaveTiming:before-resolve, transferDialOutEvents:true')).toEqual({
      ok: true,
      value: { leaveTiming: 'before-resolve', transferDialOutEvents: true },
    });
  });

  it.each([
    ['leaveTiming', 'wrong', /leaveTiming must be one of after-resolve, before-resolve/],
    ['nope:1', undefined, /unknown key "nope"/],
    ['leaveTiming', undefined, /is not key:value/],
  ])('refuses %s:%s with a specific message', (key, value, message) => {
    const result = parseBehaviour(value === undefined ? key : `${key}:${value}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses non-objects and wrong types', () => {
    expect(checkBehaviour(null).ok).toBe(false);
    expect(checkBehaviour({ referWarnings: 'yes' }).ok).toBe(false);
  });

  it('URL options: behaviour, dial-in name, SIP dial-in; a bad behaviour is ignored whole', () => {
    expect(parseSandboxOptions('?behaviour=leaveEvents:stopped-only&dialInName=Support')).toEqual({
      behaviour: { leaveEvents: 'stopped-only' },
      dialInDisplayName: 'Support',
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(parseSandboxOptions('?behaviour=leaveEvents:x&sipDialIn=off')).toEqual({
      sipDialIn: false,
    });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ignoring \?behaviour=/));
    warn.mockRestore();
  });

  it('setBehaviour validates and applies; behaviour() returns a copy', async () => {
    const { call } = await joined();
    expect(() => call.setBehaviour({ leaveTiming: 'sometimes' as 'after-resolve' })).toThrow(
      TypeError,
    );
    call.setBehaviour({ leaveEvents: 'participant-left-only' });
    const b = call.behaviour();
    b.leaveEvents = 'both';
    expect(call.behaviour().leaveEvents).toBe('participant-left-only');
  });
});

describe('realistic defaults', () => {
  it('a dial-in joins with audio loading, then playable (participant-updated)', async () => {
    const { call, log } = await joined();
    const id = await caller(call);
    expect(log).toEqual(['participant-joined', 'dialin-connected', 'participant-updated']);
    expect(call.participants()[id]?.tracks.audio.state).toBe('playable');
    const joinedEvent = call.events().find((e) => e.action === 'participant-joined');
    expect(
      (joinedEvent?.participant as { tracks: { audio: { state: string } } }).tracks.audio.state,
    ).toBe('loading');
  });

  it('server-side rejections are strings; argument errors stay Errors', async () => {
    const { call } = await joined();
    call.failNext('sipCallTransfer', 'Forbidden');
    const id = await caller(call);
    const refused = call.sipCallTransfer({ sessionId: id, toEndPoint: '+12125550100' });
    const caught = refused.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(L);
    expect(await caught).toBe('Forbidden');
    await expect(
      call.sipCallTransfer({ sessionId: id, toEndPoint: 'tel:1' }),
    ).rejects.toBeInstanceOf(Error);
    call.setBehaviour({ serverRejection: 'object' });
    call.failNext('sipRefer', 'Nope');
    const obj = call.sipRefer({ sessionId: id, toEndPoint: 'sip:a@b.c' }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(L);
    expect(await obj).toEqual({ errorMsg: 'Nope' });
  });

  it('no dialin-ready without SIP dial-in configured; SIP dial-ins are refused', async () => {
    const call = new SandboxCall({ latencyMs: L, sipDialIn: false });
    const ready: string[] = [];
    call.on('dialin-ready', (e) => ready.push(e.action));
    const joining = call.join();
    await vi.advanceTimersByTimeAsync(L + 1);
    await joining;
    expect(ready).toEqual([]);
    await expect(call.dialIn({ kind: 'sip', from: 'sip:a@b.c' })).rejects.toThrow(/no SIP dial-in/);
  });

  it('pressKeys emits one dtmf-event per tone', async () => {
    const { call, log } = await joined();
    const id = await caller(call);
    log.length = 0;
    call.pressKeys(id, '1#');
    await vi.advanceTimersByTimeAsync(2 * L);
    expect(log).toEqual(['dtmf-event', 'dtmf-event']);
    expect(
      call
        .events()
        .filter((e) => e.action === 'dtmf-event')
        .map((e) => e.tone),
    ).toEqual(['1', '#']);
    expect(() => call.pressKeys(id, 'x')).toThrow(/not valid DTMF tone/);
  });

  it('simulateError: dialin-error, then the leg ends', async () => {
    const { call, log } = await joined();
    const id = await caller(call);
    log.length = 0;
    call.simulateError(id, 'SDP negotiation failed');
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['dialin-error', 'participant-left', 'dialin-stopped']);
  });

  it('a dial-out that never starts: {} then a dialout-error without sessionId', async () => {
    const { call, log } = await joined();
    call.setDialOutOutcome('start-failed');
    const started = call.startDialOut({ phoneNumber: '+12125550100', userId: 'u-1' });
    await vi.advanceTimersByTimeAsync(2 * L);
    await expect(started).resolves.toEqual({});
    expect(log).toEqual(['dialout-error']);
    const error = call.events().find((e) => e.action === 'dialout-error');
    expect(error).not.toHaveProperty('sessionId');
    expect(error).toMatchObject({ userId: 'u-1', errorMsg: DIAL_OUT_ERRORS['start-failed'] });
  });

  it('simulateWarning works on a leg whose transfer is in flight', async () => {
    const { call, log } = await joined();
    const id = await caller(call);
    void call.sipCallTransfer({ sessionId: id, toEndPoint: 'sip:x@y.z' });
    await vi.advanceTimersByTimeAsync(L);
    log.length = 0;
    call.simulateWarning(id, 'careful');
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['dialin-warning']);
  });
});

describe('variations', () => {
  it('leaveTiming before-resolve: the leave events, then the promise', async () => {
    const { call, log, mark } = await joined({ leaveTiming: 'before-resolve' });
    const id = await caller(call);
    log.length = 0;
    void call.sipCallTransfer({ sessionId: id, toEndPoint: 'sip:x@y.z' }).then(mark('resolved'));
    await vi.advanceTimersByTimeAsync(L + T + 1);
    expect(log).toEqual(['participant-left', 'dialin-stopped', 'resolved']);
  });

  it.each([
    ['both', ['participant-left', 'dialin-stopped']],
    ['participant-left-only', ['participant-left']],
    ['stopped-only', ['dialin-stopped']],
  ] as const)('leaveEvents %s', async (leaveEvents, expected) => {
    const { call, log } = await joined({ leaveEvents });
    const id = await caller(call);
    log.length = 0;
    call.hangUp(id);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(expected);
  });

  it('telephonyEvents initiator-only: no dial events for dial-ins, but for own actions', async () => {
    const { call, log } = await joined({ telephonyEvents: 'initiator-only' });
    const id = await caller(call);
    expect(log).toEqual(['participant-joined', 'participant-updated']);
    log.length = 0;
    void call.sipCallTransfer({ sessionId: id, toEndPoint: 'sip:x@y.z' });
    await vi.advanceTimersByTimeAsync(L + T);
    expect(log).toEqual(['participant-left', 'dialin-stopped']);
  });

  it('dialOutSession without-session and dialOutJoin at-answer', async () => {
    const { call, log } = await joined({
      dialOutSession: 'without-session',
      dialOutJoin: 'at-answer',
    });
    const started = call.startDialOut({ phoneNumber: '+12125550100', userId: 'u-2' });
    await vi.advanceTimersByTimeAsync(L);
    await expect(started).resolves.toEqual({});
    await vi.advanceTimersByTimeAsync(L + R);
    expect(log).toEqual(['dialout-connected', 'dialout-answered', 'participant-joined']);
    const joinedEv = call.events().find((e) => e.action === 'participant-joined');
    expect(joinedEv?.participant).toMatchObject({
      user_id: 'u-2',
      tracks: { audio: { state: 'playable' } },
    });
  });

  // Issue 15: ringback is audio ("the initiator will hear the call ringing"): playable from
  // dialout-connected on (it used to become playable only at the answer).
  it('dial-out at dial: joins with audio loading, ringback playable from connected', async () => {
    const { call, log } = await joined();
    void call.startDialOut({ phoneNumber: '+12125550100' });
    await vi.advanceTimersByTimeAsync(2 * L + R);
    expect(log).toEqual([
      'participant-joined',
      'dialout-connected',
      'participant-updated',
      'dialout-answered',
    ]);
  });

  it('dialOutFailure stopped-only: busy ends the leg without an error', async () => {
    const { call, log } = await joined({ dialOutFailure: 'stopped-only' });
    call.setDialOutOutcome('busy');
    void call.startDialOut({ phoneNumber: '+12125550100' });
    await vi.advanceTimersByTimeAsync(3 * L + 1);
    expect(log).toEqual([
      'participant-joined',
      'dialout-connected',
      'participant-updated',
      'participant-left',
      'dialout-stopped',
    ]);
  });

  it('transferDialOutEvents: a PSTN transfer reports the new leg under a new session id', async () => {
    const { call, log } = await joined({ transferDialOutEvents: true });
    const id = await caller(call, 'pstn');
    log.length = 0;
    void call.sipCallTransfer({ sessionId: id, toEndPoint: '+12125550199' });
    await vi.advanceTimersByTimeAsync(L + T + R);
    expect(log).toEqual([
      'participant-left',
      'dialin-stopped',
      'dialout-connected',
      'dialout-answered',
    ]);
    const newLeg = call.events().filter((e) => e.action === 'dialout-answered')[0];
    expect(newLeg?.sessionId).not.toBe(id);
    expect(newLeg?.destination).toBe('+12125550199');
  });

  it('a transfer to another Daily room creates no dial-out events', async () => {
    const { call, log } = await joined({ transferDialOutEvents: true });
    const id = await caller(call);
    log.length = 0;
    void call.sipCallTransfer({ sessionId: id, toEndPoint: 'sip:room-b@acme.sip.daily.co' });
    await vi.advanceTimersByTimeAsync(L + T + R);
    expect(log).toEqual(['participant-left', 'dialin-stopped']);
  });

  it('referWarnings and referRefusal silent', async () => {
    const { call, log } = await joined({ referWarnings: true, referRefusal: 'silent' });
    const id = await caller(call);
    call.setReferSupport(id, false);
    log.length = 0;
    void call.sipRefer({ sessionId: id, toEndPoint: 'sip:q@y.z' });
    await vi.advanceTimersByTimeAsync(L + T + 1);
    expect(log).toEqual(['dialin-warning']);
    const warnings = call.events().filter((e) => e.action === 'dialin-warning');
    expect(warnings.map((w) => w.errorMsg)).toEqual([CODEC_WARNING]);
    expect(call.participants()[id]).toBeDefined();
  });

  it('referRefusal warning (the default) sends the invented text', async () => {
    const { call } = await joined();
    const id = await caller(call);
    call.setReferSupport(id, false);
    void call.sipRefer({ sessionId: id, toEndPoint: 'sip:q@y.z' });
    await vi.advanceTimersByTimeAsync(L + T + 1);
    expect(call.events().at(-1)).toMatchObject({
      action: 'dialin-warning',
      errorMsg: REFER_REJECTED,
    });
  });

  it('ejectEndsLeg false: the participant leaves, the phone leg stays', async () => {
    const { call, log } = await joined({ ejectEndsLeg: false });
    const id = await caller(call);
    log.length = 0;
    call.updateParticipant(id, { eject: true });
    await vi.advanceTimersByTimeAsync(L + 1);
    expect(log).toEqual(['participant-left']);
    call.hangUp(id);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['participant-left', 'dialin-stopped']);
  });

  it('dialOutElsewhere: rings and answers; its dial events only reach everyone-consoles', async () => {
    for (const telephonyEvents of ['everyone', 'initiator-only'] as const) {
      const { call, log } = await joined({ telephonyEvents });
      const pending = call.dialOutElsewhere({ phoneNumber: '+12125550177', displayName: 'Bot' });
      await vi.advanceTimersByTimeAsync(3 * L + R);
      const id = await pending;
      expect(call.participants()[id]).toMatchObject({
        user_name: 'Bot',
        participantType: 'pstn-dial-out',
        tracks: { audio: { state: 'playable' } },
      });
      expect(log).toEqual(
        telephonyEvents === 'everyone'
          ? ['participant-joined', 'dialout-connected', 'participant-updated', 'dialout-answered']
          : ['participant-joined', 'participant-updated'],
      );
    }
  });

  it('stopDialOut does no argument checking: the server answers NOT_FOUND', async () => {
    const { call } = await joined();
    const stopped = call.stopDialOut(undefined as unknown as { sessionId: string });
    const caught = stopped.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(L);
    expect(await caught).toBe('NOT_FOUND: no dial-out session undefined');
  });
});
