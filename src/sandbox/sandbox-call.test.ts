import type {
  DailyEvent,
  DailyParticipant,
  DailySipCallTransferOptions,
  DailyStartDialoutOptions,
} from '@daily-co/daily-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSandboxOptions } from './index';
import { SandboxCall } from './sandbox-call';
import { createSandboxControl, installSandboxControl } from './sandbox-control';
import type { SandboxCallOptions } from './sandbox-context';
import { REFER_REJECTED } from './sandbox-room';
import { DIAL_OUT_NOT_ALLOWED, TELEPHONY_NOT_ALLOWED } from './sandbox-telephony';

const L = 100; // latencyMs in these tests
const T = 1000; // transferDelayMs
const R = 500; // ringMs

const WATCHED: DailyEvent[] = [
  'joining-meeting',
  'joined-meeting',
  'left-meeting',
  'call-instance-destroyed',
  'error',
  'nonfatal-error',
  'participant-joined',
  // participant-updated (tracks becoming playable) has tests of its own below.
  'participant-left',
  'dialin-ready',
  'dialin-connected',
  'dialin-stopped',
  'dialin-warning',
  'dialin-error',
  'dialout-connected',
  'dialout-answered',
  'dialout-stopped',
  'dialout-error',
  'dialout-warning',
];

/** A call with a listener on the interesting events; `log` gets actions and test markers. */
function setup(options: SandboxCallOptions = {}) {
  // Most tests read rejections' `.message`; the string default has its own tests.
  const call = new SandboxCall({
    latencyMs: L,
    transferDelayMs: T,
    ringMs: R,
    ...options,
    behaviour: { serverRejection: 'error', ...options.behaviour },
  });
  const log: string[] = [];
  for (const event of WATCHED) call.on(event, (e) => log.push(e.action));
  const mark = (label: string) => () => {
    log.push(label);
  };
  return { call, log, mark };
}

async function joined(options: SandboxCallOptions = {}) {
  const s = setup(options);
  const joining = s.call.join();
  await vi.advanceTimersByTimeAsync(L);
  await joining;
  await vi.advanceTimersByTimeAsync(1); // the post-join network events
  s.log.length = 0;
  return s;
}

async function dialIn(call: SandboxCall, kind: 'pstn' | 'sip' = 'sip', name = 'Carol') {
  const from = kind === 'pstn' ? '+14155550123' : 'sip:carol@sip.example.com';
  const pending = call.dialIn({ kind, from, name });
  await vi.advanceTimersByTimeAsync(L);
  return pending;
}

function remote(call: SandboxCall, id: string): DailyParticipant | undefined {
  return call.participants()[id];
}

