/**
 * Least privilege for meeting tokens: no role gets an owner token (participant admin is what
 * the console's actions need), agents get tokens only for the rooms AGENT_ROOMS lists, and a
 * console joined with an agent's token can still do its work in the simulated cloud, while
 * one with no rights is refused as Daily would. What an agent reads is bounded the same way: the
 * stream, a room's calls and the room counts carry only the rooms AGENT_ROOMS lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudSandboxCall } from '../src/sandbox/engine';
import { mayJoin, parseRoomAccess, tokenRights } from './auth/room-access';
import { connectCloud, liveLeg } from './test-support/cloud-client';
import {
  demoCookie,
  envelope,
  openSse,
  startTestServer,
  type TestServer,
} from './test-support/harness';

describe('room access rules', () => {
  it('parses AGENT_ROOMS and OWNER_TOKEN_ROLES, naming each bad entry', () => {
    const errors: string[] = [];
    const access = parseRoomAccess(
      { AGENT_ROOMS: ' support, sales ,', OWNER_TOKEN_ROLES: 'admin' },
      errors,
    );
    expect(errors).toEqual([]);
    expect([...access.agentRooms!]).toEqual(['support', 'sales']);
    expect([...access.ownerRoles]).toEqual(['admin']);
    parseRoomAccess({ AGENT_ROOMS: 'ok,../etc', OWNER_TOKEN_ROLES: 'root' }, errors);
    expect(errors).toEqual([
      'AGENT_ROOMS: "../etc" is not a room name (letters, digits, ".", "_" or "-")',
      'OWNER_TOKEN_ROLES: "root" is not one of agent, supervisor, admin',
    ]);
  });

  it('agents: the listed rooms (all when unset); supervisors and admins: every room', () => {
    const listed = parseRoomAccess({ AGENT_ROOMS: 'support' }, []);
    expect(mayJoin(listed, 'agent', 'support')).toBe(true);
    expect(mayJoin(listed, 'agent', 'billing')).toBe(false);
    expect(mayJoin(listed, 'supervisor', 'billing')).toBe(true);
    expect(mayJoin(listed, 'admin', 'billing')).toBe(true);
    expect(mayJoin(parseRoomAccess({}, []), 'agent', 'billing')).toBe(true);
  });

  it('every role: participant admin, not owner; owner only for roles configured for it', () => {
    const none = parseRoomAccess({}, []);
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      expect(tokenRights(none, role)).toEqual({
        is_owner: false,
        permissions: { canAdmin: ['participants'] },
      });
    }
    const admins = parseRoomAccess({ OWNER_TOKEN_ROLES: 'admin' }, []);
    expect(tokenRights(admins, 'admin')).toEqual({ is_owner: true });
    expect(tokenRights(admins, 'agent').is_owner).toBe(false);
  });
});

describe('meeting tokens through the server (AGENT_ROOMS=support,sales)', () => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer({ AGENT_ROOMS: 'support,sales' });
    for (const who of ['agent', 'supervisor', 'admin'] as const) {
      cookies[who] = await demoCookie(s.url, who);
    }
  }, 60_000);
  afterAll(() => s?.close());

  const mint = (who: string, room: string) =>
    fetch(`${s.url}/api/rooms/${room}/token`, {
      method: 'POST',
      headers: { cookie: cookies[who]!, 'content-type': 'application/json', origin: s.url },
      body: '{}',
    });

  it("an agent's token (and every role's) lacks owner and carries participant admin", async () => {
    for (const who of ['agent', 'supervisor', 'admin']) {
      const res = await mint(who, 'support');
      expect(res.status).toBe(200);
      const claims = s.double!.verifyToken(((await res.json()) as { token: string }).token);
      expect(claims).toMatchObject({ r: 'support', p: { canAdmin: ['participants'] } });
      expect(claims).not.toHaveProperty('o');
    }
  });

  it('an agent gets no token for a room outside AGENT_ROOMS, nor sees it listed', async () => {
    const refused = await mint('agent', 'billing');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: 'Agents may not join billing on this server (AGENT_ROOMS)',
    });
    expect((await mint('supervisor', 'billing')).status).toBe(200);
    const names = async (who: string) =>
      (
        (await (
          await fetch(`${s.url}/api/daily/rooms`, { headers: { cookie: cookies[who]! } })
        ).json()) as { rooms: { name: string }[] }
      ).rooms.map((r) => r.name);
    expect((await names('agent')).sort()).toEqual(['sales', 'support']);
    expect(await names('supervisor')).toContain('billing');
  });

  it("with the agent's token a console still transfers; with no rights it is refused", async () => {
    const agent = await connectCloud(s.url, cookies.agent!, { room: 'support' });
    const caller = (await agent.call('dialIn', { kind: 'sip', from: 'sip:a@x.example' })) as string;
    // Rejects (failing the test) if the cloud refuses the agent's rights.
    await agent.call('sipCallTransfer', {
      sessionId: caller,
      toEndPoint: 'sip:desk@pbx.example.com',
    });
    const caller2 = (await agent.call('dialIn', {
      kind: 'sip',
      from: 'sip:b@x.example',
    })) as string;
    const minted = await fetch(`${s.url}/sandbox-daily/v1/meeting-tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${s.config.dailyApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ properties: { room_name: 'support', user_name: 'No rights' } }),
    });
    const { token } = (await minted.json()) as { token: string };
    const plain = await connectCloud(s.url, cookies.agent!, { room: 'support', token });
    await expect(
      plain.call('sipCallTransfer', { sessionId: caller2, toEndPoint: 'sip:desk@pbx.example.com' }),
    ).rejects.toMatchObject({
      wire: { message: expect.stringMatching(/owner or participant admin/) },
    });
    plain.close();
    agent.close();
  });

  it("the console joined with an agent's token is a participant admin, not an owner", async () => {
    const res = await mint('agent', 'sales');
    const { token } = (await res.json()) as { token: string };
    const call = new CloudSandboxCall({ server: { origin: s.url, cookie: cookies.agent! } });
    await call.join({ url: 'https://sandbox.daily.co/sales', token, userName: 'Agent' });
    const local = call.participants().local;
    expect(local.owner).toBe(false);
    expect(local.permissions.canAdmin).toEqual(new Set(['participants']));
    await call.leave();
  });

  const get = (who: string, path: string) =>
    fetch(`${s.url}${path}`, { headers: { cookie: cookies[who]! } });

  it("an agent's reads of another room are refused: its stream, calls and transfers", async () => {
    for (const path of [
      '/api/stream?room=billing',
      '/api/rooms/billing/legs',
      '/api/rooms/billing/transfers',
    ]) {
      const refused = await get('agent', path);
      expect(refused.status, path).toBe(403);
      expect(await refused.json()).toEqual({
        error: 'Agents may not see billing on this server (AGENT_ROOMS)',
      });
      const allowed = await get('supervisor', path);
      expect(allowed.status, path).toBe(200);
      await allowed.body?.cancel();
    }
    expect((await get('agent', '/api/rooms/support/legs')).status).toBe(200);
  });

  it("an agent's unfiltered stream carries its rooms' events only; a supervisor's all", async () => {
    const agent = await openSse(`${s.url}/api/stream`, { cookie: cookies.agent! });
    const supervisor = await openSse(`${s.url}/api/stream`, { cookie: cookies.supervisor! });
    const other = envelope('dialin.connected', { room: 'billing', session_id: 'gate-billing' });
    const roomless = envelope('dialin.warning', { room: undefined, session_id: 'gate-none' });
    const own = envelope('dialin.connected', { room: 'sales', session_id: 'gate-sales' });
    for (const e of [other, roomless, own]) expect((await s.post(e)).status).toBe(200);
    // Delivered in store order: once the last arrived, the earlier ones had their turn.
    await agent.waitFor(() => agent.webhooks().some((w) => w.id === own.id));
    await supervisor.waitFor(() => supervisor.webhooks().some((w) => w.id === own.id));
    const ours = new Set([other.id, roomless.id, own.id]);
    const seen = (c: typeof agent) =>
      c
        .webhooks()
        .filter((w) => ours.has(w.id))
        .map((w) => w.id);
    expect(seen(agent)).toEqual([own.id]);
    // Nothing of another room, nor of none (a leg's projection included), whatever its event.
    const rooms = agent.messages
      .filter((m) => m.event === 'webhook' || m.event === 'leg' || m.event === 'transfer')
      .map((m) => {
        const data = JSON.parse(m.data) as { room?: string; payload?: { room?: string } };
        return data.payload ? data.payload.room : data.room;
      });
    expect(rooms.every((r) => r === 'support' || r === 'sales')).toBe(true);
    expect(seen(supervisor)).toEqual([other.id, roomless.id, own.id]);
    agent.close();
    supervisor.close();
  });

  it('the room counts an agent reads name its rooms only', async () => {
    const billing = await liveLeg(s.url, cookies.supervisor!, 'billing');
    const support = await liveLeg(s.url, cookies.supervisor!, 'support');
    const names = async (who: string) =>
      (
        (await (await get(who, '/api/room-counts')).json()) as { rooms: { name: string }[] }
      ).rooms.map((r) => r.name);
    expect(await names('supervisor')).toEqual(expect.arrayContaining(['billing', 'support']));
    const agentRooms = await names('agent');
    expect(agentRooms).toContain('support');
    expect(agentRooms).not.toContain('billing');
    billing.console.close();
    support.console.close();
  });
});
