/**
 * The queue engine against a real (in-memory) store: the faults of issue 18 — two agents
 * accepting at once, an agent's browser closing during an offer, the caller hanging up while
 * offered, a restart with calls waiting or being routed — and the offer order, Break, wrap-up
 * and the bounds.
 * No call may be lost, handled twice or left waiting forever.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openPglite, type Database } from '../store/database';
import { migrate } from '../store/migrations';
import { pgliteImage } from '../test-support/prepared';
import { QueueEngine, type RouteOutcome, type QueueSink } from './engine';
import { createQueueStore, type QueueStore, type Strategy } from './queue-store';
import type { MeView } from './views';

const log = pino({ level: 'silent' });
let db: Database;
let store: QueueStore;
let clock: number;
let routed: string[];
let outcome: RouteOutcome;
/** The route never answers (the server stops mid-route). */
let hang = false;
/** Daily's answer for particular calls (else `outcome`). */
let outcomeOf: Record<string, RouteOutcome>;

async function engine() {
  const e = new QueueEngine({
    store,
    log,
    now: () => clock,
    timings: { offerTimeoutMs: 10_000, waitAlertMs: 30_000, maxWaitMs: 60_000 },
    route: async (call, room) => {
      routed.push(`${call.callId}→${room}`);
      return hang
        ? new Promise<RouteOutcome>(() => undefined)
        : (outcomeOf[call.callId] ?? outcome);
    },
  });
  await e.start();
  return e;
}

/** An agent's console: its stream's last `me`, and a way to close it. */
async function online(e: QueueEngine, username: string) {
  const seen: MeView[] = [];
  const sink: QueueSink = {
    send: (event, data) => void (event === 'me' && seen.push(data as MeView)),
  };
  const leave = e.connect(username, sink);
  await e.tick();
  return { last: () => seen[seen.length - 1]!, leave };
}

async function queue(strategy: Strategy, members: string[]) {
  await store.createQueue(
    { name: 'Support', numbers: ['+14155550100'], members, wrapUpS: 30, strategy },
    clock,
  );
}

let n = 0;
const arrive = (e: QueueEngine, to = '+14155550100') =>
  e.arrive({ callId: `call-${++n}`, callDomain: 'dom', from: '+14155550199', to });

// One store for the file (opening PGlite is the slow part); each test starts from empty tables.
beforeAll(async () => {
  db = await openPglite(undefined, undefined, pgliteImage());
  await migrate(db);
  store = createQueueStore(db);
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.query(
    'TRUNCATE queues, queue_numbers, queue_members, agent_status, queue_calls CASCADE',
  );
  clock = 1_000_000;
  routed = [];
  outcome = { ok: true };
  hang = false;
  outcomeOf = {};
});