/** Settles a promise into a value the test can inspect without unhandled rejections. */
function settle<T>(promise: Promise<T>) {
  const result: { value?: T; error?: Error; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(result, { value, done: true }),
    (error: Error) => Object.assign(result, { error, done: true }),
  );
  return result;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('lifecycle', () => {
  it("a join with the server's room URL and token takes the room and the token's owner claim", async () => {
    const claims = (o: Record<string, unknown>) =>
      `e30.${btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;
    const owner = setup();
    const joining = owner.call.join({
      url: 'https://sandbox.daily.co/sales',
      token: claims({ r: 'sales', o: true }),
    });
    await vi.advanceTimersByTimeAsync(L);
    await joining;
    expect(await owner.call.room()).toMatchObject({ name: 'sales' });
    expect(owner.call.participants().local.owner).toBe(true);

    const agent = setup();
    const plain = agent.call.join({
      url: 'https://sandbox.daily.co/billing/',
      token: claims({ r: 'billing' }),
    });
    await vi.advanceTimersByTimeAsync(L);
    await plain;
    expect(await agent.call.room()).toMatchObject({ name: 'billing' });
    expect(agent.call.participants().local.owner).toBe(false);

    // A token that is not JWT-shaped changes nothing (the sandbox does not verify tokens).
    const odd = setup();
    const third = odd.call.join({ token: 'not-a-jwt' });
    await vi.advanceTimersByTimeAsync(L);
    await third;
    expect(odd.call.participants().local.owner).toBe(true);
  });

  it('joins asynchronously and emits the lifecycle in order', async () => {
    const { call, log } = setup();
    expect(call.meetingState()).toBe('new');
    expect(call.participants()).toEqual({});
    const joining = call.join({ userName: 'Agent Ann' });
    expect(log).toEqual([]);
    expect(call.meetingState()).toBe('joining-meeting');
    expect(Object.keys(call.participants())).toEqual(['local']);
    expect(call.participants().local.joined_at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['joining-meeting']);
    await vi.advanceTimersByTimeAsync(L);
    const participants = await joining;
    expect(call.meetingState()).toBe('joined-meeting');
    expect(participants && participants.local.user_name).toBe('Agent Ann');
    expect(call.participants().local.joined_at).toBeInstanceOf(Date);
    await vi.runAllTimersAsync();
    expect(call.events().map((e) => e.action)).toEqual([
      'joining-meeting',
      'joined-meeting',
      'access-state-updated',
      'participant-counts-updated',
      'network-connection',
      'network-connection',
      'dialin-ready',
    ]);
    const events = call.events();
    expect(events[1]).toMatchObject({ callClientId: call.callClientId });
    expect(events[2]).toMatchObject({ access: { level: 'full' } });
    expect(events[4]).toMatchObject({ type: 'signaling', event: 'connected' });
    expect(events[5]).toMatchObject({ type: 'sfu', event: 'connected' });
    expect(events[6]).toMatchObject({
      sipEndpoint: expect.stringMatching(/^sip:/),
      provider: 'daily',
    });
  });

  it('a second join while joined resolves without events, like daily-js', async () => {
    const { call, log } = await joined();
    await expect(call.join()).resolves.toBeUndefined();
    await vi.runAllTimersAsync();
    expect(log).toEqual([]);
  });

  it('a queued join failure rejects, emits error and ends in the error state', async () => {
    const { call, log } = setup();
    call.failNext('join', 'Failed to connect to the sandbox');
    const result = settle(call.join());
    await vi.runAllTimersAsync();
    expect(result.error?.message).toBe('Failed to connect to the sandbox');
    // Daily's docs: "A left-meeting event fires immediately after" a fatal error (issue 15).
    expect(log).toEqual(['joining-meeting', 'error', 'left-meeting']);
    expect(call.meetingState()).toBe('error');
    expect(call.participants()).toEqual({});
    const error = call.events().find((e) => e.action === 'error');
    expect(error).toMatchObject({
      errorMsg: 'Failed to connect to the sandbox',
      error: {
        type: 'connection-error',
        msg: 'Failed to connect to the sandbox',
        details: { on: 'join' },
      },
    });
    // A retry works, and leave() from 'error' resolves without an event.
    await call.leave();
    const retry = call.join();
    await vi.runAllTimersAsync();
    await expect(retry).resolves.toBeTruthy();
    expect(call.meetingState()).toBe('joined-meeting');
  });

  it('leave() empties the room, cancels timers and emits left-meeting last', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    const transfer = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:x@y.z' }));
    const dialOut = settle(call.startDialOut({ phoneNumber: '+14155550100' }));
    log.length = 0;
    const leaving = call.leave();
    expect(call.participants()).toEqual({});
    expect(call.participantCounts()).toEqual({ present: 0, hidden: 0 });
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    await leaving;
    expect(log).toEqual(['left-meeting']);
    expect(call.events().at(-1)?.action).toBe('left-meeting');
    expect(transfer.error?.message).toMatch(/interrupted/);
    expect(dialOut.error?.message).toMatch(/interrupted/);
    expect(call.meetingState()).toBe('left-meeting');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('destroy() leaves, emits call-instance-destroyed, and the call is then unusable', async () => {
    const { call, log } = await joined();
    const destroying = call.destroy();
    expect(call.isDestroyed()).toBe(false);
    await vi.runAllTimersAsync();
    await destroying;
    expect(log).toEqual(['left-meeting', 'call-instance-destroyed']);
    expect(call.isDestroyed()).toBe(true);
    await expect(call.join()).rejects.toThrow('Use after destroy');
    await expect(call.sendDTMF({ sessionId: 'x', tones: '1' })).rejects.toThrow(
      'sendDTMF() only supported after join.',
    );
    await expect(call.destroy()).resolves.toBeUndefined();
    expect(log).toEqual(['left-meeting', 'call-instance-destroyed']);
  });
});

describe('read methods and participants', () => {
  it('answer like daily-js before and after join', async () => {
    const { call } = setup();
    await expect(call.room()).resolves.toBeNull();
    await expect(call.getNetworkTopology()).resolves.toEqual({ topology: 'none' });
    expect(call.meetingSessionState()).toEqual({ data: undefined, topology: 'none' });
    await expect(call.enumerateDevices()).resolves.toEqual({ devices: [] });
    await expect(call.getInputDevices()).resolves.toEqual({ camera: {}, mic: {}, speaker: {} });
    const joining = call.join();
    await vi.runAllTimersAsync();
    await joining;
    await expect(call.room()).resolves.toMatchObject({
      name: 'sandbox-room',
      config: { enable_dialout: true, enable_dialin: true },
      domainConfig: {},
      tokenConfig: { is_owner: true },
    });
    await expect(call.getNetworkTopology()).resolves.toEqual({ topology: 'sfu' });
    expect(call.meetingSessionState()).toEqual({ data: undefined, topology: 'sfu' });
    expect(call.meetingSessionSummary().id).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.participantCounts()).toEqual({ present: 1, hidden: 0 });
  });

  it('builds realistic participants and fresh top-level objects', async () => {
    const { call } = await joined();
    const carol = await dialIn(call, 'sip');
    await vi.advanceTimersByTimeAsync(L); // media negotiated: audio playable
    const first = call.participants();
    const second = call.participants();
    expect(first).not.toBe(second);
    expect(Object.keys(first)).toEqual(['local', carol]);
    const p = first[carol];
    expect(p).toMatchObject({
      session_id: carol,
      user_id: carol,
      user_name: 'Carol',
      local: false,
      owner: false,
      record: false,
      participantType: 'sip-dial-in',
      networkQualityState: 'good',
      tracks: {
        audio: { state: 'playable', subscribed: true },
        video: { state: 'off', subscribed: false, off: { byUser: true } },
      },
    });
    expect(p?.will_eject_at).toEqual(new Date(0));
    expect(p?.joined_at).toBeInstanceOf(Date);
    expect(first.local).toMatchObject({
      local: true,
      owner: true,
      permissions: { canAdmin: true },
    });
    expect(call.participantCounts()).toEqual({ present: 2, hidden: 0 });
  });

  it('gives the local participant the role’s rights', async () => {
    const admin = await joined({ role: 'admin' });
    const canAdmin = admin.call.participants().local.permissions.canAdmin;
    expect(canAdmin instanceof Set && canAdmin.has('participants')).toBe(true);
    expect(admin.call.participants().local.owner).toBe(false);
    const plain = await joined({ role: 'participant' });
    expect(plain.call.participants().local.permissions.canAdmin).toBe(false);
    await expect(plain.call.room()).resolves.toMatchObject({ tokenConfig: { is_owner: false } });
  });

  it('uses the documented defaults', () => {
    expect(new SandboxCall().settings()).toMatchObject({
      latencyMs: 250,
      transferDelayMs: 1500,
      ringMs: 1000,
      role: 'owner',
      dialOutOutcome: 'answer',
    });
    expect(() => new SandboxCall({ latencyMs: -1 })).toThrow(RangeError);
  });
});

describe('dialIn and hangUp', () => {
  it('emits participant-joined then dialin-connected, never synchronously, then resolves', async () => {
    const { call, log, mark } = await joined();
    const pending = call.dialIn({ kind: 'pstn', from: '+14155550123', name: 'Bob' });
    pending.then(mark('resolved'));
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(L);
    const bob = await pending;
    expect(log).toEqual(['participant-joined', 'dialin-connected', 'resolved']);
    const connected = call.events().find((e) => e.action === 'dialin-connected');
    expect(connected).toMatchObject({
      sessionId: bob,
      sipEndpoint: 'sip:sandbox-room@sandbox.sip.daily.co',
      provider: 'signalwire',
      sipCallId: expect.any(String),
    });
    expect(connected?.sipFrom).toMatch(
      /^"Bob" <sip:\+14155550123@pstn\.sandbox\.daily\.co>;tag=\w+$/,
    );
    expect(remote(call, bob)).toMatchObject({ participantType: 'pstn-dial-in', user_name: 'Bob' });
    expect(call.telephonySessions()).toEqual([
      {
        sessionId: bob,
        type: 'pstn-dial-in',
        name: 'Bob',
        address: '+14155550123',
        referSupported: false,
      },
    ]);
  });

  it('formats SIP callers’ From header; unnamed callers take the room’s dial-in name', async () => {
    const { call } = await joined();
    const pending = call.dialIn({ kind: 'sip', from: 'sip:ivr@sip.example.com' });
    await vi.advanceTimersByTimeAsync(L);
    const id = await pending;
    const connected = call.events().find((e) => e.action === 'dialin-connected');
    expect(connected?.sipFrom).toMatch(/^<sip:ivr@sip\.example\.com>;tag=\w+$/);
    expect(connected?.provider).toBe('daily');
    expect(remote(call, id)?.user_name).toBe('Caller');
    call.setDialInDisplayName('Support line');
    const next = call.dialIn({ kind: 'pstn', from: '+14155550100' });
    await vi.advanceTimersByTimeAsync(L);
    expect(remote(call, await next)?.user_name).toBe('Support line');
    expect(() => call.setDialInDisplayName(' ')).toThrow(TypeError);
  });

  it('rejects bad input and calls before join', async () => {
    const { call } = setup();
    await expect(call.dialIn({ kind: 'pstn', from: '+14155550123' })).rejects.toThrow(/join/);
    const s = await joined();
    await expect(s.call.dialIn({ kind: 'pstn', from: '555-CALL' })).rejects.toBeInstanceOf(
      TypeError,
    );
    await expect(s.call.dialIn({ kind: 'sip', from: 'carol@example.com' })).rejects.toThrow(
      /not a SIP address/,
    );
  });

  it('a hang-up emits participant-left then dialin-stopped, asynchronously', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    log.length = 0;
    call.hangUp(carol);
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['participant-left', 'dialin-stopped']);
    expect(remote(call, carol)).toBeUndefined();
    expect(() => call.hangUp(carol)).toThrow(/no SIP\/PSTN leg/);
    const stopped = call.events().find((e) => e.action === 'dialin-stopped');
    expect(stopped).toMatchObject({
      sessionId: carol,
      provider: 'daily',
      sipFrom: expect.any(String),
    });
  });
});

describe('sipCallTransfer and sipRefer', () => {
  it('resolves after latency, then the caller leaves after the transfer delay', async () => {
    const { call, log, mark } = await joined();
    const carol = await dialIn(call);
    log.length = 0;
    const pending = call.sipCallTransfer({ sessionId: carol, toEndPoint: '+14155550100' });
    pending.then(mark('resolved'));
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(L);
    expect(log).toEqual(['resolved']);
    await vi.advanceTimersByTimeAsync(T - 1);
    expect(log).toEqual(['resolved']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['resolved', 'participant-left', 'dialin-stopped']);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['resolved', 'participant-left', 'dialin-stopped']);
    expect(call.calls()).toEqual([
      { method: 'sipCallTransfer', args: [{ sessionId: carol, toEndPoint: '+14155550100' }] },
    ]);
  });

  it('transferring a dial-out leg ends with dialout-stopped', async () => {
    const { call, log } = await joined();
    const started = call.startDialOut({ sipUri: 'sip:dave@sip.example.com' });
    await vi.runAllTimersAsync();
    const id = (await started).session?.sessionId ?? '';
    log.length = 0;
    void call.sipCallTransfer({ sessionId: id, toEndPoint: 'sip:queue@sip.example.com' });
    await vi.runAllTimersAsync();
    expect(log).toEqual(['participant-left', 'dialout-stopped']);
  });

  it('a REFER to a SIP caller removes the caller like a transfer', async () => {
    const { call, log, mark } = await joined();
    const carol = await dialIn(call, 'sip');
    log.length = 0;
    call
      .sipRefer({ sessionId: carol, toEndPoint: 'sip:desk@pbx.example.com' })
      .then(mark('resolved'));
    await vi.runAllTimersAsync();
    expect(log).toEqual(['resolved', 'participant-left', 'dialin-stopped']);
  });

  it('a REFER a PSTN leg cannot take ends in a warning and the caller stays', async () => {
    const { call, log, mark } = await joined();
    const bob = await dialIn(call, 'pstn', 'Bob');
    log.length = 0;
    call
      .sipRefer({ sessionId: bob, toEndPoint: 'sip:desk@pbx.example.com' })
      .then(mark('resolved'));
    await vi.runAllTimersAsync();
    expect(log).toEqual(['resolved', 'dialin-warning']);
    expect(call.events().at(-1)).toMatchObject({
      action: 'dialin-warning',
      sessionId: bob,
      errorMsg: REFER_REJECTED,
    });
    expect(remote(call, bob)).toBeDefined();
  });

  it('setReferSupport switches a leg’s REFER behaviour', async () => {
    const { call, log } = await joined();
    const bob = await dialIn(call, 'pstn', 'Bob');
    const carol = await dialIn(call, 'sip');
    call.setReferSupport(bob, true);
    call.setReferSupport(carol, false);
    expect(() => call.setReferSupport('nobody', true)).toThrow(/no SIP\/PSTN leg/);
    log.length = 0;
    void call.sipRefer({ sessionId: bob, toEndPoint: 'sip:desk@pbx.example.com' });
    void call.sipRefer({ sessionId: carol, toEndPoint: 'sip:desk@pbx.example.com' });
    await vi.runAllTimersAsync();
    expect(log).toEqual(['participant-left', 'dialin-stopped', 'dialin-warning']);
  });

  it('rejects unknown, web and local sessions', async () => {
    const { call } = await joined();
    const agent = call.addAgent('Second agent');
    await vi.runAllTimersAsync();
    for (const sessionId of ['nope', await agent, call.participants().local.session_id]) {
      const result = settle(call.sipCallTransfer({ sessionId, toEndPoint: 'sip:a@b.c' }));
      await vi.runAllTimersAsync();
      expect(result.error?.message).toBe(
        `sessionId ${sessionId} is not a SIP or PSTN participant in this room`,
      );
    }
  });

  it('a hang-up while the request is pending rejects it; the leave events come once', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    log.length = 0;
    const transfer = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c' }));
    await vi.advanceTimersByTimeAsync(L / 2);
    call.hangUp(carol);
    await vi.runAllTimersAsync();
    expect(transfer.error?.message).toBe(
      `sessionId ${carol} is not a SIP or PSTN participant in this room`,
    );
    expect(log).toEqual(['participant-left', 'dialin-stopped']);
  });

  it('a hang-up between resolve and the leave sequence cancels the sequence', async () => {
    const { call, log, mark } = await joined();
    const carol = await dialIn(call);
    log.length = 0;
    call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c' }).then(mark('resolved'));
    await vi.advanceTimersByTimeAsync(L + T / 2);
    call.hangUp(carol);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['resolved', 'participant-left', 'dialin-stopped']);
  });
});

describe('argument validation through the call', () => {
  async function rejection(promise: Promise<unknown>) {
    const result = settle(promise);
    await vi.runAllTimersAsync();
    return result.error?.message;
  }

  it('rejects like daily-js, and records every call', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    log.length = 0;
    const bad = (o: object) => o as DailySipCallTransferOptions;
    const cases: [Promise<unknown>, string][] = [
      [
        call.sipCallTransfer(bad({ sessionId: carol, toEndpoint: 'sip:a@b.c' })),
        'sipCallTransfer() requires a sessionId and toEndPoint',
      ],
      [
        call.sipRefer({ sessionId: carol, toEndPoint: 'sips:a@b.c' }),
        '"toEndPoint" must be a "sip" address',
      ],
      [
        call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c', callerId: 'c' }),
        'callerId is only valid when transferring to a PSTN number',
      ],
      [
        call.sipCallTransfer({ sessionId: carol, toEndPoint: '+1415', extension: '1'.repeat(21) }),
        'Error starting dial out: extension length must be less than or equal to 20',
      ],
      [
        call.sipCallTransfer({
          sessionId: carol,
          toEndPoint: '+1415',
          extension: '1',
          waitBeforeExtensionDialSec: 61,
        }),
        'Error starting dial out: waitBeforeExtensionDialSec must be less than or equal to 60',
      ],
      [
        call.sipCallTransfer({
          sessionId: carol,
          toEndPoint: '+1415',
          waitBeforeExtensionDialSec: 5,
        }),
        'Error starting dial out: waitBeforeExtensionDialSec requires a phoneNumber and extension',
      ],
      [call.sendDTMF({ sessionId: carol, tones: '12x' }), 'x is not valid DTMF tone'],
      [
        call.sendDTMF({ sessionId: carol, tones: '1'.repeat(21) }),
        'tones string must be upto 20 characters',
      ],
      [
        call.sendDTMF({ sessionId: carol, tones: '1', digitDurationMs: 49 }),
        'digitDurationMs must be between 50ms and 2000ms',
      ],
      [
        call.sendDTMF({ sessionId: carol, tones: '1', digitDurationMs: 2001 }),
        'digitDurationMs must be between 50ms and 2000ms',
      ],
      [
        call.startDialOut({
          sipUri: 'sip:a@b.c',
          phoneNumber: '+1415',
        } as DailyStartDialoutOptions),
        'Error starting dial out: only one of sip uri or phone number must be provided',
      ],
      [
        call.startDialOut({}),
        'Error starting dial out: either a sip uri or phone number must be provided',
      ],
      [
        call.startDialOut({ phoneNumber: '+1 415 555 0100' }),
        'Error starting dial out: Invalid phone number, must be valid phone number as per E.164',
      ],
    ];
    // Attach handlers at once: awaiting them one by one would leave the others unhandled.
    const messages = cases.map(([promise]) => rejection(promise));
    for (const [i, [, message]] of cases.entries()) expect(await messages[i]).toBe(message);
    expect(call.calls().map((c) => c.method)).toEqual([
      'sipCallTransfer',
      'sipRefer',
      'sipCallTransfer',
      'sipCallTransfer',
      'sipCallTransfer',
      'sipCallTransfer',
      'sendDTMF',
      'sendDTMF',
      'sendDTMF',
      'sendDTMF',
      'startDialOut',
      'startDialOut',
      'startDialOut',
    ]);
    expect(call.calls()[0]?.args).toEqual([{ sessionId: carol, toEndpoint: 'sip:a@b.c' }]);
    expect(log).toEqual([]);
    expect(remote(call, carol)).toBeDefined();
  });

  it('guards on join: rejections, except stopDialOut which throws synchronously', async () => {
    const { call } = setup();
    await expect(call.sipCallTransfer({ sessionId: 'a', toEndPoint: 'sip:a@b.c' })).rejects.toThrow(
      'sipCallTransfer() only supported after join.',
    );
    await expect(call.sipRefer({ sessionId: 'a', toEndPoint: 'sip:a@b.c' })).rejects.toThrow(
      'sipRefer() only supported after join.',
    );
    await expect(call.startDialOut({ phoneNumber: '+1415' })).rejects.toThrow(
      'startDialOut() only supported after join.',
    );
    expect(() => call.stopDialOut({ sessionId: 'a' })).toThrow(
      'stopDialOut() only supported after join.',
    );
    expect(call.calls().map((c) => c.method)).toEqual([
      'sipCallTransfer',
      'sipRefer',
      'startDialOut',
      'stopDialOut',
    ]);
  });

  it('copies arguments when the call is made', async () => {
    const { call } = await joined();
    const options = { sessionId: 'x', tones: '12' };
    void call.sendDTMF(options).catch(() => undefined);
    options.tones = '99';
    await vi.runAllTimersAsync();
    expect(call.calls()[0]?.args).toEqual([{ sessionId: 'x', tones: '12' }]);
  });
});

describe('failNext', () => {
  it('fails the next calls of a method in FIFO order, after latency and validation', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    call.failNext('sipCallTransfer', 'first');
    call.failNext('sipCallTransfer', 'second');
    log.length = 0;
    const invalid = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'nope' }));
    const a = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c' }));
    await vi.advanceTimersByTimeAsync(L - 1);
    expect(a.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const b = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c' }));
    const c = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c' }));
    await vi.runAllTimersAsync();
    expect(invalid.error?.message).toMatch(/must starts with/);
    expect(a.error?.message).toBe('first');
    expect(b.error?.message).toBe('second');
    expect(c.done && c.error).toBe(undefined);
    expect(log).toEqual(['participant-left', 'dialin-stopped']);
  });

  it('only knows SDK methods', () => {
    const { call } = setup();
    expect(() => call.failNext('sipTransfer', 'x')).toThrow(TypeError);
  });
});

describe('startDialOut', () => {
  const sequences: [string, string[], string | undefined][] = [
    [
      'answer',
      ['resolved', 'participant-joined', 'dialout-connected', 'dialout-answered'],
      undefined,
    ],
    [
      'busy',
      [
        'resolved',
        'participant-joined',
        'dialout-connected',
        'dialout-error',
        'participant-left',
        'dialout-stopped',
      ],
      'Busy here (486)',
    ],
    [
      'no-answer',
      [
        'resolved',
        'participant-joined',
        'dialout-connected',
        'dialout-error',
        'participant-left',
        'dialout-stopped',
      ],
      'No answer (480 Temporarily Unavailable)',
    ],
    [
      'error',
      [
        'resolved',
        'participant-joined',
        'dialout-connected',
        'dialout-error',
        'participant-left',
        'dialout-stopped',
      ],
      'Dial-out failed: 503 Service Unavailable',
    ],
  ];

  for (const [outcome, expected, errorMsg] of sequences) {
    it(`emits the ${outcome} sequence`, async () => {
      const { call, log, mark } = await joined();
      call.setDialOutOutcome(outcome as 'answer' | 'busy' | 'no-answer' | 'error');
      const started = call.startDialOut({ phoneNumber: '+14155550100', callerId: 'caller-uuid' });
      started.then(mark('resolved'));
      expect(log).toEqual([]);
      await vi.runAllTimersAsync();
      expect(log).toEqual(expected);
      const sessionId = (await started).session?.sessionId;
      expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(call.events().find((e) => e.action === 'dialout-connected')).toMatchObject({
        sessionId,
        destination: '+14155550100',
        callerId: 'caller-uuid',
        provider: 'signalwire',
        sipCallId: expect.any(String),
      });
      if (errorMsg) {
        expect(call.events().find((e) => e.action === 'dialout-error')).toMatchObject({
          sessionId,
          errorMsg,
        });
        expect(call.telephonySessions()).toEqual([]);
      }
    });
  }

  it('follows the documented timing', async () => {
    const { call, log, mark } = await joined();
    call.startDialOut({ sipUri: 'sip:dave@sip.example.com' }).then(mark('resolved'));
    await vi.advanceTimersByTimeAsync(L);
    expect(log).toEqual(['resolved']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['resolved', 'participant-joined']);
    await vi.advanceTimersByTimeAsync(L - 2);
    expect(log.at(-1)).toBe('participant-joined');
    await vi.advanceTimersByTimeAsync(1);
    expect(log.at(-1)).toBe('dialout-connected');
    await vi.advanceTimersByTimeAsync(R);
    expect(log.at(-1)).toBe('dialout-answered');
  });

  it('names the participant like Daily and keeps the destination', async () => {
    const { call } = await joined();
    const sip = call.startDialOut({ sipUri: 'sip:dave@sip.example.com', provider: 'daily' });
    const named = call.startDialOut({
      phoneNumber: '+14155550100',
      displayName: 'Eve',
      userId: 'u-1',
    });
    await vi.runAllTimersAsync();
    const sipId = (await sip).session?.sessionId ?? '';
    const namedId = (await named).session?.sessionId ?? '';
    expect(remote(call, sipId)).toMatchObject({
      user_name: 'dave',
      participantType: 'sip-dial-out',
    });
    expect(remote(call, namedId)).toMatchObject({
      user_name: 'Eve',
      user_id: 'u-1',
      participantType: 'pstn-dial-out',
    });
    expect(call.telephonySessions().map((s) => s.address)).toEqual([
      'sip:dave@sip.example.com',
      '+14155550100',
    ]);
    const sipConnected = call
      .events()
      .find((e) => e.action === 'dialout-connected' && e.sessionId === sipId);
    expect(sipConnected?.provider).toBe('daily');
  });
});

describe('stopDialOut, eject and DTMF', () => {
  it('stopDialOut resolves, then participant-left and dialout-stopped', async () => {
    const { call, log, mark } = await joined();
    const started = call.startDialOut({ phoneNumber: '+14155550100' });
    await vi.runAllTimersAsync();
    const sessionId = (await started).session?.sessionId ?? '';
    log.length = 0;
    call.stopDialOut({ sessionId }).then(mark('resolved'));
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['resolved', 'participant-left', 'dialout-stopped']);
    expect(call.events().find((e) => e.action === 'dialout-stopped')).toMatchObject({
      sessionId,
      destination: '+14155550100',
    });
  });

  it('stopDialOut while ringing cancels the outcome', async () => {
    const { call, log } = await joined();
    const started = call.startDialOut({ phoneNumber: '+14155550100' });
    await vi.advanceTimersByTimeAsync(L + 1);
    const sessionId = (await started).session?.sessionId ?? '';
    void call.stopDialOut({ sessionId });
    await vi.runAllTimersAsync();
    expect(log).toEqual([
      'participant-joined',
      'dialout-connected',
      'participant-left',
      'dialout-stopped',
    ]);
  });

  it('stopDialOut rejects NOT_FOUND for unknown and dial-in sessions', async () => {
    const { call } = await joined();
    const carol = await dialIn(call);
    for (const sessionId of ['nope', carol]) {
      const result = settle(call.stopDialOut({ sessionId }));
      await vi.runAllTimersAsync();
      expect(result.error?.message).toBe(`NOT_FOUND: no dial-out session ${sessionId}`);
    }
  });

  it('eject returns the call synchronously and removes the participant after latency', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    const agent = call.addAgent('Second agent');
    await vi.runAllTimersAsync();
    const agentId = await agent;
    log.length = 0;
    expect(call.updateParticipant(carol, { eject: true })).toBe(call);
    call.updateParticipant(agentId, { eject: true });
    call.updateParticipant(agentId, { setAudio: false });
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    expect(log).toEqual(['participant-left', 'dialin-stopped', 'participant-left']);
    expect(call.calls()).toEqual([
      { method: 'updateParticipant', args: [carol, { eject: true }] },
      { method: 'updateParticipant', args: [agentId, { eject: true }] },
    ]);
    expect(() => call.updateParticipant(carol, { kick: true } as object)).toThrow(
      'unrecognized updateParticipant property kick',
    );
  });

  it('sendDTMF resolves after latency and keeps the tones per session', async () => {
    const { call, log } = await joined();
    const carol = await dialIn(call);
    log.length = 0;
    const sent = settle(call.sendDTMF({ sessionId: carol, tones: '123#' }));
    void call.sendDTMF({ sessionId: carol, tones: '9' });
    const unknown = settle(call.sendDTMF({ sessionId: 'nope', tones: '1' }));
    expect(call.dtmfSent(carol)).toEqual([]);
    await vi.runAllTimersAsync();
    expect(sent.done && !sent.error).toBe(true);
    expect(call.dtmfSent(carol)).toEqual(['123#', '9']);
    expect(unknown.error?.message).toMatch(/not a SIP or PSTN participant/);
    expect(log).toEqual([]);
  });
});

describe('role participant', () => {
  it('rejects telephony and refuses ejects with a nonfatal-error', async () => {
    const { call, log } = await joined({ role: 'participant' });
    const carol = await dialIn(call);
    log.length = 0;
    const transfer = settle(call.sipCallTransfer({ sessionId: carol, toEndPoint: 'sip:a@b.c' }));
    const dialOut = settle(call.startDialOut({ phoneNumber: '+14155550100' }));
    call.updateParticipant(carol, { eject: true });
    await vi.runAllTimersAsync();
    expect(transfer.error?.message).toBe(TELEPHONY_NOT_ALLOWED);
    expect(dialOut.error?.message).toBe(DIAL_OUT_NOT_ALLOWED);
    expect(log).toEqual(['nonfatal-error']);
    expect(call.events().at(-1)).toMatchObject({ errorMsg: 'Not allowed to eject participants' });
    expect(remote(call, carol)).toBeDefined();
  });
});

describe('addParticipants and addAgent', () => {
  it('before join: the callers are simply there at join time', async () => {
    const { call, log } = setup();
    await call.addParticipants(3);
    expect(call.participants()).toEqual({});
    const joining = call.join();
    await vi.runAllTimersAsync();
    const participants = await joining;
    expect(Object.keys(participants ?? {})).toHaveLength(4);
    const joinedEvent = call.events().find((e) => e.action === 'joined-meeting');
    expect(Object.keys(joinedEvent?.participants as object)).toHaveLength(4);
    expect(log).not.toContain('participant-joined');
    expect(log).not.toContain('dialin-connected');
    expect(call.telephonySessions()).toEqual([
      {
        sessionId: expect.any(String),
        type: 'pstn-dial-in',
        name: 'Caller 0001',
        address: '+14155550001',
        referSupported: false,
      },
      {
        sessionId: expect.any(String),
        type: 'sip-dial-in',
        name: 'Caller 0002',
        address: 'sip:caller0002@sip.example.com',
        referSupported: true,
      },
      {
        sessionId: expect.any(String),
        type: 'pstn-dial-in',
        name: 'Caller 0003',
        address: '+14155550003',
        referSupported: false,
      },
    ]);
    expect(call.participantCounts()).toEqual({ present: 4, hidden: 0 });
  });

  it('after join: one macrotask of participant-joined, then the dial-in events', async () => {
    const { call, log } = await joined();
    let inFirstTask = 0;
    call.once('participant-joined', () => {
      queueMicrotask(() => {
        inFirstTask = log.length;
      });
    });
    const adding = settle(call.addParticipants(1000));
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    expect(inFirstTask).toBe(1000);
    expect(adding.done).toBe(true);
    expect(log.slice(0, 1000).every((a) => a === 'participant-joined')).toBe(true);
    expect(log.slice(1000).every((a) => a === 'dialin-connected')).toBe(true);
    expect(log).toHaveLength(2000);
    expect(call.participantCounts()).toEqual({ present: 1001, hidden: 0 });
    expect(call.telephonySessions().at(-1)?.name).toBe('Caller 1000');
    const counts = call.events().filter((e) => e.action === 'participant-counts-updated');
    expect(counts.at(-1)).toMatchObject({ participantCounts: { present: 1001, hidden: 0 } });
  });

  it('a pre-join caller who hangs up before the join just disappears', async () => {
    const { call, log } = setup();
    await call.addParticipants(2);
    const [first] = call.telephonySessions();
    call.hangUp(first?.sessionId ?? '');
    await vi.runAllTimersAsync();
    expect(log).toEqual([]);
    const joining = call.join();
    await vi.runAllTimersAsync();
    expect(Object.keys((await joining) ?? {})).toHaveLength(2);
  });

  it('rejects a bad count', async () => {
    const { call } = setup();
    await expect(call.addParticipants(-1)).rejects.toBeInstanceOf(RangeError);
    await expect(call.addParticipants(1.5)).rejects.toBeInstanceOf(RangeError);
  });

  it('another agent joins as a web participant', async () => {
    const { call, log } = await joined();
    const pending = call.addAgent('Second agent');
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    const id = await pending;
    expect(log).toEqual(['participant-joined']);
    const agent = remote(call, id);
    expect(agent).toMatchObject({ user_name: 'Second agent', local: false });
    expect(agent && 'participantType' in agent).toBe(false);
    expect(agent?.tracks.audio.state).toBe('off');
  });
});

describe('events and listeners', () => {
  it('a listener that throws does not break the others and is not logged', async () => {
    const errors = vi.spyOn(console, 'error');
    const { call } = setup();
    const boom = new Error('listener bug');
    const after = vi.fn();
    call.on('joined-meeting', () => {
      throw boom;
    });
    call.on('joined-meeting', after);
    const joining = call.join();
    await vi.runAllTimersAsync();
    await joining;
    expect(after).toHaveBeenCalledTimes(1);
    expect(call.listenerErrors()).toEqual([boom]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('off() removes a listener, ignores unknown ones; once() fires once', async () => {
    const call = new SandboxCall({ latencyMs: L });
    const handler = vi.fn();
    const once = vi.fn();
    expect(call.on('participant-joined', handler)).toBe(call);
    call.once('participant-joined', once);
    expect(call.off('participant-left', handler)).toBe(call);
    const joining = call.join();
    await vi.runAllTimersAsync();
    await joining;
    void call.addAgent('A');
    await vi.runAllTimersAsync();
    call.off('participant-joined', handler);
    void call.addAgent('B');
    await vi.runAllTimersAsync();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('events() lists every event in order as copies with action and callClientId', async () => {
    const { call } = await joined({ role: 'admin' });
    await dialIn(call);
    const events = call.events();
    expect(events.map((e) => e.action)).toContain('dialin-connected');
    for (const event of events) {
      expect(typeof event.action).toBe('string');
      expect(event.callClientId).toBe(call.callClientId);
    }
    expect(events.find((e) => e.action === 'joined-meeting')).toMatchObject({
      participants: { local: { permissions: { canAdmin: ['participants'] } } },
    });
    const first = events[0];
    if (first) first.action = 'changed';
    expect(call.events()[0]?.action).toBe('joining-meeting');
    expect(() => structuredClone(call.events())).not.toThrow();
  });

  it('subscribe() is notified on changes and version increases', async () => {
    const { call } = await joined();
    const listener = vi.fn();
    const unsubscribe = call.subscribe(listener);
    const before = call.version;
    await dialIn(call);
    expect(listener).toHaveBeenCalled();
    expect(call.version).toBeGreaterThan(before);
    unsubscribe();
    listener.mockClear();
    call.setLatency(10);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('settings', () => {
  it('validates delays and outcomes', () => {
    const call = new SandboxCall();
    expect(() => call.setLatency(-1)).toThrow(RangeError);
    expect(() => call.setLatency(Number.NaN)).toThrow(RangeError);
    expect(() => call.setTransferDelay(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => call.setDialOutOutcome('maybe' as 'answer')).toThrow(TypeError);
    call.setLatency(0);
    call.setTransferDelay(0);
    call.setDialOutOutcome('busy');
    expect(call.settings()).toMatchObject({
      latencyMs: 0,
      transferDelayMs: 0,
      dialOutOutcome: 'busy',
    });
  });

  it('latency 0 still never emits synchronously', async () => {
    const { call, log, mark } = setup({ latencyMs: 0 });
    const joining = call.join();
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    await joining;
    log.length = 0;
    const carol = call.dialIn({ kind: 'sip', from: 'sip:carol@sip.example.com' });
    expect(log).toEqual([]);
    await vi.runAllTimersAsync();
    call
      .sipCallTransfer({ sessionId: await carol, toEndPoint: 'sip:a@b.c' })
      .then(mark('resolved'));
    expect(log).toEqual(['participant-joined', 'dialin-connected']);
    await vi.runAllTimersAsync();
    expect(log.slice(2)).toEqual(['resolved', 'participant-left', 'dialin-stopped']);
  });
});

describe('window.sandbox', () => {
  it('exposes bound controls that drive the call', async () => {
    const { call, log } = await joined();
    const control = createSandboxControl(call);
    const { dialIn: dial, hangUp, events, calls, dtmfSent, setLatency } = control;
    setLatency(0);
    const pending = dial({ kind: 'pstn', from: '+14155550123', name: 'Bob' });
    await vi.runAllTimersAsync();
    const bob = await pending;
    void call.sendDTMF({ sessionId: bob, tones: '42' });
    await vi.runAllTimersAsync();
    hangUp(bob);
    await vi.runAllTimersAsync();
    expect(log).toEqual([
      'participant-joined',
      'dialin-connected',
      'participant-left',
      'dialin-stopped',
    ]);
    expect(events().at(-1)?.action).toBe('participant-counts-updated');
    expect(calls()).toHaveLength(1);
    expect(dtmfSent(bob)).toEqual(['42']);
    expect(Object.keys(control).sort()).toEqual(
      [
        'addAgent',
        'addParticipants',
        'calls',
        'dialIn',
        'dtmfSent',
        'events',
        'failNext',
        'hangUp',
        'setDialOutOutcome',
        'setLatency',
        'setReferSupport',
        'setTransferDelay',
        'setRingTime',
        'simulateWarning',
        'simulateNetworkChurn',
        'simulateBlip',
        'telephonySessions',
        'setBehaviour',
        'behaviour',
        'setDialInDisplayName',
        'dialOutElsewhere',
        'pressKeys',
        'simulateError',
        'reset',
        'traffic',
      ].sort(),
    );
  });

  it('installs on window and uninstalls only its own control', () => {
    const fakeWindow: { sandbox?: unknown } = {};
    vi.stubGlobal('window', fakeWindow);
    try {
      const uninstall = installSandboxControl(new SandboxCall());
      expect(typeof (fakeWindow.sandbox as { dialIn?: unknown }).dialIn).toBe('function');
      const uninstallSecond = installSandboxControl(new SandboxCall());
      uninstall();
      expect(fakeWindow.sandbox).toBeDefined();
      uninstallSecond();
      expect(fakeWindow.sandbox).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('parses ?latency=, ?ring= and ?role=, ignoring invalid values', () => {
    expect(parseSandboxOptions('?latency=40&role=admin')).toEqual({ latencyMs: 40, role: 'admin' });
    expect(parseSandboxOptions('?ring=100&latency=30')).toEqual({ ringMs: 100, latencyMs: 30 });
    expect(parseSandboxOptions('?ring=-1')).toEqual({});
    expect(parseSandboxOptions('?ring=soon')).toEqual({});
    expect(parseSandboxOptions('latency=0&role=participant')).toEqual({
      latencyMs: 0,
      role: 'participant',
    });
    expect(parseSandboxOptions('?latency=-5&role=root')).toEqual({});
    expect(parseSandboxOptions('?latency=abc')).toEqual({});
    expect(parseSandboxOptions('?latency=')).toEqual({});
    expect(parseSandboxOptions('')).toEqual({});
  });
});

describe('load and warning simulation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('simulateWarning emits a dial-in warning on the next task', async () => {
    const call = new SandboxCall({ latencyMs: 10 });
    const join = call.join();
    await vi.advanceTimersByTimeAsync(10);
    await join;
    const dial = call.dialIn({ kind: 'pstn', from: '+14155550100' });
    await vi.advanceTimersByTimeAsync(10);
    const id = await dial;
    const seen: unknown[] = [];
    call.on('dialin-warning', (e) => seen.push(e));
    call.simulateWarning(id, 'codec fallback');
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toMatchObject([
      { action: 'dialin-warning', sessionId: id, errorMsg: 'codec fallback' },
    ]);
    expect(() => call.simulateWarning('nope', 'x')).toThrow(/no SIP\/PSTN leg/);
  });

  it('simulateNetworkChurn emits in bursts and does not grow the recorder', async () => {
    const call = new SandboxCall({ latencyMs: 0 });
    const join = call.join();
    await vi.advanceTimersByTimeAsync(0);
    await join;
    await vi.advanceTimersByTimeAsync(10);
    const recorded = call.events().length;
    let n = 0;
    call.on('network-connection', () => n++);
    const done = call.simulateNetworkChurn(1200);
    await vi.advanceTimersByTimeAsync(0);
    expect(n).toBe(500);
    await vi.advanceTimersByTimeAsync(10);
    await done;
    expect(n).toBe(1200);
    expect(call.events().length).toBe(recorded);
    await expect(call.simulateNetworkChurn(-1)).rejects.toThrow(RangeError);
  });
});
