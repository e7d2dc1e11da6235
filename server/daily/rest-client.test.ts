/**
 * The server's Daily REST client against the REST double, over real HTTP on a local port:
 * pagination, meeting tokens, and every failure Daily can answer with.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDailyDouble, type DailyDouble } from '../sandbox/daily-double';
import { freePort } from '../test-support/process';
import { createDailyClient, DailyApiError } from './rest-client';

const KEY = 'double-key-7c1d0e';
let double: DailyDouble;
let server: ServerType;
let base = '';
const slept: number[] = [];
const client = (over: Partial<Parameters<typeof createDailyClient>[0]> = {}) =>
  createDailyClient({
    baseUrl: base,
    apiKey: KEY,
    sleep: async (ms) => void slept.push(ms),
    ...over,
  });

async function failure(p: Promise<unknown>): Promise<DailyApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DailyApiError) return error;
    throw error;
  }
  throw new Error('expected a DailyApiError');
}

beforeAll(async () => {
  double = createDailyDouble({ apiKey: KEY, extraRooms: 246, extraNumbers: 117 });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: double.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  double.clearFaults();
  double.calls.splice(0);
  slept.splice(0);
});

describe('Daily REST client ↔ REST double over HTTP', () => {
  it('reads every page of rooms (100 a page) and of purchased numbers (50 a page)', async () => {
    const rooms = await client().listRooms();
    expect(rooms).toHaveLength(250);
    expect(new Set(rooms.map((r) => r.name)).size).toBe(250);
    expect(rooms.find((r) => r.name === 'sales')!.config.sip_uri!.endpoint).toBe(
      'sip:sales@sandbox.sip.daily.co',
    );
    const numbers = await client().listPhoneNumbers();
    expect(numbers).toHaveLength(120);
    expect(double.calls.map((c) => c.path.split('?')[0])).toEqual([
      '/rooms',
      '/rooms',
      '/rooms',
      '/purchased-phone-numbers',
      '/purchased-phone-numbers',
      '/purchased-phone-numbers',
    ]);
    expect(double.calls[4]!.query).toBe('limit=50&starting_after=pn_000050');
  });

  it('mints a meeting token with the properties asked for', async () => {
    const token = await client().createMeetingToken({
      room_name: 'support',
      user_name: 'Ada',
      is_owner: true,
      exp: 2_000_000_000,
    });
    expect(double.verifyToken(token)).toMatchObject({
      r: 'support',
      u: 'Ada',
      o: true,
      exp: 2_000_000_000,
    });
  });

  it('a refused key is "auth", and the message never holds the key', async () => {
    const e = await failure(client({ apiKey: 'wrong-key-123456' }).listRooms());
    expect(e.kind).toBe('auth');
    expect(e.status).toBe(401);
    expect(e.message).toBe("Daily refused the server's API key (401). Check DAILY_API_KEY.");
    expect(e.message).not.toContain('wrong-key');
  });

  it('429 is retried after Retry-After, then succeeds', async () => {
    double.inject({ status: 429, retryAfterS: 2, times: 2 });
    const rooms = await client().listRooms();
    expect(rooms.length).toBe(250);
    expect(slept.slice(0, 2)).toEqual([2000, 2000]);
  });

  it('429 with a Retry-After beyond the limit fails at once, saying when to try again', async () => {
    double.inject({ status: 429, retryAfterS: 120, times: 1 });
    const e = await failure(client().listPhoneNumbers());
    expect(e.kind).toBe('rate-limited');
    expect(e.retryAfterS).toBe(120);
    expect(e.message).toBe('Daily is rate-limiting this server; try again in 120 s');
    expect(slept).toEqual([]);
  });

  it('5xx on a read is retried with backoff; after the last attempt it fails as "daily-error"', async () => {
    double.inject({ status: 503, times: 2 });
    await expect(client().getRoom('support')).resolves.toMatchObject({ name: 'support' });
    expect(slept).toEqual([250, 500]);
    double.inject({ status: 500, times: 3 });
    const e = await failure(client().getRoom('support'));
    expect(e.kind).toBe('daily-error');
    expect(e.message).toBe('Daily had an error (500); try again');
  });

  it('5xx on a transfer is not repeated (Daily may have acted on it)', async () => {
    double.inject({ status: 502, times: 1 });
    const e = await failure(
      client().sipCallTransfer('support', { sessionId: 's-1', toEndPoint: '+14155550100' }),
    );
    expect(e.kind).toBe('daily-error');
    expect(slept).toEqual([]);
    expect(double.calls).toEqual([]);
    await client().sipCallTransfer('support', { sessionId: 's-1', toEndPoint: '+14155550100' });
    expect(double.calls).toHaveLength(1);
  });

  it('429 on a call action is not repeated either: the caller hears when to try again', async () => {
    let sent = 0;
    const counting = client({
      fetch: (...args) => {
        sent++;
        return fetch(...args);
      },
    });
    double.inject({ status: 429, retryAfterS: 2, times: 1 });
    const e = await failure(counting.startDialOut('support', { phoneNumber: '+14155550100' }));
    expect(e.kind).toBe('rate-limited');
    expect(e.retryAfterS).toBe(2);
    expect(sent).toBe(1);
    expect(slept).toEqual([]);
    expect(double.calls).toEqual([]);
  });

  it('sipRefer accepts any 2xx, whatever its (undocumented) body', async () => {
    for (const [status, body] of [
      [200, '{"ok":"true"}'],
      [200, '{}'],
      [202, ''],
      [204, null],
    ] as const) {
      const refer = client({ fetch: async () => new Response(body, { status }) });
      // Throws (failing the test) on an answer it does not accept.
      await refer.sipRefer('support', { sessionId: 's-1', toEndPoint: 'sip:desk@pbx.example.com' });
    }
  });

  it("a request Daily rejects carries Daily's reason; an unknown room is not-found", async () => {
    const bad = await failure(
      client().sipCallTransfer('support', { sessionId: '', toEndPoint: 'x' }),
    );
    expect(bad.kind).toBe('rejected');
    expect(bad.message).toBe('Daily rejected the request: sessionId is required');
    const missing = await failure(client().getRoom('no-such-room'));
    expect(missing.kind).toBe('not-found');
  });

  it('a slow answer times out per call; an unreachable API says so', async () => {
    double.inject({ latencyMs: 400, times: 3 });
    const slow = await failure(client({ timeoutMs: 100 }).getRoom('support'));
    expect(slow.kind).toBe('timeout');
    expect(slow.message).toBe('Daily did not answer within 0.1 s');
    const port = await freePort();
    const gone = await failure(client({ baseUrl: `http://127.0.0.1:${port}/v1` }).listRooms());
    expect(gone.kind).toBe('unreachable');
  });

  it('an answer of the wrong shape is refused, not passed on', async () => {
    const odd = createDailyClient({
      baseUrl: base,
      apiKey: KEY,
      fetch: async () => new Response(JSON.stringify({ rooms: 'nope' }), { status: 200 }),
    });
    const e = await failure(odd.listRooms());
    expect(e.kind).toBe('bad-response');
  });
});
