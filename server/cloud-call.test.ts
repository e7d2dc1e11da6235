/**
 * The console's side of the simulated cloud (`CloudSandboxCall`, src/sandbox/cloud-call.ts) in
 * Node against a real server: daily-js's lifecycle and shapes, results in order with events,
 * rejections in the engine's shapes, a left join that settles, a reset, a lost server and its
 * return.
 */
import net, { type AddressInfo } from 'node:net';
import type { DailyEvent } from '@daily-co/daily-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerLink } from '../src/domain/server-link';
import { CloudSandboxCall } from '../src/sandbox/engine';
import { startTestServer, type TestServer } from './test-support/harness';

let server: TestServer;
let seq = 0;

beforeAll(async () => {
  server = await startTestServer(
    {},
    { cloud: { timings: { latencyMs: 10, ringMs: 30, transferDelayMs: 30 } } },
  );
});
afterAll(() => server.close());

async function token(room: string): Promise<string> {
  const res = await fetch(`${server.url}/api/rooms/${room}/token`, {
    method: 'POST',
    headers: { cookie: server.cookie },
  });
  return ((await res.json()) as { token: string }).token;
}

function call(world = `cc-${process.pid}-${++seq}`) {
  return new CloudSandboxCall({
    world,
    server: { origin: server.url, cookie: server.cookie },
  });
}

/** Resolves with the next event of that kind matching `where`. */
function next(
  c: CloudSandboxCall,
  action: DailyEvent,
  where: (e: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const handler = (e: unknown) => {
      if (!where(e as Record<string, unknown>)) return;
      c.off(action, handler);
      resolve(e as Record<string, unknown>);
    };
    c.on(action, handler);
  });
}

const participantId = (e: Record<string, unknown>) =>
  (e.participant as { session_id?: string } | undefined)?.session_id;

const join = async (c: CloudSandboxCall, room = 'support', userName = 'Agent') =>
  c.join({ url: `https://sandbox.daily.co/${room}`, token: await token(room), userName });

describe('CloudSandboxCall', () => {
  it("joins like daily-js: joining → joined with participants, then dialin-ready for the room's SIP address", async () => {
    const c = call();
    const states: string[] = [];
    c.on('joining-meeting', () => states.push(c.meetingState()));
    const ready = next(c, 'dialin-ready');
    const participants = await join(c, 'sales', 'Ana');
    expect(states).toEqual(['joining-meeting']);
    expect(c.meetingState()).toBe('joined-meeting');
    expect(participants && participants.local.user_name).toBe('Ana');
    expect(participants && participants.local.joined_at).toBeInstanceOf(Date);
    expect((await ready).sipEndpoint).toBe('sip:sales@sandbox.sip.daily.co');
    expect(await c.room()).toMatchObject({ name: 'sales' });
    await c.leave();
    expect(c.meetingState()).toBe('left-meeting');
    expect(c.participants()).toEqual({});
  });

  it('a transfer resolves, then the caller leaves; events carry this call object’s id', async () => {
    const c = call();
    await join(c);
    const id = await c.dialIn({ kind: 'pstn', from: '+14155550123', name: 'Pat' });
    expect(c.participants()[id]?.participantType).toBe('pstn-dial-in');
    const order: string[] = [];
    const left = next(c, 'participant-left').then((e) => {
      order.push('participant-left');
      return e;
    });
    await c.sipCallTransfer({ sessionId: id, toEndPoint: '+12025550143' }).then(() => {
      order.push('resolved');
    });
    const event = await left;
    expect(order).toEqual(['resolved', 'participant-left']);
    expect(event.callClientId).toBe(c.callClientId);
    expect(c.participants()[id]).toBeUndefined();
    expect(c.calls()).toEqual([
      { method: 'sipCallTransfer', args: [{ sessionId: id, toEndPoint: '+12025550143' }] },
    ]);
    await c.leave();
  });

  it("rejections keep the engine's shapes: an Error for bad arguments, a string from the server", async () => {
    const c = call();
    await join(c);
    await expect(c.sipCallTransfer({ sessionId: 'x', toEndPoint: '' })).rejects.toBeInstanceOf(
      Error,
    );
    const refused = await c
      .sipCallTransfer({ sessionId: 'nope', toEndPoint: '+12025550143' })
      .catch((e: unknown) => e);
    expect(typeof refused).toBe('string');
    expect(refused).toContain('not a SIP or PSTN participant');
    await c.setBehaviour({ serverRejection: 'object' });
    const shaped = await c
      .sipCallTransfer({ sessionId: 'nope', toEndPoint: '+12025550143' })
      .catch((e: unknown) => e);
    expect(shaped).toEqual({ errorMsg: expect.stringContaining('not a SIP') });
    await c.leave();
  });

  it('leaving while joining settles the join (no promise waits forever)', async () => {
    const c = call();
    const t = await token('support');
    const joining = c.join({ url: 'https://sandbox.daily.co/support', token: t });
    const settled = expect(joining).rejects.toThrow(/interrupted|left/);
    await c.leave();
    await settled;
  });

  it('a reset world ends the room with an error that says so; a rejoin starts clean', async () => {
    const world = `cc-reset-${++seq}`;
    const c = call(world);
    await join(c);
    await c.dialIn({ kind: 'pstn', from: '+14155550124' });
    const error = next(c, 'error');
    await c.reset();
    expect(String((await error).errorMsg)).toContain('The room closed');
    expect(c.meetingState()).toBe('error');
    await join(c);
    expect(c.telephonySessions()).toEqual([]);
    await c.leave();
  });

  it('without a token for the room the join fails like daily-js: an error event and a rejection', async () => {
    const c = call();
    const error = next(c, 'error');
    await expect(
      c.join({ url: 'https://sandbox.daily.co/support', token: await token('sales') }),
    ).rejects.toThrow(/token/);
    expect((await error).error).toMatchObject({ type: 'connection-error' });
    expect(c.meetingState()).toBe('error');
  });
});

