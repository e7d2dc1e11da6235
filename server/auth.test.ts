/**
 * Sign-in and the bad-input cases of accounts, sessions and the server's Daily calls: each
 * gets a specific, non-revealing answer and changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/password';
import { liveLeg } from './test-support/cloud-client';
import { demoCookie, openSse, startTestServer, type TestServer } from './test-support/harness';

const PASSWORD = 'a long enough passphrase';
let clock = Date.now();
let s: TestServer;
let address = 0;

/** Each test signs in from its own address, so the per-address limit is its own. */
function from(): Record<string, string> {
  return { 'x-forwarded-for': `10.0.${Math.floor(++address / 250)}.${address % 250}` };
}

async function signIn(username: string, password: string, headers = from()) {
  return fetch(`${s.url}/api/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
}
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
const session = (cookie: string) => fetch(`${s.url}/api/session`, { headers: { cookie } });
const post = (path: string, cookie: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  s = await startTestServer(
    { TRUST_PROXY: '1', SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '2' },
    { now: () => clock },
  );
  const hash = await hashPassword(PASSWORD);
  for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) {
    await s.accounts.create({ username, displayName: username, role: 'agent', passwordHash: hash });
  }
});
afterAll(() => s.close());

describe('sign-in', () => {
  it('a right password opens a session: httpOnly, SameSite=Lax cookie, never in the body', async () => {
    const res = await signIn('alice', PASSWORD);
    expect(res.status).toBe(200);
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^console_session=[A-Za-z0-9_-]{43};/);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).not.toMatch(/Secure/); // plain http here; Secure behind HTTPS (next test)
    const body = await res.text();
    expect(body).not.toContain(cookieOf(res).split('=')[1]);
    expect(JSON.parse(body)).toMatchObject({ user: { username: 'alice', role: 'agent' } });
    expect((await session(cookieOf(res))).status).toBe(200);
  });

  it('the cookie is Secure when the console is served over HTTPS (behind a proxy)', async () => {
    const res = await signIn('alice', PASSWORD, { ...from(), 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await signIn('bob', 'not the password at all');
    const unknown = await signIn('nobody-here', PASSWORD);
    const disabled = await (async () => {
      await s.accounts.update('erin', { disabled: true });
      return signIn('erin', PASSWORD);
    })();
    for (const res of [wrong, unknown, disabled]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Wrong username or password' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('one-click demo sign-in is rate-limited per address', async () => {
    const here = from();
    const demo = () =>
      fetch(`${s.url}/api/auth/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...here },
        body: JSON.stringify({ role: 'agent' }),
      });
    for (let i = 0; i < 60; i++) expect((await demo()).status).toBe(200);
    const limited = await demo();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('set-cookie')).toBeNull();
    clock += 61_000;
    expect((await demo()).status).toBe(200);
  });

  it('demo accounts have no password: only one-click sign-in (sandbox) opens them', async () => {
    const res = await signIn('demo-admin', '');
    expect(res.status).toBe(401);
  });

  it('failures on one account from one address lock that pair, with backoff; the owner elsewhere still gets in', async () => {
    const attacker = from();
    for (let i = 0; i < 5; i++) {
      expect((await signIn('carol', `wrong-${i}`, attacker)).status).toBe(401);
    }
    const limited = await signIn('carol', PASSWORD, attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(60);
    expect(await limited.json()).toEqual({
      error: 'Too many sign-in attempts. Wait a little and try again.',
    });
    // The password's owner, from another address, is not locked out.
    expect((await signIn('carol', PASSWORD)).status).toBe(200);
    // The lock doubles with each further failure.
    clock += 61_000;
    expect((await signIn('carol', 'wrong-again', attacker)).status).toBe(401);
    const longer = await signIn('carol', PASSWORD, attacker);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBe(120);
    clock += 121_000;
    expect((await signIn('carol', PASSWORD, attacker)).status).toBe(200);
  });

  it("behind a trusted proxy the address is the proxy's own hop, not what the client wrote", async () => {
    const proxySaw = from()['x-forwarded-for']!;
    const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}, ${proxySaw}` });
    for (let i = 0; i < 30; i++) {
      expect((await signIn(`made-up-${i}`, 'whatever', spoofed(i))).status).toBe(401);
    }
    expect((await signIn('bob', PASSWORD, spoofed(99))).status).toBe(429);
  }, 60_000);

  it('a failed sign-in logs the typed username only at debug level', async () => {
    const typed = 'my-password-in-the-wrong-field';
    expect((await signIn(typed, 'whatever')).status).toBe(401);
    expect(s.logs.join('')).toContain('sign-in refused');
    expect(s.logs.join('')).not.toContain(typed);
  });

  it('too many attempts from one address are refused, whatever the account', async () => {
    const here = from();
    for (let i = 0; i < 30; i++) {
      expect((await signIn(`made-up-${i}`, 'whatever', here)).status).toBe(401);
    }
    expect((await signIn('bob', PASSWORD, here)).status).toBe(429);
    expect((await signIn('bob', PASSWORD)).status).toBe(200); // another address is not affected
  }, 60_000);
});

describe('sessions', () => {
  it('end after the idle time and after the absolute time', async () => {
    const idle = cookieOf(await signIn('dave', PASSWORD));
    clock += 31 * 60_000;
    const res = await session(idle);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Your session has ended; sign in again' });

    const busy = cookieOf(await signIn('dave', PASSWORD));
    for (let i = 0; i < 5; i++) {
      clock += 25 * 60_000; // active every 25 min: never idle, but past 2 h in all
      const r = await session(busy);
      if (i < 4) expect(r.status).toBe(200);
      else expect(r.status).toBe(401);
    }
  });

  it('a forged, malformed or signed-out cookie opens nothing', async () => {
    const forged = `console_session=${randomBytes(32).toString('base64url')}`;
    const malformed = 'console_session=../../etc/passwd';
    const cookie = cookieOf(await signIn('bob', PASSWORD));
    expect((await post('/api/auth/signout', cookie, {})).status).toBe(200);
    for (const c of [forged, malformed, cookie]) {
      const res = await session(c);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Sign in first' });
    }
  });

  it('"who am I" answers 200 whether signed in, signed out or ended, and says which', async () => {
    const whoami = async (cookie: string) => {
      const res = await fetch(`${s.url}/api/auth/whoami`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.json();
    };
    expect(await whoami('')).toEqual({ signedIn: false, reason: 'Sign in first' });
    const cookie = cookieOf(await signIn('alice', PASSWORD));
    expect(await whoami(cookie)).toMatchObject({
      signedIn: true,
      user: { username: 'alice', role: 'agent' },
      mode: 'sandbox',
    });
    clock += 31 * 60_000;
    expect(await whoami(cookie)).toEqual({
      signedIn: false,
      reason: 'Your session has ended; sign in again',
    });
  });

  it('an admin signs an account out everywhere; a new role or password ends its sessions', async () => {
    const admin = await demoCookie(s.url, 'admin');
    const a = cookieOf(await signIn('frank', PASSWORD));
    const b = cookieOf(await signIn('frank', PASSWORD));
    const res = await post('/api/admin/accounts/frank/signout', admin, {});
    expect(await res.json()).toEqual({ ended: 2 });
    for (const c of [a, b]) expect((await session(c)).status).toBe(401);

    const c = cookieOf(await signIn('frank', PASSWORD));
    const patch = await fetch(`${s.url}/api/admin/accounts/frank`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify({ role: 'supervisor' }),
    });
    expect(patch.status).toBe(200);
    expect((await session(c)).status).toBe(401);
  });
});

describe('an open stream ends with its session', () => {
  const stream = (cookie: string) => openSse(`${s.url}/api/stream`, { cookie });
  const patch = (admin: string, body: unknown) =>
    fetch(`${s.url}/api/admin/accounts/frank`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: JSON.stringify(body),
    });

  it('at sign-out (that session only)', async () => {
    const a = cookieOf(await signIn('frank', PASSWORD));
    const b = cookieOf(await signIn('frank', PASSWORD));
    const [sa, sb] = [await stream(a), await stream(b)];
    expect((await post('/api/auth/signout', a, {})).status).toBe(200);
    await sa.closed;
    expect(s.accounts.streams.size).toBeGreaterThanOrEqual(1);
    const res = await fetch(`${s.url}/api/stream`, { headers: { cookie: a } });
    expect(res.status).toBe(401);
    sb.close();
  });

  it("at an admin's sign-out everywhere, a disable and a role change", async () => {
    const admin = await demoCookie(s.url, 'admin');
    const cases: (() => Promise<Response>)[] = [
      () => post('/api/admin/accounts/frank/signout', admin, {}),
      () => patch(admin, { role: 'supervisor' }),
      () => patch(admin, { disabled: true }),
    ];
    for (const act of cases) {
      await s.accounts.update('frank', { disabled: false });
      const sse = await stream(cookieOf(await signIn('frank', PASSWORD)));
      expect((await act()).status).toBe(200);
      await sse.closed;
    }
  });
});

describe('bad input changes nothing', () => {
  it('a cross-site POST is refused before it acts', async () => {
    const admin = await demoCookie(s.url, 'admin');
    const res = await post(
      '/api/admin/accounts',
      admin,
      { username: 'mallory', role: 'admin', password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'Cross-site request refused' });
    expect(await s.accounts.find('mallory')).toBeUndefined();
    const nullOrigin = await post('/api/auth/signout', admin, {}, { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect((await session(admin)).status).toBe(200);
    // The same request from our own page passes.
    const own = await post(
      '/api/admin/accounts',
      admin,
      { username: 'mallory', role: 'agent', password: PASSWORD },
      {
        origin: s.url,
      },
    );
    expect(own.status).toBe(201);
  });

  it('the sandbox relay refuses cross-site, non-JSON, non-Daily and oversized reports', async () => {
    const agent = await demoCookie(s.url, 'agent');
    const relay = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${s.url}/api/sandbox/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: agent, ...headers },
        body,
      });
    const good = JSON.stringify({ type: 'dialin.connected', payload: { room: 'relay-bad' } });
    const cases: [Response, number, string][] = [
      [await relay(good, { origin: 'https://evil.example' }), 403, 'Cross-site request refused'],
      [await relay('type=dialin.connected'), 400, 'The body must be JSON'],
      [
        await relay(JSON.stringify({ type: 'room.deleted', payload: {} })),
        400,
        'type: a Daily webhook type',
      ],
      [
        await relay(`{"type":"dialin.connected","payload":{"x":"${'a'.repeat(17_000)}"}}`),
        413,
        'body too large',
      ],
    ];
    for (const [res, status, error] of cases) {
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error });
    }
    expect(await s.store.legs('relay-bad')).toEqual([]);
    expect((await relay(good, { origin: s.url })).status).toBe(200);
  });

  it('account fields are checked one by one', async () => {
    const admin = await demoCookie(s.url, 'admin');
    const cases: [unknown, string][] = [
      [
        { username: 'Bad Name', role: 'agent', password: PASSWORD },
        'Username: 2–64 of lower-case letters',
      ],
      [
        { username: 'newbie', role: 'root', password: PASSWORD },
        'Role: one of agent, supervisor, admin',
      ],
      [
        { username: 'newbie', role: 'agent', password: 'short' },
        'Password: at least 12 characters',
      ],
      [{ username: 'alice', role: 'agent', password: PASSWORD }, 'Username "alice" is taken'],
    ];
    for (const [body, message] of cases) {
      const res = await post('/api/admin/accounts', admin, body);
      expect([400, 409]).toContain(res.status);
      expect(((await res.json()) as { error: string }).error).toContain(message);
    }
    expect(await s.accounts.find('newbie')).toBeUndefined();
  });

  it('a room name with path characters is refused', async () => {
    const agent = await demoCookie(s.url, 'agent');
    for (const room of ['a%2Fb', '..%2F..%2Fadmin', 'sup%20port', '.hidden']) {
      const res = await post(`/api/rooms/${room}/token`, agent, {});
      expect(res.status, room).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^Room name:/);
    }
    expect(s.double!.calls.filter((c) => c.path === '/meeting-tokens')).toEqual([]);
  });

  it("a caller ID that is not one of the domain's numbers is refused before Daily is asked", async () => {
    const supervisor = await demoCookie(s.url, 'supervisor');
    const transfers = () => s.double!.calls.filter((c) => c.path.endsWith('/sipCallTransfer'));
    const before = transfers().length;
    const bad = await post('/api/rooms/support/legs/leg-1/transfer', supervisor, {
      destination: '+1 415 555 0199',
      callerId: '3b0e5c8a-1f2d-4c6b-9a7e-999999999999',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "Caller ID: not one of this domain's purchased numbers",
      field: 'callerId',
    });
    const numberNotId = await post('/api/rooms/support/legs/leg-1/transfer', supervisor, {
      destination: '+1 415 555 0199',
      callerId: '+14155550100',
    });
    expect(numberNotId.status).toBe(400);
    expect(transfers().length).toBe(before);

    const good = s.double!.numbers[1]!.id;
    const { sessionId } = await liveLeg(s.url, supervisor, 'support');
    const ok = await post(`/api/rooms/support/legs/${sessionId}/transfer`, supervisor, {
      destination: '(415) 555-0199',
      callerId: good,
    });
    expect(ok.status).toBe(202);
    expect(transfers().at(-1)!.body).toEqual({
      sessionId,
      toEndPoint: '+14155550199',
      callerId: good,
    });
  });

  it('a REST hang-up acts only on a live SIP/PSTN leg: an agent or an unknown id is refused, Daily not asked', async () => {
    const supervisor = await demoCookie(s.url, 'supervisor');
    const ejects = () => s.double!.calls.filter((c) => c.path.endsWith('/eject')).length;
    const { sessionId, console: agentConsole } = await liveLeg(s.url, supervisor, 'support');
    const before = ejects();
    for (const id of [agentConsole.sessionId, 'no-such-leg']) {
      const res = await post(`/api/rooms/support/legs/${id}/hangup`, supervisor, {});
      expect(res.status, id).toBe(404);
      expect(await res.json()).toEqual({
        error: `No SIP/PSTN leg ${id} in this room (agents are not hung up)`,
      });
    }
    expect(ejects()).toBe(before);
    await s.webhooksSettled();
    const res = await post(`/api/rooms/support/legs/${sessionId}/hangup`, supervisor, {});
    expect(res.status).toBe(202);
    expect(ejects()).toBe(before + 1);
    agentConsole.close();
  });

  it('Daily answering 401, 429 or 500 gives a specific message and leaves nothing half-done', async () => {
    const agent = await demoCookie(s.url, 'agent');
    const supervisor = await demoCookie(s.url, 'supervisor');
    const double = s.double!;
    const cases: [Parameters<typeof double.inject>[0], number, RegExp][] = [
      [{ status: 401, times: 5 }, 502, /the server's Daily API key was refused/],
      [
        { status: 429, retryAfterS: 30, times: 5 },
        503,
        /rate-limiting this server; try again in 30 s/,
      ],
      [{ status: 500, times: 5 }, 502, /Daily had an error \(500\)/],
    ];
    for (const [fault, status, message] of cases) {
      double.clearFaults();
      double.inject(fault);
      const res = await post('/api/rooms/support/token', agent, {});
      expect(res.status).toBe(status);
      const body = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatch(message);
      if (fault.status === 429) expect(res.headers.get('retry-after')).toBe('30');
    }
    // A transfer is not repeated on a 500 (Daily may have acted): one try, one clear error.
    double.clearFaults();
    double.inject({ status: 500, times: 5, pathPrefix: '/rooms/support/sipCallTransfer' });
    const before = double.calls.length;
    const res = await post('/api/rooms/support/legs/leg-2/transfer', supervisor, {
      destination: 'sip:sales@sandbox.sip.daily.co',
    });
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: 'The transfer: Daily had an error (500); try again',
    });
    expect(double.calls.length).toBe(before);
    double.clearFaults();
  });
});
