/**
 * Access control, table-driven: every route × {no session, agent, supervisor, admin} gets the
 * status the design says, and a refusal says nothing beyond "sign in" / "needs role X". The
 * API key never appears in any response or log line of the whole run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCookie, startTestServer, type TestServer } from './test-support/harness';
import { liveLeg } from './test-support/cloud-client';
import { startOidcProvider, type TestOidcProvider } from './test-support/oidc-provider';

const KEY = 'test-daily-api-key-3f9c1e7d2b';
type Who = 'none' | 'agent' | 'supervisor' | 'admin';
const WHO: Who[] = ['none', 'agent', 'supervisor', 'admin'];

interface Row {
  method: string;
  path: string | ((who: Who) => string);
  body?: unknown | ((who: Who) => unknown);
  /** Status for none, agent, supervisor, admin. */
  expect: [number, number, number, number];
  /** Where it reaches Daily, `acl-1` becomes a live caller of the simulated cloud. */
  liveLeg?: boolean;
}

const relayBody = { type: 'dialin.connected', payload: { room: 'support', session_id: 'acl-1' } };
const TABLE: Row[] = [
  { method: 'GET', path: '/api/health', expect: [200, 200, 200, 200] },
  { method: 'GET', path: '/api/ready', expect: [200, 200, 200, 200] },
  { method: 'GET', path: '/api/auth/options', expect: [200, 200, 200, 200] },
  // Single sign-on: browser navigations, always a redirect (to the provider, or back with ?sso=).
  { method: 'GET', path: '/api/auth/oidc/start', expect: [302, 302, 302, 302] },
  { method: 'GET', path: '/api/auth/oidc/callback?code=x&state=y', expect: [302, 302, 302, 302] },
  { method: 'GET', path: '/api/session', expect: [401, 200, 200, 200] },
  // "Who am I": nobody signed in is an answer ({ signedIn: false }), not a refusal.
  { method: 'GET', path: '/api/auth/whoami', expect: [200, 200, 200, 200] },
  { method: 'GET', path: '/api/stream?room=support', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/rooms/support/legs', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/rooms/support/transfers', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/room-counts', expect: [401, 200, 200, 200] },
  // What an agent reads is bounded like its tokens: another room than AGENT_ROOMS lists is refused.
  { method: 'GET', path: '/api/stream?room=billing', expect: [401, 403, 200, 200] },
  { method: 'GET', path: '/api/rooms/billing/legs', expect: [401, 403, 200, 200] },
  { method: 'GET', path: '/api/rooms/billing/transfers', expect: [401, 403, 200, 200] },
  {
    method: 'POST',
    path: '/api/rooms/billing/legs/acl-1/claim',
    body: { method: 'transfer', toEndpoint: '+12025550143' },
    expect: [401, 403, 201, 201],
  },
  { method: 'GET', path: '/api/room-counts?world=no%20spaces', expect: [401, 400, 400, 400] },
  // The supervisor's wall: supervisors and admins; an agent is refused.
  { method: 'GET', path: '/api/wall/snapshot', expect: [401, 403, 200, 200] },
  { method: 'GET', path: '/api/wall/pulse', expect: [401, 403, 200, 200] },
  // An agent's console says who acted through the SDK (for the wall and the room).
  {
    method: 'POST',
    path: '/api/rooms/support/legs/acl-1/claim',
    body: { method: 'transfer', toEndpoint: '+12025550143' },
    expect: [401, 201, 201, 201],
  },
  { method: 'GET', path: '/api/daily/rooms', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/daily/phone-numbers', expect: [401, 200, 200, 200] },
  { method: 'POST', path: '/api/rooms/support/token', body: {}, expect: [401, 200, 200, 200] },
  // Least privilege: agents only for the rooms AGENT_ROOMS lists (support, sales here).
  { method: 'POST', path: '/api/rooms/billing/token', body: {}, expect: [401, 403, 200, 200] },
  { method: 'POST', path: '/api/sandbox/webhooks', body: relayBody, expect: [401, 200, 200, 200] },
  {
    method: 'POST',
    path: '/api/rooms/support/legs/acl-1/transfer',
    liveLeg: true,
    body: { destination: 'sip:sales@sandbox.sip.daily.co' },
    expect: [401, 403, 202, 202],
  },
  {
    method: 'POST',
    path: '/api/rooms/support/legs/acl-1/refer',
    liveLeg: true,
    body: { destination: 'sip:desk@pbx.example.com' },
    expect: [401, 403, 202, 202],
  },
  {
    method: 'POST',
    path: '/api/rooms/support/legs/acl-1/hangup',
    liveLeg: true,
    body: {},
    expect: [401, 403, 202, 202],
  },
  // The history: supervisors and admins (an agent is refused the page's API).
  { method: 'GET', path: '/api/history/conversations', expect: [401, 403, 200, 200] },
  { method: 'GET', path: '/api/history/conversations/acl-console', expect: [401, 403, 404, 404] },
  { method: 'GET', path: '/api/history/export?format=json', expect: [401, 403, 200, 200] },
  { method: 'GET', path: '/api/admin/accounts', expect: [401, 403, 403, 200] },
  {
    method: 'POST',
    path: '/api/admin/accounts',
    body: (who: Who) => ({
      username: `new-${who}`,
      role: 'agent',
      password: 'correct horse battery',
    }),
    expect: [401, 403, 403, 201],
  },
  {
    method: 'PATCH',
    path: '/api/admin/accounts/spare',
    body: { displayName: 'Spare One' },
    expect: [401, 403, 403, 200],
  },
  {
    method: 'POST',
    path: '/api/admin/accounts/spare/signout',
    body: {},
    expect: [401, 403, 403, 200],
  },
  {
    method: 'DELETE',
    path: (who: Who) => `/api/admin/accounts/gone-${who}`,
    expect: [401, 403, 403, 200],
  },
  {
    method: 'POST',
    path: '/api/sandbox/daily-faults',
    body: { latencyMs: 1 },
    expect: [401, 403, 403, 200],
  },
  { method: 'DELETE', path: '/api/sandbox/daily-faults', expect: [401, 403, 403, 200] },
  // The simulated cloud: any signed-in account (a sandbox's demo users drive it).
  { method: 'POST', path: '/api/sandbox/cloud/connect', body: {}, expect: [401, 400, 400, 400] },
  {
    method: 'POST',
    path: '/api/sandbox/cloud/consoles/acl-console/calls',
    body: { id: 1, method: 'dialIn', args: [] },
    expect: [401, 404, 404, 404],
  },
  { method: 'GET', path: '/api/sandbox/cloud/worlds/acl-world', expect: [401, 200, 200, 200] },
  {
    method: 'POST',
    path: '/api/sandbox/cloud/worlds/acl-world/traffic',
    body: { rooms: 1, callsPerMinute: 1, durationS: 1 },
    expect: [401, 200, 200, 200],
  },
  // The world the traffic above started is its creator's (agent) to reset, and admins'.
  {
    method: 'POST',
    path: '/api/sandbox/cloud/worlds/acl-world/reset',
    body: {},
    expect: [401, 200, 403, 200],
  },
  // The shared default world: admins only.
  {
    method: 'POST',
    path: '/api/sandbox/cloud/worlds/default/reset',
    body: {},
    expect: [401, 403, 403, 200],
  },
  // Queues (issue 18): an agent's own side, the board, and the admins' configuration.
  { method: 'GET', path: '/api/queue/stream', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/queue/board', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/queue/calls', expect: [401, 200, 200, 200] },
  { method: 'GET', path: '/api/queue/dispositions', expect: [401, 200, 200, 200] },
  {
    method: 'POST',
    path: '/api/queue/status',
    body: { status: 'break' },
    expect: [401, 200, 200, 200],
  },
  {
    method: 'POST',
    path: '/api/queue/offers/acl-call/accept',
    body: { room: 'support' },
    expect: [401, 409, 409, 409],
  },
  { method: 'POST', path: '/api/queue/offers/acl-call/decline', expect: [401, 409, 409, 409] },
  {
    method: 'POST',
    path: '/api/queue/calls/acl-call/wrap-up',
    body: { disposition: 'acl', note: '' },
    expect: [401, 400, 400, 400],
  },
  { method: 'GET', path: '/api/queue/admin/queues', expect: [401, 403, 403, 200] },
  {
    method: 'POST',
    path: '/api/queue/admin/queues',
    body: (who: Who) => ({
      name: `acl-${who}`,
      numbers: [],
      members: [],
      wrapUpS: 0,
      strategy: 'ring-all',
    }),
    expect: [401, 403, 403, 201],
  },
  {
    method: 'PUT',
    path: '/api/queue/admin/queues/acl-console',
    body: { name: 'x', numbers: [], members: [], wrapUpS: 0, strategy: 'ring-all' },
    expect: [401, 403, 403, 400],
  },
  { method: 'DELETE', path: '/api/queue/admin/queues/acl-console', expect: [401, 403, 403, 400] },
  {
    method: 'PUT',
    path: '/api/queue/admin/dispositions/acl',
    body: { label: 'ACL' },
    expect: [401, 403, 403, 200],
  },
  { method: 'DELETE', path: '/api/queue/admin/dispositions/acl', expect: [401, 403, 403, 200] },
  { method: 'GET', path: '/api/sandbox/pinless/calls', expect: [401, 200, 200, 200] },
  {
    method: 'POST',
    path: '/api/sandbox/pinless/calls',
    body: { to: '+19995550000', from: '+14155550123' },
    expect: [401, 400, 400, 400],
  },
  {
    method: 'POST',
    path: '/api/sandbox/pinless/calls/acl-call/hangup',
    expect: [401, 404, 404, 404],
  },
  // Daily's room-creation request: its signature decides (this one is unsigned).
  {
    method: 'POST',
    path: '/webhooks/pinless',
    body: { To: '+14155550100', From: '+14155550123', callId: 'acl', callDomain: 'd' },
    expect: [401, 401, 401, 401],
  },
  // Not session routes: Daily's signature and the double's Bearer key decide, a cookie does not.
  { method: 'POST', path: '/webhooks/daily', body: { id: 'x' }, expect: [401, 401, 401, 401] },
  { method: 'GET', path: '/sandbox-daily/v1/rooms', expect: [401, 401, 401, 401] },
];

let s: TestServer;
let idp: TestOidcProvider;
const cookies: Record<Who, string> = { none: '', agent: '', supervisor: '', admin: '' };
const seen: string[] = [];

async function send(method: string, path: string, who: Who, body?: unknown): Promise<Response> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      ...(cookies[who] ? { cookie: cookies[who] } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    redirect: 'manual',
  });
  return res;
}

