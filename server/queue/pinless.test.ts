/**
 * Daily's room-creation request over HTTP (`POST /webhooks/pinless`) and the sandbox's pinless
 * line end to end in one server: forged, replayed and repeated requests, a number without a
 * queue, and a simulated caller who is held, offered, accepted, routed by `pinlessCallUpdate`
 * into the agent's room (the supervisor's wall says who handles it), hangs up and is wrapped up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinlessHeaders } from '../domain/pinless';
import { demoCookie, openSse, startTestServer, type TestServer } from '../test-support/harness';
import type { MeView } from './views';

let server: TestServer;
let admin: string;

const json = (cookie: string, method: string, body?: unknown) => ({
  method,
  headers: { cookie, 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

function roomCreation(body: unknown, opts: { key?: Buffer; at?: number } = {}) {
  const raw = JSON.stringify(body);
  return fetch(`${server.url}/webhooks/pinless`, {
    method: 'POST',
    headers: pinlessHeaders(opts.key ?? server.config.pinlessSecret!, raw, opts.at ?? Date.now()),
    body: raw,
  });
}

/** demo-agent's queue stream, and the last `me` it carried. */
async function agentStream() {
  const stream = await openSse(`${server.url}/api/queue/stream`, { cookie: server.cookie });
  const me = () =>
    stream.messages
      .filter((m) => m.event === 'me')
      .map((m) => JSON.parse(m.data) as MeView)
      .at(-1);
  return { stream, me };
}

beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'warn' });
  admin = await demoCookie(server.url, 'admin');
  const res = await fetch(
    `${server.url}/api/queue/admin/queues`,
    json(admin, 'POST', {
      name: 'Support',
      numbers: ['+14155550100'],
      members: ['demo-agent'],
      wrapUpS: 60,
      strategy: 'ring-all',
    }),
  );
  expect(res.status).toBe(201);
  // A queue nobody answers, for the requests below (their calls must not reach demo-agent).
  const quiet = await fetch(
    `${server.url}/api/queue/admin/queues`,
    json(admin, 'POST', {
      name: 'Quiet',
      numbers: ['+14155550111'],
      members: [],
      wrapUpS: 0,
      strategy: 'longest-idle',
    }),
  );
  expect(quiet.status).toBe(201);
  await fetch(
    `${server.url}/api/queue/admin/dispositions/resolved`,
    json(admin, 'PUT', { label: 'Resolved' }),
  );
});
afterAll(async () => {
  await server?.close();
});

describe('room-creation requests', () => {
  const call = (callId: string, To = '+14155550111') => ({
    To,
    From: '+14155550123',
    callId,
    callDomain: 'dom-1',
  });

  it('refuses a forged signature and a replayed (stale) one; records a call once', async () => {
    const forged = await roomCreation(call('c-forged'), { key: Buffer.alloc(32, 7) });
    expect(forged.status).toBe(401);
    const stale = await roomCreation(call('c-stale'), { at: Date.now() - 10 * 60_000 });
    expect(stale.status).toBe(401);
    expect((await stale.json()) as object).toEqual({ error: expect.stringMatching(/5 minutes/) });
    const first = await roomCreation(call('c-once'));
    const again = await roomCreation(call('c-once'));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.json()).toMatchObject({ duplicate: true, queue: 'Quiet' });
    const board = (await (
      await fetch(`${server.url}/api/queue/board`, { headers: { cookie: server.cookie } })
    ).json()) as {
      calls: { callId: string }[];
    };
    expect(board.calls.filter((c) => c.callId.startsWith('c-')).map((c) => c.callId)).toEqual([
      'c-once',
    ]);
  });

  it('answers 404 for a number no queue has, and a bad body 400', async () => {
    const stray = await roomCreation(call('c-stray', '+442071838750'));
    expect(stray.status).toBe(404);
    expect(await stray.json()).toMatchObject({ error: expect.stringMatching(/no queue/) });
    expect((await roomCreation({ To: '+14155550111', From: '+1' })).status).toBe(400);
  });
});

