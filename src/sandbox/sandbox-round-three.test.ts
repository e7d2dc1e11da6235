/**
 * Issue 15's sandbox: realistic defaults where Daily's docs speak, and the switchable
 * behaviours where they do not (transfer targets that do not answer, late webhooks, a promise
 * that rejects although Daily acted).
 */
import type { DailyEvent } from '@daily-co/daily-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SandboxBehaviour } from './sandbox-behaviour';
import { SandboxCall } from './sandbox-call';
import { TRANSFERRED_CALL_RINGS } from './sandbox-room';

const L = 100;
const T = 1000;
const R = 500;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A joined call with one SIP caller; `log` lists SDK events and webhooks (`hook:` prefix). */
async function withCaller(behaviour: Partial<SandboxBehaviour> = {}) {
  const call = new SandboxCall({ latencyMs: L, transferDelayMs: T, ringMs: R, behaviour });
  const joining = call.join();
  await vi.advanceTimersByTimeAsync(L + 1);
  await joining;
  const pending = call.dialIn({ kind: 'sip', from: 'sip:ann@sip.example.com' });
  await vi.advanceTimersByTimeAsync(2 * L);
  const id = await pending;
  await vi.advanceTimersByTimeAsync(4 * L);
  const log: string[] = [];
  for (const e of ['participant-left', 'dialin-stopped'] as DailyEvent[]) {
    call.on(e, (ev) => log.push(ev.action));
  }
  call.onWebhook((w) => log.push(`hook:${w.type}`));
  return { call, id, log };
}

const settle = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => `rejected: ${e instanceof Error ? e.message : String(e)}`,
  );

describe('transfer targets (transferTarget)', () => {
  it('answers by default: answered, then completed when the call ends', async () => {
    const { call, id, log } = await withCaller();
    void call.sipCallTransfer({ sessionId: id, toEndPoint: '+12125550199' });
    await vi.advanceTimersByTimeAsync(L + T + R + TRANSFERRED_CALL_RINGS * R + 1);
    expect(log.filter((l) => l.startsWith('hook:calltransfer'))).toEqual([
      'hook:calltransfer.triggered',
      'hook:calltransfer.initiated',
      'hook:calltransfer.answered',
      'hook:calltransfer.completed',
    ]);
  });

  it.each(['busy', 'no-answer', 'fails'] as const)(
    '%s: the webhook lifecycle has no answered',
    async (transferTarget) => {
      const { call, id, log } = await withCaller({ transferTarget });
      void call.sipCallTransfer({ sessionId: id, toEndPoint: '+12125550199' });
      await vi.advanceTimersByTimeAsync(L + T + 2 * R + TRANSFERRED_CALL_RINGS * R + 1);
      expect(log.filter((l) => l.startsWith('hook:calltransfer'))).toEqual([
        'hook:calltransfer.triggered',
        'hook:calltransfer.initiated',
        'hook:calltransfer.completed',
      ]);
    },
  );
});

describe('webhook timing (webhookTiming)', () => {
  it.each([
    ['after', 2 * T],
    ['long-after', 10 * T],
  ] as const)('%s: the webhooks follow the SDK leave events', async (webhookTiming, delay) => {
    const { call, id, log } = await withCaller({ webhookTiming });
    // The caller's own dial-in webhooks are late too: read only the transfer's.
    const seen = () => log.filter((l) => !l.startsWith('hook:dialin'));
    void call.sipCallTransfer({ sessionId: id, toEndPoint: '+12125550199' });
    await vi.advanceTimersByTimeAsync(L + T + 1);
    expect(seen()).toEqual(['participant-left', 'dialin-stopped']);
    await vi.advanceTimersByTimeAsync(delay);
    expect(seen().slice(2, 4)).toEqual([
      'hook:calltransfer.triggered',
      'hook:calltransfer.initiated',
    ]);
  });
});

describe('a promise that rejects although Daily acted (transferPromise)', () => {
  it('rejects, and the caller is handed over all the same', async () => {
    const { call, id, log } = await withCaller({ transferPromise: 'rejects-after-acting' });
    const outcome = settle(call.sipCallTransfer({ sessionId: id, toEndPoint: '+12125550199' }));
    await vi.advanceTimersByTimeAsync(L + T + 1);
    expect(await outcome).toBe(
      'rejected: sipCallTransfer() was interrupted: the network connection was interrupted',
    );
    expect(log).toEqual([
      'hook:calltransfer.triggered',
      'participant-left',
      'dialin-stopped',
      'hook:dialin.stopped',
      'hook:calltransfer.initiated',
    ]);
  });
});

describe('ringback', () => {
  it("a dial-out's audio is playable from dialout-connected, before any answer", async () => {
    const call = new SandboxCall({ latencyMs: L, transferDelayMs: T, ringMs: R });
    const joining = call.join();
    await vi.advanceTimersByTimeAsync(L + 1);
    await joining;
    call.setDialOutOutcome('no-answer');
    const started = call.startDialOut({ phoneNumber: '+12125550100' });
    await vi.advanceTimersByTimeAsync(L);
    const id = (await started).session!.sessionId;
    await vi.advanceTimersByTimeAsync(L + 1);
    expect(call.participants()[id]?.tracks.audio.state).toBe('playable');
    expect(call.events().map((e) => e.action)).not.toContain('dialout-answered');
  });
});

describe('a network blip (simulateBlip)', () => {
  async function joinedCall() {
    const call = new SandboxCall({ latencyMs: L, transferDelayMs: T, ringMs: R });
    const joining = call.join();
    await vi.advanceTimersByTimeAsync(L + 1);
    await joining;
    const log: string[] = [];
    for (const e of ['network-connection', 'error', 'left-meeting'] as DailyEvent[]) {
      call.on(e, (ev) => {
        const n = ev as { action: string; type?: string; event?: string };
        log.push(n.event ? `${n.type}:${n.event}` : n.action);
      });
    }
    return { call, log, me: call.participants().local.session_id };
  }

  it('keeps presence and session id, and reconnects within the limit', async () => {
    const { call, log, me } = await joinedCall();
    call.simulateBlip(5_000);
    expect(call.meetingState()).toBe('joined-meeting');
    expect(call.participants().local.session_id).toBe(me);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(log).toEqual([
      'signaling:interrupted',
      'sfu:interrupted',
      'signaling:connected',
      'sfu:connected',
    ]);
    expect(call.participants().local.session_id).toBe(me);
  });

  it('past the limit: the fatal connection-error with details.on, then left-meeting', async () => {
    const { call, log } = await joinedCall();
    call.simulateBlip(60_000, 300);
    await vi.advanceTimersByTimeAsync(301);
    expect(log).toEqual(['signaling:interrupted', 'sfu:interrupted', 'error', 'left-meeting']);
    const error = call.events().find((e) => e.action === 'error') as {
      error?: { type: string; details: { on: string } };
    };
    expect(error.error).toMatchObject({ type: 'connection-error', details: { on: 'reconnect' } });
    expect(call.meetingState()).toBe('error');
  });
});
