/**
 * The simulated Daily cloud over its real HTTP surface: two consoles in one room share its
 * callers; a transfer's events, a room-to-room arrival, webhooks stored from the same world;
 * worlds isolate; bad input is refused without disturbing other consoles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCloud, type CloudClient } from './test-support/cloud-client';
import {
  demoCookie,
  openSse,
  startTestServer,
  type SseClient,
  type SseMessage,
  type TestServer,
} from './test-support/harness';

let server: TestServer;
const open: CloudClient[] = [];
let worldSeq = 0;

beforeAll(async () => {
  server = await startTestServer(
    {},
    {
      cloud: {
        timings: { latencyMs: 20, ringMs: 60, transferDelayMs: 60 },
        limits: { callersPerRoom: 100 },
      },
    },
  );
}, 60_000);
afterAll(async () => {
  for (const c of open) c.close();
  await server.close();
});

async function console_(room: string, world: string, userName = 'Agent', cookie = server.cookie) {
  const c = await connectCloud(server.url, cookie, { room, world, userName });
  open.push(c);
  return c;
}

const freshWorld = () => `t${process.pid}-${++worldSeq}`;
const participantNamed = (name: string) => (d: Record<string, unknown>) =>
  (d.participant as { user_name?: string } | undefined)?.user_name === name;

describe('two consoles in one room', () => {
  it('both see a caller arrive, see each other, and both see it leave on a transfer (not a hang-up)', async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('support', world, 'Agent B');
    // A sees B join; B's join snapshot has A in it.
    await a.waitForEvent('participant-joined', participantNamed('Agent B'));
    const joinedB = b.messages.find((m) => m.t === 'joined');
    expect(joinedB && joinedB.t === 'joined' && joinedB.remotes.map((p) => p.user_name)).toEqual([
      'Agent A',
    ]);

    const sessionId = (await a.call('dialIn', {
      kind: 'pstn',
      from: '+14155550123',
      name: 'Pat',
    })) as string;
    for (const c of [a, b]) {
      await c.waitForEvent('participant-joined', participantNamed('Pat'));
      const connected = await c.waitForEvent('dialin-connected', (d) => d.sessionId === sessionId);
      expect(String(connected.sipFrom)).toContain('+14155550123');
    }

    await a.call('sipCallTransfer', { sessionId, toEndPoint: '+12025550143' });
    for (const c of [a, b]) {
      await c.waitForEvent('participant-left', participantNamed('Pat'));
      await c.waitForEvent('dialin-stopped', (d) => d.sessionId === sessionId);
    }
    // The transfer's webhooks, from the same world, were signed, delivered and stored — under
    // the world's own name for the room, never under another world's `support`.
    const transfersOf = async (room: string) => {
      await server.webhooksSettled();
      const res = await fetch(`${server.url}/api/rooms/${room}/transfers`, {
        headers: { cookie: server.cookie },
      });
      expect(res.status).toBe(200);
      return JSON.stringify(((await res.json()) as { transfers: unknown[] }).transfers);
    };
    await expect
      .poll(() => transfersOf(`support.${world}`), { timeout: 10_000 })
      .toContain(sessionId);
    expect(await transfersOf('support')).not.toContain(sessionId);
    expect(await transfersOf(`support.${freshWorld()}`)).not.toContain(sessionId);
  });

  it('a far-end hang-up is seen by both consoles', async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('support', world, 'Agent B');
    const sessionId = (await b.call('dialIn', {
      kind: 'sip',
      from: 'sip:kim@example.com',
    })) as string;
    await a.call('hangUp', sessionId);
    for (const c of [a, b])
      await c.waitForEvent('dialin-stopped', (d) => d.sessionId === sessionId);
  });

  it("with telephonyEvents 'initiator-only', dial events go only to the console that acted", async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('support', world, 'Agent B');
    await a.call('setBehaviour', { telephonyEvents: 'initiator-only' });
    const result = (await a.call('startDialOut', { phoneNumber: '+12025550111' })) as {
      session: { sessionId: string };
    };
    const id = result.session.sessionId;
    await a.waitForEvent('dialout-answered', (d) => d.sessionId === id);
    // B sees the participant (participant events reach everyone) but no dialout-* for it.
    await b.waitForEvent(
      'participant-joined',
      (d) => (d.participant as { session_id: string }).session_id === id,
    );
    expect(b.events().filter((e) => e.action.startsWith('dialout-'))).toEqual([]);
  });
});

describe('room to room', () => {
  it("a transfer to sales' SIP address makes the caller arrive in sales with its number", async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('sales', world, 'Agent B');
    const sessionId = (await a.call('dialIn', {
      kind: 'pstn',
      from: '+14155550177',
      name: 'Robin',
    })) as string;
    await a.call('sipCallTransfer', { sessionId, toEndPoint: 'sip:sales@sandbox.sip.daily.co' });
    await a.waitForEvent('participant-left', participantNamed('Robin'));
    const joined = await b.waitForEvent('participant-joined', participantNamed('Robin'));
    const arrived = joined.participant as { session_id: string; participantType: string };
    expect(arrived.participantType).toBe('sip-dial-in');
    expect(arrived.session_id).not.toBe(sessionId);
    const connected = await b.waitForEvent(
      'dialin-connected',
      (d) => d.sessionId === arrived.session_id,
    );
    expect(String(connected.sipFrom)).toContain('+14155550177');
    expect(connected.sipEndpoint).toBe('sip:sales@sandbox.sip.daily.co');
  });

  it('calltransfer.completed comes when the transferred call ends in the target room (issue 15)', async () => {
    const world = freshWorld();
    const feed = await openSse(`${server.url}/api/stream?room=support.${world}`, {
      cookie: server.cookie,
    });
    const a = await console_('support', world, 'Agent A');
    const b = await console_('sales', world, 'Agent B');
    const sessionId = (await a.call('dialIn', {
      kind: 'pstn',
      from: '+14155550178',
      name: 'Robin',
    })) as string;
    await a.call('sipCallTransfer', { sessionId, toEndPoint: 'sip:sales@sandbox.sip.daily.co' });
    const joined = await b.waitForEvent('participant-joined', participantNamed('Robin'));
    const arrived = (joined.participant as { session_id: string }).session_id;
    const stages = () =>
      feed.messages
        .filter((m) => m.event === 'webhook' && m.data.includes(sessionId))
        .map((m) => (JSON.parse(m.data) as { type: string }).type)
        .filter((t) => t.startsWith('calltransfer.'));
    await server.webhooksSettled();
    await feed.waitFor(() => stages().includes('calltransfer.answered'));
    // A marker: a transfer to an outside number, started now, completes on the room's timers.
    // Had Robin's completed come on timers too, it would have come before the marker's.
    const marker = (await a.call('dialIn', { kind: 'pstn', from: '+14155550179' })) as string;
    await a.waitForEvent('dialin-connected', (d) => d.sessionId === marker);
    await a.call('sipCallTransfer', { sessionId: marker, toEndPoint: '+14155550100' });
    await server.webhooksSettled();
    await feed.waitFor((msgs) =>
      msgs.some((m) => m.data.includes(marker) && m.data.includes('calltransfer.completed')),
    );
    expect(stages()).not.toContain('calltransfer.completed');
    await b.call('hangUp', arrived);
    await server.webhooksSettled();
    await feed.waitFor(() => stages().includes('calltransfer.completed'));
    expect(stages()).toEqual([
      'calltransfer.triggered',
      'calltransfer.initiated',
      'calltransfer.answered',
      'calltransfer.completed',
    ]);
    feed.close();
  });
});

describe("Daily's REST API on the same world", () => {
  const post = (path: string, body: unknown, cookie: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a supervisor transfer through REST moves the caller for every console in the room', async () => {
    const room = `rest-${process.pid}-${++worldSeq}`;
    const a = await connectCloud(server.url, server.cookie, { room, userName: 'Agent A' });
    open.push(a);
    const sessionId = (await a.call('dialIn', {
      kind: 'pstn',
      from: '+14155550150',
      name: 'Lee',
    })) as string;
    const supervisor = await demoCookie(server.url, 'supervisor');
    const res = await post(
      `/api/rooms/${room}/legs/${sessionId}/transfer`,
      { destination: '+12025550143' },
      supervisor,
    );
    expect(res.status).toBe(202);
    await a.waitForEvent('participant-left', participantNamed('Lee'));
    await a.waitForEvent('dialin-stopped', (d) => d.sessionId === sessionId);
    // A leg the room does not have: Daily's 400, said in the route's words.
    const gone = await post(
      `/api/rooms/${room}/legs/${sessionId}/transfer`,
      { destination: '+12025550143' },
      supervisor,
    );
    expect(gone.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await gone.json())).toContain('not a SIP or PSTN participant');
  });

  it("REST reaches another world's room by the name its webhooks carry: <room>.<world>", async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const sessionId = (await a.call('dialIn', {
      kind: 'pstn',
      from: '+14155550151',
      name: 'Kit',
    })) as string;
    const supervisor = await demoCookie(server.url, 'supervisor');
    const transfer = (room: string) =>
      post(
        `/api/rooms/${room}/legs/${sessionId}/transfer`,
        { destination: '+12025550143' },
        supervisor,
      );
    // The default world's support has no such leg, and an unknown world has no such room.
    const elsewhere = await transfer('support');
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await elsewhere.json())).toContain('not a SIP or PSTN participant');
    expect((await transfer(`support.${freshWorld()}`)).status).toBeGreaterThanOrEqual(400);
    expect(a.events().some((e) => e.action === 'participant-left')).toBe(false);

    expect((await transfer(`support.${world}`)).status).toBe(202);
    await a.waitForEvent('participant-left', participantNamed('Kit'));
    await a.waitForEvent('dialin-stopped', (d) => d.sessionId === sessionId);
  });

  it("the REST double refuses a wrong key with 401 in Daily's shape and acts on nothing", async () => {
    const res = await fetch(`${server.url}/sandbox-daily/v1/rooms/support/sipCallTransfer`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'x', toEndPoint: '+12025550143' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'authentication-error', info: 'Unauthorized' });
  });

  it('a simulated call can dial into another room of the world', async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('sales', world, 'Agent B');
    const id = (await a.call('dialIn', {
      kind: 'pstn',
      from: '+14155550160',
      name: 'Mo',
      room: 'sales',
    })) as string;
    await b.waitForEvent('dialin-connected', (d) => d.sessionId === id);
    expect(
      a.events().some((e) => e.action === 'participant-joined' && participantNamed('Mo')(e.data)),
    ).toBe(false);
    // A room name with a "." is not a Daily name: `sales.x` is room `sales` of world `x`.
    const dotted = await a
      .call('dialIn', { kind: 'pstn', from: '+14155550161', room: 'sales.x' })
      .then(
        () => undefined,
        (e: { wire?: unknown }) => JSON.stringify(e.wire),
      );
    expect(dotted).toContain('not a valid Daily room name');
  });
});

describe('worlds', () => {
  it("a console in another world sees none of this world's calls, nor their webhooks", async () => {
    const [worldA, worldB] = [freshWorld(), freshWorld()];
    // Each world's `billing` is a room of its own in the webhooks too: `billing.<world>`.
    const feeds = await Promise.all(
      [worldA, worldB].map((w) =>
        openSse(`${server.url}/api/stream?room=billing.${w}`, { cookie: server.cookie }),
      ),
    );
    const a = await console_('billing', worldA, 'Agent A');
    const other = await console_('billing', worldB, 'Agent B');
    const sessionId = (await a.call('dialIn', { kind: 'pstn', from: '+14155550999' })) as string;
    await a.waitForEvent('dialin-connected', (d) => d.sessionId === sessionId);
    // A probe in the other world settles after anything that could have leaked.
    const probe = (await other.call('dialIn', { kind: 'pstn', from: '+14155550998' })) as string;
    await other.waitForEvent('dialin-connected', (d) => d.sessionId === probe);
    expect(JSON.stringify(other.events())).not.toContain(sessionId);
    expect(JSON.stringify(other.events())).not.toContain('Agent A');

    const [feedA, feedB] = feeds as [SseClient, SseClient];
    const webhookFor = (id: string) => (msgs: SseMessage[]) =>
      msgs.some((m) => m.event === 'webhook' && m.data.includes(id));
    await server.webhooksSettled();
    await feedA.waitFor(webhookFor(sessionId));
    await feedB.waitFor(webhookFor(probe));
    const rooms = (feed: SseClient) =>
      feed.messages
        .filter((m) => m.event === 'webhook')
        .map((m) => (JSON.parse(m.data) as { payload: { room?: string } }).payload.room);
    expect(new Set(rooms(feedA))).toEqual(new Set([`billing.${worldA}`]));
    expect(new Set(rooms(feedB))).toEqual(new Set([`billing.${worldB}`]));
    expect(webhookFor(probe)(feedA.messages)).toBe(false);
    expect(webhookFor(sessionId)(feedB.messages)).toBe(false);
    for (const f of feeds) f.close();
  });

  it('the stream takes the longest <room>.<world> name and refuses what no room could be', async () => {
    const status = async (room: string) => {
      const abort = new AbortController();
      const res = await fetch(`${server.url}/api/stream?room=${encodeURIComponent(room)}`, {
        headers: { cookie: server.cookie },
        signal: abort.signal,
      });
      const body = res.status === 200 ? undefined : ((await res.json()) as { error: string });
      abort.abort();
      return { status: res.status, error: body?.error };
    };
    expect((await status(`${'r'.repeat(128)}.${'w'.repeat(64)}`)).status).toBe(200);
    for (const bad of [`${'r'.repeat(129)}.${'w'.repeat(64)}`, '.hidden', 'a/b', 'sup port']) {
      const refused = await status(bad);
      expect(refused.status, bad).toBe(400);
      expect(refused.error).toMatch(/^Room: a room name, or a sandbox world/);
    }
  });

  it('reset closes every room of the world: its consoles are told and their streams end', async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    await a.call('dialIn', { kind: 'pstn', from: '+14155550100' });
    const res = await fetch(`${server.url}/api/sandbox/cloud/worlds/${world}/reset`, {
      method: 'POST',
      headers: { cookie: server.cookie },
    });
    expect(res.status).toBe(200);
    await a.closed;
    expect(a.messages.at(-1)).toEqual({ t: 'ended', reason: 'the sandbox world was reset' });
    const summary = await fetch(`${server.url}/api/sandbox/cloud/worlds/${world}`, {
      headers: { cookie: server.cookie },
    });
    expect(((await summary.json()) as { rooms: unknown[] }).rooms).toEqual([]);
  });
});

describe('bad input', () => {
  const post = (path: string, body: unknown, cookie = server.cookie) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('refuses a token that is not for the room, a bad world, and unknown fields', async () => {
    const minted = await post('/api/rooms/sales/token', {});
    const { token } = (await minted.json()) as { token: string };
    const wrongRoom = await post('/api/sandbox/cloud/connect', {
      room: 'support',
      token,
      userName: 'x',
    });
    expect(wrongRoom.status).toBe(401);
    const forged = await post('/api/sandbox/cloud/connect', {
      room: 'sales',
      token: `${token.slice(0, -4)}AAAA`,
      userName: 'x',
    });
    expect(forged.status).toBe(401);
    const badWorld = await post('/api/sandbox/cloud/connect', {
      room: 'sales',
      token,
      userName: 'x',
      world: '../etc',
    });
    expect(badWorld.status).toBe(400);
    expect(await badWorld.text()).toContain('world');
    const extra = await post('/api/sandbox/cloud/connect', {
      room: 'sales',
      token,
      userName: 'x',
      admin: true,
    });
    expect(extra.status).toBe(400);
  });

  it("rejects malformed calls and other accounts' consoles; other consoles carry on", async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('support', world, 'Agent B');
    const calls = `/api/sandbox/cloud/consoles/${a.consoleId}/calls`;
    expect((await post(calls, '{not json')).status).toBe(400);
    expect((await post(calls, { id: 1, method: 'eval', args: [] })).status).toBe(400);
    expect((await post(calls, { id: 1, method: 'dialIn', args: [1, 2, 3, 4, 5] })).status).toBe(
      400,
    );
    const supervisor = await demoCookie(server.url, 'supervisor');
    expect((await post(calls, { id: 1, method: 'dialIn', args: [] }, supervisor)).status).toBe(404);
    // Arguments the engine refuses come back as its rejection, on the stream.
    await expect(a.call('dialIn', { kind: 'pstn', from: 'not a number' })).rejects.toMatchObject({
      wire: { kind: 'error', name: 'TypeError' },
    });
    await expect(
      a.call('sipCallTransfer', { sessionId: 'nope', toEndPoint: '+12025550143' }),
    ).rejects.toMatchObject({
      wire: { kind: 'string' },
    });
    // B is unaffected and the room still works.
    const id = (await b.call('dialIn', { kind: 'pstn', from: '+14155550111' })) as string;
    await a.waitForEvent('dialin-connected', (d) => d.sessionId === id);
  });

  it('a shared room is bounded: latency at most 10 s, callers up to the per-room limit', async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    await expect(a.call('setLatency', 1e9)).rejects.toMatchObject({
      wire: {
        name: 'RangeError',
        message: 'setLatency(): at most 10000 ms (10 s) of simulated round trip, got 1000000000',
      },
    });
    await a.call('addParticipants', 60);
    await expect(a.call('addParticipants', 41)).rejects.toMatchObject({
      wire: {
        name: 'RangeError',
        message: 'addParticipants(): this room holds at most 100 callers (it has 60)',
      },
    });
    // The room still answers at its own pace.
    await a.call('addParticipants', 40);
  });

  it("only an admin or the world's creator may reset a world", async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const reset = (name: string, cookie: string) =>
      fetch(`${server.url}/api/sandbox/cloud/worlds/${name}/reset`, {
        method: 'POST',
        headers: { cookie },
      });
    const supervisor = await demoCookie(server.url, 'supervisor');
    const refused = await reset(world, supervisor);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'Only an admin or the account that started this sandbox world may reset it',
    });
    // The shared default world has no creator: an agent may not empty it for everyone.
    expect((await reset('default', server.cookie)).status).toBe(403);
    expect(a.messages.some((m) => m.t === 'ended')).toBe(false);
    expect((await reset(world, await demoCookie(server.url, 'admin'))).status).toBe(200);
    await a.closed;
  });

  it('a console that goes away leaves the room for the others', async () => {
    const world = freshWorld();
    const a = await console_('support', world, 'Agent A');
    const b = await console_('support', world, 'Agent B');
    b.close();
    await a.waitForEvent('participant-left', participantNamed('Agent B'));
    const counts = a
      .events()
      .filter((e) => e.action === 'participant-counts-updated')
      .at(-1);
    expect(counts?.data).toEqual({ participantCounts: { present: 1, hidden: 0 } });
  });
});

describe('a slow console', () => {
  it('is cut off past SSE_MAX_BUFFERED_BYTES (the others see it leave); the room carries on', async () => {
    const small = await startTestServer(
      { SSE_MAX_BUFFERED_BYTES: '262144' },
      { cloud: { timings: { latencyMs: 0 } } },
    );
    const fast = await connectCloud(small.url, small.cookie, {
      room: 'support',
      world: 'slow',
      userName: 'Fast',
    });
    let slowBody: ReadableStream<Uint8Array> | null = null;
    try {
      // The slow console opens its stream and never reads it.
      const minted = await fetch(`${small.url}/api/rooms/support/token`, {
        method: 'POST',
        headers: { cookie: small.cookie },
      });
      const { token } = (await minted.json()) as { token: string };
      const slow = await fetch(`${small.url}/api/sandbox/cloud/connect`, {
        method: 'POST',
        headers: { cookie: small.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ room: 'support', world: 'slow', token, userName: 'Slow' }),
      });
      expect(slow.status).toBe(200);
      slowBody = slow.body;
      await fast.waitForEvent('participant-joined', participantNamed('Slow'));
      // Megabytes of events for the slow console to fall behind on.
      for (let i = 0; i < 3; i++) await fast.call('addParticipants', 5_000);
      await fast.waitForEvent('participant-left', participantNamed('Slow'), 20_000);
      expect(small.logs.join('')).toContain('console too slow; disconnected');
      // The room and the fast console are unaffected.
      const id = (await fast.call('dialIn', { kind: 'pstn', from: '+14155550170' })) as string;
      await fast.waitForEvent('dialin-connected', (d) => d.sessionId === id);
    } finally {
      await slowBody?.cancel().catch(() => undefined);
      fast.close();
      await small.close();
    }
  }, 60_000);
});
