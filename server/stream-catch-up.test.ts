/**
 * A stream's catch-up is paged with backpressure: a backlog far larger than
 * SSE_MAX_BUFFERED_BYTES (100,000 events of ~1 KB, about 100 MiB) reaches a fresh subscriber
 * whole and in order, and the slow-subscriber bound is never hit — nor by a burst larger than
 * the bound handed to a live subscriber in one wake. A resume id above the newest
 * event is answered with a `reset` to the newest, not silence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from './store/database';
import { envelope, openSse, startTestServer, type TestServer } from './test-support/harness';
import { countStreamIds } from './test-support/stream-ids';

const EVENTS = 100_000;
let s: TestServer;

/** `n` events of ~1 KB in `room`, in one statement (the webhook route would take minutes). */
const seed = (room: string, n: number, db: Queryable = s.db) =>
  db.query(
    `INSERT INTO events (id, type, room, session_id, received_at, envelope)
     SELECT $3 || '-' || g, 'dialin.warning', $3, 'sess-' || g, $1,
       jsonb_build_object('version', '1.0.0', 'type', 'dialin.warning', 'id', $3 || '-' || g,
         'event_ts', 1770005095.5,
         'payload', jsonb_build_object('room', $3::text, 'session_id', 'sess-' || g, 'pad', repeat('p', 1000)))
     FROM generate_series(1, $2::int) g`,
    [Date.now(), n, room],
  );

beforeAll(async () => {
  // The backlog is in the store before the server reads it, as after a restart: the hub, the
  // queues and the history start at its head instead of first reading 100,000 new events, and
  // the history indexer stays idle (this file tests the stream, not the history).
  s = await startTestServer(
    {},
    { prepareStore: (db) => seed('busy', EVENTS, db), indexHistory: false },
  );
}, 120_000);
afterAll(() => s?.close());

/** Reads a stream of this server counting only its ids. */
const countIds = (path: string, headers: Record<string, string>, until: (id: number) => boolean) =>
  countStreamIds(`${s.url}${path}`, { cookie: s.cookie, ...headers }, until);

describe('catch-up larger than the slow-subscriber bound', () => {
  it('a resume from 0 over 100,000 events delivers every one, in order, without a cut', async () => {
    const head = await s.store.head();
    const got = await countIds('/api/stream', { 'last-event-id': '0' }, (id) => id >= head);
    expect(got).toEqual({ count: EVENTS, ordered: true, lastId: head, closedEarly: false });
    expect(s.hub.slowDisconnects).toBe(0);
  }, 300_000);

  it("a room's opening replay (1,000 events, over 1 MiB) arrives whole", async () => {
    const head = await s.store.head();
    const got = await countIds('/api/stream?room=busy', {}, (id) => id >= head);
    expect(got).toEqual({ count: 1_000, ordered: true, lastId: head, closedEarly: false });
    expect(s.hub.slowDisconnects).toBe(0);
  }, 120_000);

  it('a live subscriber handed a burst bigger than the bound in one wake takes it all, uncut', async () => {
    const sse = await openSse(`${s.url}/api/stream?room=burst`, { cookie: s.cookie });
    // One webhook first: once it has arrived the subscriber is live (caught up with the head).
    const first = envelope('dialin.warning', { room: 'burst' });
    expect((await s.post(first)).status).toBe(200);
    await sse.waitFor((m) => m.some((x) => x.event === 'webhook'));
    const cuts = s.hub.slowDisconnects;
    // 5,000 events of ~1 KB (5 MiB, five times SSE_MAX_BUFFERED_BYTES) committed at once.
    await seed('burst', 5_000);
    await s.hub.wake();
    let cut = false;
    void sse.closed.then(() => (cut = true));
    const webhooks = (m: { event: string }[]) => m.filter((x) => x.event === 'webhook').length;
    await sse.waitFor((m) => cut || webhooks(m) === 5_001, 120_000);
    expect({ cut, webhooks: webhooks(sse.messages) }).toEqual({ cut: false, webhooks: 5_001 });
    expect(s.hub.slowDisconnects).toBe(cuts);
    sse.close();
  }, 180_000);

  it('a resume id above the newest event is answered with a reset to the newest', async () => {
    const head = await s.store.head();
    const sse = await openSse(`${s.url}/api/stream`, {
      cookie: s.cookie,
      'last-event-id': String(head + 500),
    });
    await sse.waitFor((m) => m.some((x) => x.event === 'reset'));
    const reset = sse.messages.find((x) => x.event === 'reset')!;
    expect(reset.id).toBe(String(head));
    expect(JSON.parse(reset.data)).toEqual({ lastEventId: head, requested: head + 500 });
    sse.close();
  });
});