describe('the sandbox pinless line', () => {
  it('a held caller is offered, accepted into the room, hangs up, and is wrapped up', async () => {
    const { stream, me } = await agentStream();
    try {
      await fetch(
        `${server.url}/api/queue/status`,
        json(server.cookie, 'POST', { status: 'available' }),
      );
      const dialled = await fetch(
        `${server.url}/api/sandbox/pinless/calls`,
        json(server.cookie, 'POST', { to: '+14155550100', from: '+14155550177', name: 'Robin' }),
      );
      const { call: held } = (await dialled.json()) as {
        call: { callId: string; state: string; hearing: string };
      };
      expect(held).toMatchObject({ state: 'held', hearing: 'hold music' });
      await stream.waitFor(() => me()?.offer?.callId === held.callId);
      expect(me()?.offer).toMatchObject({ from: '+14155550177', queue: 'Support' });
      const accepted = await fetch(
        `${server.url}/api/queue/offers/${held.callId}/accept`,
        json(server.cookie, 'POST', { room: 'support' }),
      );
      expect(accepted.status).toBe(200);
      const room = server.cloud!.world().room('support');
      expect(room.engine.telephonySessions().map((l) => l.name)).toContain('Robin');
      await stream.waitFor(() => me()?.call?.state === 'connected' && me()?.status === 'busy');
      // The supervisor's wall says who handles the leg (issue 18), in its snapshot and pulse.
      const leg = room.engine.telephonySessions().find((l) => l.name === 'Robin')!;
      const supervisor = await demoCookie(server.url, 'supervisor');
      for (const path of ['/api/wall/snapshot', '/api/wall/pulse']) {
        const wall = await fetch(`${server.url}${path}`, { headers: { cookie: supervisor } });
        const { handledBy } = (await wall.json()) as { handledBy: Record<string, string> };
        expect(handledBy[leg.sessionId]).toBe('Demo Agent');
      }
      await fetch(
        `${server.url}/api/sandbox/pinless/calls/${held.callId}/hangup`,
        json(server.cookie, 'POST'),
      );
      await stream.waitFor(() => me()?.status === 'wrap-up', 15_000);
      const bad = await fetch(
        `${server.url}/api/queue/calls/${held.callId}/wrap-up`,
        json(server.cookie, 'POST', { disposition: 'nope', note: '' }),
      );
      expect(bad.status).toBe(400);
      const filed = await fetch(
        `${server.url}/api/queue/calls/${held.callId}/wrap-up`,
        json(server.cookie, 'POST', { disposition: 'resolved', note: 'Sorted' }),
      );
      expect(filed.status).toBe(200);
      await stream.waitFor(() => me()?.status === 'available' && me()?.call === null);
    } finally {
      stream.close();
    }
  });

  it('a caller nobody routes hears the timeout message', async () => {
    const res = await fetch(
      `${server.url}/api/sandbox/pinless/calls`,
      json(server.cookie, 'POST', { to: '+442071838750', from: '+14155550178' }),
    );
    // No queue has the London number: our room_creation_api says so, and Daily plays the message.
    const { call } = (await res.json()) as {
      call: { state: string; hearing: string; answer: { status: number } };
    };
    expect(call).toMatchObject({ state: 'timed-out', answer: { status: 404 } });
    expect(call.hearing).toMatch(/No agents are available/);
  });

  it("the traffic generator's callers go through a queue: offered, taken, hung up, counted", async () => {
    const traffic = (body: object) =>
      fetch(`${server.url}/api/sandbox/cloud/worlds/default/traffic`, {
        ...json(server.cookie, 'POST', body),
        headers: {
          cookie: server.cookie,
          'content-type': 'application/json',
          origin: server.url,
        },
      });
    const plan = { rooms: ['support'], callsPerMinute: 60, durationS: 1, holdS: 1 };
    const stray = await traffic({ ...plan, queues: { numbers: ['+15550001111'] } });
    expect(stray.status).toBe(400);
    expect(await stray.json()).toEqual({
      error: 'queues.numbers: +15550001111 is not a purchased number',
    });
    const { stream, me } = await agentStream();
    try {
      await fetch(
        `${server.url}/api/queue/status`,
        json(server.cookie, 'POST', { status: 'available' }),
      );
      expect((await traffic({ ...plan, queues: { numbers: ['+14155550100'] } })).status).toBe(200);
      // One call in the second: a PSTN traffic caller on the Support number, offered here.
      await stream.waitFor(() => me()?.offer?.queue === 'Support');
      const offer = me()!.offer!;
      expect(offer.from).toMatch(/^\+1415\d{7}$/);
      const accepted = await fetch(
        `${server.url}/api/queue/offers/${offer.callId}/accept`,
        json(server.cookie, 'POST', { room: 'support' }),
      );
      expect(accepted.status).toBe(200);
      // The caller talks about `holdS`, hangs up, and the agent is in wrap-up.
      await stream.waitFor(() => me()?.status === 'wrap-up', 15_000);
      const world = (await (
        await fetch(`${server.url}/api/sandbox/cloud/worlds/default`, {
          headers: { cookie: server.cookie },
        })
      ).json()) as { trafficStats: { started: number; queued: number; live: number } };
      expect(world.trafficStats).toEqual({ started: 1, skipped: 0, queued: 1, live: 0 });
      await fetch(
        `${server.url}/api/queue/status`,
        json(server.cookie, 'POST', { status: 'offline' }),
      );
    } finally {
      stream.close();
    }
  });
});