describe('CloudSandboxCall when the network goes', () => {
  /** A TCP proxy between the console and the server: cutting it is a network loss. */
  async function proxy(to = server.url) {
    const target = new URL(to);
    const sockets = new Set<net.Socket>();
    const upstreams = new Map<net.Socket, net.Socket>();
    const state = { down: false };
    const listener = net.createServer((client) => {
      // Down: the server is unreachable (every connection is dropped at once).
      if (state.down) return void client.destroy();
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      upstreams.set(upstream, client);
      upstream.on('close', () => upstreams.delete(upstream));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    return {
      origin: `http://127.0.0.1:${(listener.address() as AddressInfo).port}`,
      setDown: (down: boolean) => (state.down = down),
      /** The open connections go silent (no reset: the server's bytes stop arriving). */
      silence: () => {
        for (const [upstream, client] of upstreams) {
          upstream.unpipe(client);
          upstream.pause();
        }
      },
      cut: () => {
        for (const s of sockets) s.destroy();
      },
      close: () => new Promise<void>((r) => listener.close(() => r())),
    };
  }

  it('a blip: interrupted, then reconnected by itself with the room as it is now', async () => {
    const link = await proxy();
    const world = `cc-blip-${++seq}`;
    const c = new CloudSandboxCall({
      world,
      server: { origin: link.origin, cookie: server.cookie },
    });
    const other = call(world);
    try {
      await join(c);
      await join(other, 'support', 'Other');
      const pat = await c.dialIn({ kind: 'pstn', from: '+14155550126', name: 'Pat' });
      const events: string[] = [];
      c.on('network-connection', (e) => events.push(`${e.type}:${e.event}`));
      const back = next(c, 'network-connection', (e) => e.event === 'connected');
      const left = next(c, 'participant-left', (e) => participantId(e) === pat);
      link.cut();
      // While this console is away, the caller it knew hangs up and another dials in.
      await other.hangUp(pat);
      const kim = await other.dialIn({ kind: 'pstn', from: '+14155550127', name: 'Kim' });
      await back;
      await left;
      expect(events[0]).toBe('signaling:interrupted');
      expect(c.meetingState()).toBe('joined-meeting');
      expect(c.participants()[pat]).toBeUndefined();
      expect(c.participants()[kim]?.user_name).toBe('Kim');
      // And it works again.
      const again = await c.dialIn({ kind: 'sip', from: 'sip:lee@example.com' });
      expect(c.participants()[again]).toBeDefined();
    } finally {
      await c.leave();
      await other.leave();
      await link.close();
    }
  });

  /** Resolves once the call's link satisfies `test` (checked on every change it reports). */
  function linkWhen(c: CloudSandboxCall, test: (l: ServerLink) => boolean): Promise<ServerLink> {
    return new Promise((resolve) => {
      const check = () => {
        if (!test(c.link())) return;
        stop();
        resolve(c.link());
      };
      const stop = c.subscribe(check);
      check();
    });
  }
  const waiting = (l: ServerLink) => l.status === 'reconnecting' && l.nextAttemptAt !== undefined;

  it('a loss that lasts: the room as last seen stays, attempts go on with backoff (fresh tokens), "try now" skips the wait', async () => {
    const link = await proxy();
    const c = new CloudSandboxCall({
      world: `cc-net-${++seq}`,
      server: { origin: link.origin, cookie: server.cookie },
      // Waits this long would outlast the test: only reconnectNow() can bring it back in time.
      backoff: { firstMs: 600_000, maxMs: 600_000, factor: 1, jitter: 0 },
    });
    let minted = 0;
    c.setTokenSource(() => {
      minted++;
      return token('support');
    });
    try {
      await join(c);
      const pat = await c.dialIn({ kind: 'pstn', from: '+14155550125', name: 'Pat' });
      const events: string[] = [];
      c.on('network-connection', (e) => events.push(`${e.type}:${e.event}`));
      c.on('error', () => events.push('error'));
      link.setDown(true);
      link.cut();
      const lost = await linkWhen(c, waiting);
      expect(lost).toMatchObject({ status: 'reconnecting', attempts: 0 });
      // Still in the meeting, with the participants as last seen; calls say why they fail.
      expect(c.meetingState()).toBe('joined-meeting');
      expect(c.participants()[pat]?.user_name).toBe('Pat');
      await expect(c.dialIn({ kind: 'pstn', from: '+14155550126' })).rejects.toThrow(
        'dialIn() was not sent: the connection to the sandbox cloud is down (reconnecting)',
      );
      // An attempt while the server is still away fails, and the next one is scheduled.
      c.reconnectNow();
      const failed = await linkWhen(
        c,
        (l) => waiting(l) && l.status === 'reconnecting' && !!l.error,
      );
      expect(failed).toMatchObject({ attempts: 1 });
      link.setDown(false);
      const back = next(c, 'network-connection', (e) => e.event === 'connected');
      c.reconnectNow();
      await back;
      expect(c.link()).toEqual({ status: 'live' });
      expect(minted).toBe(2);
      expect(events).toEqual(['signaling:interrupted', 'signaling:connected']);
      expect(c.participants()[pat]?.user_name).toBe('Pat');
      expect(await c.dialIn({ kind: 'sip', from: 'sip:lee@example.com' })).toBeTruthy();
      // Leaving while it waits ends the attempts.
      link.setDown(true);
      link.cut();
      await linkWhen(c, waiting);
      await c.leave();
      expect(c.link()).toEqual({ status: 'live' });
      expect(c.meetingState()).toBe('left-meeting');
    } finally {
      await c.leave();
      await link.close();
    }
  }, 60_000);

  it('a server of its own: a stream gone silent (no reset, no heartbeat) counts as lost and comes back by itself; shutting down closes the room and says why', async () => {
    // A quick heartbeat: silence is noticed after three missed beats.
    const own = await startTestServer({ SSE_HEARTBEAT_MS: '300' });
    const link = await proxy(own.url);
    const c = new CloudSandboxCall({
      world: `cc-silent-${++seq}`,
      server: { origin: link.origin, cookie: own.cookie },
      backoff: { firstMs: 50, maxMs: 50, factor: 1, jitter: 0 },
    });
    try {
      const minted = await fetch(`${own.url}/api/rooms/support/token`, {
        method: 'POST',
        headers: { cookie: own.cookie },
      });
      const { token: t } = (await minted.json()) as { token: string };
      await c.join({ url: 'https://sandbox.daily.co/support', token: t });
      const lost = linkWhen(c, (l) => l.status === 'reconnecting');
      link.silence();
      await lost;
      const back = next(c, 'network-connection', (e) => e.event === 'connected');
      await linkWhen(c, (l) => l.status === 'live');
      await back;
      expect(await c.dialIn({ kind: 'pstn', from: '+14155550128' })).toBeTruthy();
      // The server going away on purpose is not a loss to reconnect from: the room closed.
      const error = next(c, 'error');
      await own.close();
      expect(String((await error).errorMsg)).toBe(
        'The room closed: the sandbox server is shutting down',
      );
      expect(c.link()).toEqual({ status: 'live' });
    } finally {
      await c.leave();
      link.cut();
      await link.close();
    }
    // A server of its own starts and stops (its embedded store too): more than the default 5 s
    // on a busy machine.
  }, 60_000);
});