describe('queue engine', () => {
  it('two agents accepting at once: exactly one wins, the other is told who did', async () => {
    await queue('ring-all', ['ann', 'bob']);
    const e = await engine();
    const ann = await online(e, 'ann');
    const bob = await online(e, 'bob');
    await e.setStatus('ann', 'available');
    await e.setStatus('bob', 'available');
    const { call } = await arrive(e);
    expect(ann.last().offer?.callId).toBe(call.callId);
    expect(bob.last().offer?.callId).toBe(call.callId);
    const results = await Promise.allSettled([
      e.accept('ann', call.callId, 'room-a'),
      e.accept('bob', call.callId, 'room-b'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(routed).toHaveLength(1);
    const stored = await store.call(call.callId);
    expect(stored?.state).toBe('connected');
    const loser = stored?.handledBy === 'ann' ? bob : ann;
    expect(loser.last().offer).toBeNull();
    expect(loser.last().status).toBe('available');
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason)).toMatch(/took this call|no longer offered/);
  });

  it('the claim itself is one conditional update: of two concurrent claims one matches', async () => {
    await queue('ring-all', ['ann']);
    const e = await engine();
    const { call } = await arrive(e);
    const claims = await Promise.all(
      ['ann', 'bob'].map((who) =>
        store.changeCall(call.callId, ['waiting'], { state: 'routing', handledBy: who }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('longest idle first; a decline or a ring-out moves the call on; Break gets nothing', async () => {
    await queue('longest-idle', ['ann', 'bob', 'cy']);
    const e = await engine();
    const [ann, bob, cy] = [await online(e, 'ann'), await online(e, 'bob'), await online(e, 'cy')];
    await e.setStatus('cy', 'break');
    await e.setStatus('bob', 'available');
    clock += 1000;
    await e.setStatus('ann', 'available');
    const { call } = await arrive(e);
    expect(bob.last().offer?.callId).toBe(call.callId);
    expect(ann.last().offer).toBeNull();
    await e.decline('bob', call.callId);
    expect(ann.last().offer?.callId).toBe(call.callId);
    clock += 10_000;
    await e.tick();
    expect(ann.last().offer).toBeNull();
    expect(cy.last().offer).toBeNull();
    // Nobody left who has not declined: it is reported late, then given up, not kept forever.
    clock += 20_000;
    await e.tick();
    expect((await store.call(call.callId))?.late).toBe(true);
    clock += 30_000;
    await e.tick();
    expect((await store.call(call.callId))?.state).toBe('unanswered');
    expect(e.counts()).toEqual({ waiting: 0, offers: 0 });
  });

  it("an agent's browser closing during an offer: the call moves on at once", async () => {
    await queue('longest-idle', ['ann', 'bob']);
    const e = await engine();
    const ann = await online(e, 'ann');
    const bob = await online(e, 'bob');
    await e.setStatus('ann', 'available');
    clock += 1;
    await e.setStatus('bob', 'available');
    const { call } = await arrive(e);
    expect(ann.last().offer?.callId).toBe(call.callId);
    ann.leave();
    await e.tick();
    expect(bob.last().offer?.callId).toBe(call.callId);
    expect(e.me('ann').status).toBe('offline');
  });

  it('the caller hangs up while offered: accepting says so, the call is abandoned, the agent is free', async () => {
    await queue('ring-all', ['ann']);
    const e = await engine();
    await online(e, 'ann');
    await e.setStatus('ann', 'available');
    const { call } = await arrive(e);
    outcome = { ok: false, gone: true, error: 'gone' };
    await expect(e.accept('ann', call.callId, 'room-a')).rejects.toThrow(/hung up/);
    expect((await store.call(call.callId))?.state).toBe('abandoned');
    expect(e.me('ann').status).toBe('available');
    expect(e.counts().waiting).toBe(0);
  });

  it('Daily failing otherwise: the call waits again and is offered again', async () => {
    await queue('ring-all', ['ann']);
    const e = await engine();
    const ann = await online(e, 'ann');
    await e.setStatus('ann', 'available');
    const { call } = await arrive(e);
    outcome = { ok: false, gone: false, error: 'Daily had an error' };
    await expect(e.accept('ann', call.callId, 'room-a')).rejects.toThrow(/Daily had an error/);
    expect((await store.call(call.callId))?.state).toBe('waiting');
    expect(ann.last().offer?.callId).toBe(call.callId);
  });

  it('a restart with calls waiting: they are offered again when agents reconnect', async () => {
    await queue('ring-all', ['ann']);
    const first = await engine();
    await online(first, 'ann');
    await first.setStatus('ann', 'available');
    await first.setStatus('ann', 'break');
    const { call } = await arrive(first);
    const second = await engine();
    expect(second.counts().waiting).toBe(1);
    const ann = await online(second, 'ann');
    expect(ann.last().status).toBe('break');
    expect(ann.last().offer).toBeNull();
    await second.setStatus('ann', 'available');
    expect(ann.last().offer?.callId).toBe(call.callId);
  });

  it('the same call id twice is recorded once; a number without a queue is recorded as unrouted', async () => {
    await queue('ring-all', ['ann']);
    const e = await engine();
    const first = await e.arrive({
      callId: 'dup',
      callDomain: 'd',
      from: '+1',
      to: '+14155550100',
    });
    const again = await e.arrive({
      callId: 'dup',
      callDomain: 'd',
      from: '+1',
      to: '+14155550100',
    });
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    const stray = await arrive(e, '+442071838750');
    expect(stray.call.state).toBe('unrouted');
    expect(e.counts().waiting).toBe(1);
  });

  it('busy on accept, wrap-up when the call ends, Available after filing or when wrap-up runs out', async () => {
    await queue('ring-all', ['ann']);
    const e = await engine();
    const ann = await online(e, 'ann');
    await e.setStatus('ann', 'available');
    const first = (await arrive(e)).call;
    await e.accept('ann', first.callId, 'room-a');
    expect(ann.last().status).toBe('busy');
    await expect(e.setStatus('ann', 'break')).rejects.toThrow(/on a call/);
    await e.legEvent('dialin.connected', 'room-a', 'sess-1', 'sip:+14155550199@pstn.example');
    await e.legEvent('dialin.stopped', 'room-a', 'sess-1', undefined);
    expect(ann.last().status).toBe('wrap-up');
    await e.wrapUp('ann', first.callId, 'resolved', 'Reset the password');
    expect(ann.last().status).toBe('available');
    expect(await store.call(first.callId)).toMatchObject({
      state: 'filed',
      disposition: 'resolved',
      note: 'Reset the password',
      sessionId: 'sess-1',
    });
    const second = (await arrive(e)).call;
    await e.accept('ann', second.callId, 'room-a');
    await e.legEvent('dialin.connected', 'room-a', 'sess-2', '+14155550199');
    await e.legEvent('dialin.stopped', 'room-a', 'sess-2', undefined);
    clock += 30_000;
    await e.tick();
    expect(ann.last().status).toBe('available');
    expect((await store.call(second.callId))?.state).toBe('filed');
  });

  it('a restart while a won call is routed: routed again once; if Daily says gone, the arrival or the bound settles it', async () => {
    await queue('longest-idle', ['ann', 'bob']);
    const first = await engine();
    for (const who of ['ann', 'bob']) {
      await online(first, who);
      await first.setStatus(who, 'available');
      clock += 1;
    }
    const a = (await arrive(first)).call;
    const b = (await arrive(first)).call;
    hang = true;
    // The server stops while Daily is being asked to route both: their fate is unknown.
    const stopped = [
      first.accept('ann', a.callId, 'room-a'),
      first.accept('bob', b.callId, 'room-b'),
    ];
    void Promise.all(stopped);
    await expect.poll(() => routed.length).toBe(2);
    hang = false;
    // After the restart, `a` is routed again and connects; for `b` Daily says "gone".
    outcomeOf = { [b.callId]: { ok: false, gone: true, error: 'gone' } };
    const second = await engine();
    await expect.poll(async () => (await store.call(a.callId))?.state).toBe('connected');
    expect(routed.filter((r) => r === `${b.callId}→room-b`)).toHaveLength(2);
    expect(second.me('ann').status).toBe('busy');
    // `b` stays theirs (no second winner) until the caller's arrival or the bound.
    await second.tick();
    expect((await store.call(b.callId))?.state).toBe('routing');
    expect(second.me('bob').status).toBe('busy');
    clock += 60_000;
    await second.tick();
    expect(await store.call(b.callId)).toMatchObject({ state: 'abandoned', handledBy: 'bob' });
    expect(second.me('bob').status).toBe('available');
    expect((await store.call(a.callId))?.state).toBe('connected');
  });
});
