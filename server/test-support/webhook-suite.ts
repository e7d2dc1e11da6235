/**
 * The webhook route and the stream, against whichever store `env()` selects: every bad input
 * gets its status and stores nothing; good ones are stored once and streamed once, in order;
 * resume replays exactly what was missed; slow subscribers are cut off with bounded memory.
 */
import { retainedHeap } from './heap';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../domain/signature';
import { envelope, openSse, startTestServer, type TestServer } from './harness';

export function describeWebhookServer(name: string, env: () => Record<string, string>): void {
  describe(`webhooks and stream (${name})`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer(env());
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    const countId = async (id: string) =>
      Number(
        (await s.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE id = $1', [id]))[0]
          ?.n,
      );
    const total = async () => s.store.count();

    it('stores a signed envelope, then answers 200 with its sequence number', async () => {
      const e = envelope('dialin.connected', { sip_from: 'sip:+14155550100@pstn.example' });
      const res = await s.post(e);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { seq: number; duplicate: boolean };
      expect(body.duplicate).toBe(false);
      expect(await countId(e.id)).toBe(1);
      const [stored] = await s.store.since(body.seq - 1, { limit: 1 });
      expect(stored?.envelope).toEqual(e);
    });

    it('the same id twice: 200 both times, stored once', async () => {
      const e = envelope('dialin.stopped');
      const first = (await (await s.post(e)).json()) as { seq: number };
      const again = await s.post(e);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ seq: first.seq, duplicate: true });
      expect(await countId(e.id)).toBe(1);
    });

    it('payload.timestamp as a number or a string; an unknown type is stored as-is', async () => {
      for (const e of [
        envelope('dialout.answered', { timestamp: 1770005095 }),
        envelope('recording.ready-to-download', { whatever: { nested: true } }),
      ]) {
        const res = await s.post(e);
        expect(res.status).toBe(200);
        expect(await countId(e.id)).toBe(1);
      }
    });

    it("answers Daily's verification ping with 200 and stores nothing", async () => {
      const before = await total();
      const res = await fetch(`${s.url}/webhooks/daily`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ test: 'test' }),
      });
      expect(res.status).toBe(200);
      expect(await total()).toBe(before);
    });

    const now = () => String(Math.floor(Date.now() / 1000));
    /** A correctly signed envelope whose timestamp is `offsetS` seconds from now. */
    const postSignedAt = (offsetS: number, e = envelope('dialin.connected')) =>
      postSigned(String(Math.floor(Date.now() / 1000) + offsetS), e);
    /** A correctly signed envelope with this timestamp header. */
    const postSigned = (ts: string, e = envelope('dialin.connected')) => {
      const raw = JSON.stringify(e);
      return s.post(null, {
        raw,
        headers: {
          'x-webhook-timestamp': ts,
          'x-webhook-signature': signWebhook(s.secret, ts, raw),
        },
      });
    };

    it("lets Daily's retries in: the first timestamp later, a clock ahead, milliseconds", async () => {
      const e = envelope('dialout.answered');
      const first = (await (await postSignedAt(-10 * 60, e)).json()) as { seq: number };
      for (const send of [
        () => postSignedAt(-6 * 3_600, e),
        () => postSignedAt(10 * 60, e),
        () => postSigned(String(Date.now() - 20 * 60_000), e),
      ]) {
        const res = await send();
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true, seq: first.seq, duplicate: true });
      }
      expect(await countId(e.id)).toBe(1);
      const ms = envelope('dialin.connected');
      expect((await postSigned(String(Date.now()), ms)).status).toBe(200);
      expect(await countId(ms.id)).toBe(1);
    });

    it('one event is an id and a type: an id reused for another type is stored too', async () => {
      const triggered = envelope('calltransfer.triggered', { to_endpoint: '+14155550111' });
      const initiated = { ...triggered, type: 'calltransfer.initiated' };
      const a = (await (await s.post(triggered)).json()) as { seq: number; duplicate: boolean };
      const b = (await (await s.post(initiated)).json()) as { seq: number; duplicate: boolean };
      expect([a.duplicate, b.duplicate]).toEqual([false, false]);
      expect(b.seq).toBeGreaterThan(a.seq);
      expect(await (await s.post(initiated)).json()).toMatchObject({ seq: b.seq, duplicate: true });
      expect(await countId(triggered.id)).toBe(2);
    });
    const cases: [string, () => Promise<Response>, number, RegExp][] = [
      [
        'bad signature',
        () => s.post(envelope('dialin.connected'), { headers: { 'x-webhook-signature': 'AAAA' } }),
        401,
        /signature/,
      ],
      [
        'wrong secret',
        () => {
          const raw = JSON.stringify(envelope('dialin.connected'));
          const ts = now();
          const sig = signWebhook(randomBytes(32), ts, raw);
          return s.post(null, {
            raw,
            headers: { 'x-webhook-timestamp': ts, 'x-webhook-signature': sig },
          });
        },
        401,
        /signature/,
      ],
      [
        'tampered body',
        () => {
          const raw = JSON.stringify(envelope('dialin.connected'));
          const ts = now();
          const sig = signWebhook(s.secret, ts, raw);
          return s.post(null, {
            raw: raw.replace('room-a', 'room-b'),
            headers: { 'x-webhook-timestamp': ts, 'x-webhook-signature': sig },
          });
        },
        401,
        /signature/,
      ],
      [
        'missing headers',
        () =>
          fetch(`${s.url}/webhooks/daily`, {
            method: 'POST',
            body: JSON.stringify(envelope('dialin.connected')),
          }),
        401,
        /missing/,
      ],
      // Older than the store keeps (RETENTION_DAYS, 30 by default): its first copy may be gone.
      ['a timestamp 31 days old', () => postSignedAt(-31 * 86_400), 401, /RETENTION_DAYS/],
      ['an ISO timestamp', () => postSigned(new Date().toISOString()), 401, /Unix time/],
      ['non-JSON', () => s.post(null, { raw: 'type=dialin.connected' }), 400, /not JSON/],
      [
        'JSON that is not an envelope',
        () => s.post({ type: 'dialin.connected', payload: 'nope' }),
        400,
        /envelope/,
      ],
      [
        'an envelope without an id',
        () => s.post({ type: 'dialin.connected', payload: {}, event_ts: 1 }),
        400,
        /id/,
      ],
      [
        'a 1 MB body',
        () => s.post(envelope('dialin.connected', { pad: 'x'.repeat(1_000_000) })),
        413,
        /larger than/,
      ],
    ];
    for (const [what, send, status, message] of cases) {
      it(`${what} → ${status}, nothing stored, still serving`, async () => {
        const before = await total();
        const res = await send();
        expect(res.status).toBe(status);
        expect(((await res.json()) as { error: string }).error).toMatch(message);
        expect(await total()).toBe(before);
        const ok = await s.post(envelope('dialin.warning'));
        expect(ok.status).toBe(200);
      });
    }

    it('streams every stored event once, in order, with projections before each webhook', async () => {
      const room = `room-${randomBytes(3).toString('hex')}`;
      const sse = await openSse(`${s.url}/api/stream?room=${room}`, { cookie: s.cookie });
      const sent = [
        envelope('dialin.connected', { room, sip_from: 'sip:+14155550100@x' }),
        envelope('calltransfer.triggered', {
          room,
          to_endpoint: '+14155550111',
          is_sip_refer: false,
        }),
        envelope('calltransfer.initiated', {
          room,
          to_endpoint: '+14155550111',
          is_sip_refer: false,
        }),
        envelope('calltransfer.answered', { room, to_endpoint: '+14155550111' }),
        envelope('dialin.connected', { room: 'another-room' }),
      ];
      for (const e of sent) expect((await s.post(e)).status).toBe(200);
      await s.post(sent[0]); // a retry: not streamed again
      await sse.waitFor((m) => m.filter((x) => x.event === 'webhook').length >= 4);
      const got = sse.webhooks();
      expect(got.map((w) => w.id)).toEqual(sent.slice(0, 4).map((e) => e.id));
      expect(got.map((w) => w.seq)).toEqual([...got.map((w) => w.seq)].sort((a, b) => a - b));
      const transfer = sse.messages.filter((m) => m.event === 'transfer').at(-1);
      expect(JSON.parse(transfer!.data)).toMatchObject({ outcome: 'answered', refer: false });
      const leg = sse.messages.filter((m) => m.event === 'leg').at(-1);
      expect(JSON.parse(leg!.data)).toMatchObject({ state: 'transferred', network: 'pstn' });
      sse.close();
    });

    it('a reconnect with Last-Event-ID replays exactly what was missed', async () => {
      const room = `room-${randomBytes(3).toString('hex')}`;
      const first = await openSse(`${s.url}/api/stream?room=${room}`, { cookie: s.cookie });
      const batch = Array.from({ length: 30 }, () => envelope('dialout.connected', { room }));
      for (const e of batch.slice(0, 10)) await s.post(e);
      await first.waitFor((m) => m.filter((x) => x.event === 'webhook').length === 10);
      const last = first.webhooks().at(-1)!.seq;
      first.close();
      for (const e of batch.slice(10)) await s.post(e);
      const again = await openSse(`${s.url}/api/stream?room=${room}`, {
        cookie: s.cookie,
        'last-event-id': String(last),
      });
      await again.waitFor((m) => m.filter((x) => x.event === 'webhook').length >= 20);
      expect(again.webhooks().map((w) => w.id)).toEqual(batch.slice(10).map((e) => e.id));
      again.close();
    });

    it('a webhook nested 30,000 deep is refused alone (400); those batched with it are stored', async () => {
      const deep = envelope('dialin.warning');
      const raw = JSON.stringify(deep).replace(
        '"payload":{',
        `"payload":{"deep":${'['.repeat(30_000)}${']'.repeat(30_000)},`,
      );
      const others = Array.from({ length: 20 }, () => envelope('dialin.warning'));
      const [refused, ...stored] = await Promise.all([
        s.post(undefined, { raw }),
        ...others.map((e) => s.post(e)),
      ]);
      expect(refused!.status).toBe(400);
      expect(await refused!.json()).toEqual({
        error: 'not a Daily webhook envelope: payload: nested deeper than 32 levels',
      });
      expect(stored.map((r) => r.status)).toEqual(others.map(() => 200));
      expect(await countId(deep.id)).toBe(0);
      for (const e of others) expect(await countId(e.id)).toBe(1);
    });

    it('rejects a bad room filter or resume id (query or Last-Event-ID) with 400', async () => {
      for (const q of ['room=../etc', 'room=' + 'x'.repeat(200), 'lastEventId=abc']) {
        const res = await fetch(`${s.url}/api/stream?${q}`, { headers: { cookie: s.cookie } });
        expect(res.status).toBe(400);
      }
      const header = await fetch(`${s.url}/api/stream`, {
        headers: { cookie: s.cookie, 'last-event-id': 'abc' },
      });
      expect(header.status).toBe(400);
      expect(await header.json()).toEqual({ error: 'Last-Event-ID: a sequence number' });
    });

    it('a subscriber that stops reading is disconnected; memory stays bounded', async () => {
      const room = `slow-${randomBytes(3).toString('hex')}`;
      const slow = await openSse(
        `${s.url}/api/stream?room=${room}`,
        { cookie: s.cookie },
        { pause: true },
      );
      const fast = await openSse(`${s.url}/api/stream?room=${room}`, { cookie: s.cookie });
      const pad = 'p'.repeat(8_000);
      const heapBefore = retainedHeap();
      let sent = 0;
      // ~8 KB per event: the 1 MB bound plus socket buffers are passed within a few hundred.
      while (sent < 3_000 && s.hub.slowDisconnects === 0) {
        await Promise.all(
          Array.from({ length: 20 }, () => s.post(envelope('dialin.warning', { room, pad }))),
        );
        sent += 20;
      }
      expect(s.hub.slowDisconnects).toBeGreaterThan(0);
      slow.resume();
      await slow.closed;
      // What it got before the cut is a gap-free prefix: it resumes from its last id.
      const got = slow.webhooks().map((w) => w.seq);
      expect(got).toEqual([...got].sort((a, b) => a - b));
      expect(got.length).toBeLessThan(sent);
      await fast.waitFor((m) => m.filter((x) => x.event === 'webhook').length === sent, 20_000);
      const grown = retainedHeap() - heapBefore;
      expect(grown).toBeLessThan(64 * 1024 * 1024);
      fast.close();
    }, 60_000);

    it('retention deletes events received before the cut-off, and only those', async () => {
      const old = envelope('dialin.stopped');
      await s.post(old);
      const cut = Date.now() + 1;
      await new Promise((r) => setTimeout(r, 5));
      const recent = envelope('dialin.stopped');
      await s.post(recent);
      expect(await s.store.prune(cut)).toBeGreaterThanOrEqual(1);
      expect(await countId(old.id)).toBe(0);
      expect(await countId(recent.id)).toBe(1);
    });

    it('never logs a webhook body or the secret', () => {
      const all = s.logs.join('');
      expect(all).toContain('webhook stored');
      expect(all).not.toContain('sip:+14155550100');
      expect(all).not.toContain(s.secret.toString('base64'));
    });
  });
}