beforeAll(async () => {
  idp = await startOidcProvider();
  s = await startTestServer({
    DAILY_API_KEY: KEY,
    AGENT_ROOMS: 'support,sales',
    LOG_LEVEL: 'debug',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
  });
  for (const who of ['agent', 'supervisor', 'admin'] as const)
    cookies[who] = await demoCookie(s.url, who);
  await s.accounts.create({
    username: 'spare',
    displayName: 'Spare',
    role: 'agent',
    passwordHash: null,
  });
  for (const who of WHO) {
    await s.accounts.create({
      username: `gone-${who}`,
      displayName: 'Gone',
      role: 'agent',
      passwordHash: null,
    });
  }
});
afterAll(async () => {
  await s.close();
  await idp.close();
  // Nothing of the whole run — responses, headers, logs — carries the API key.
  expect(seen.join('\n')).not.toContain(KEY);
  expect(s.logs.join('')).not.toContain(KEY);
});

describe('access control: every route × every role', () => {
  for (const row of TABLE) {
    for (const [i, who] of WHO.entries()) {
      const path = typeof row.path === 'function' ? row.path(who) : row.path;
      const want = row.expect[i]!;
      it(`${row.method} ${path} as ${who} → ${want}`, async () => {
        const body =
          typeof row.body === 'function' ? (row.body as (w: Who) => unknown)(who) : row.body;
        let target = path;
        if (row.liveLeg && want < 300) {
          target = path.replace(
            'acl-1',
            (await liveLeg(s.url, cookies.agent, 'support')).sessionId,
          );
          await s.webhooksSettled(); // the leg is in the store (a hang-up acts only on known legs)
        }
        const res = await send(row.method, target, who, body);
        const streaming = /^\/api\/(queue\/)?stream/.test(path) && res.status === 200;
        const text = streaming ? '' : await res.text();
        if (streaming) await res.body?.cancel();
        seen.push(
          JSON.stringify(Object.fromEntries(res.headers as unknown as Iterable<[string, string]>)),
          text,
        );
        expect(res.status, text).toBe(want);
        if (want === 401 || want === 403) {
          const json = JSON.parse(text) as Record<string, unknown>;
          // Only a message: no stack, no account, no session, no key.
          if (path.startsWith('/sandbox-daily'))
            expect(Object.keys(json).sort()).toEqual(['error', 'info']);
          else expect(Object.keys(json)).toEqual(['error']);
          expect(text).not.toMatch(/at .*\.ts|stack|demo-|password|console_session/i);
        }
      });
    }
  }

  it('the table covers every API route the server has', () => {
    const covered = new Set(
      TABLE.map(
        (r) =>
          `${r.method} ${(typeof r.path === 'function' ? r.path('none') : r.path).split('?')[0]}`,
      ),
    );
    const normalise = (p: string) =>
      p
        .replace(':room', 'support')
        .replace(':sessionId', 'acl-1')
        .replace(':username', 'spare')
        .replace(':id', 'acl-console')
        .replace(':world', 'acl-world')
        .replace(':callId', 'acl-call')
        .replace(':code', 'acl');
    const routes = s.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .filter((r) => !r.path.includes('*'))
      .map((r) => `${r.method} ${normalise(r.path)}`)
      .filter(
        (r) =>
          !['POST /api/auth/signin', 'POST /api/auth/demo', 'POST /api/auth/signout'].includes(r),
      );
    const missing = [...new Set(routes)].filter(
      (r) => !covered.has(r) && !covered.has(r.replace('spare', 'gone-none')),
    );
    expect(missing).toEqual([]);
  });
});
