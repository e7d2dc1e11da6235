import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, openSse, startTestServer } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';
import { describeWebhookServer } from './test-support/webhook-suite';

let pg: TestPostgres | undefined;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

describeWebhookServer('Postgres', () => ({ DATABASE_URL: pg!.url }));

describe('two instances on one Postgres', () => {
  it('an event posted to one reaches an SSE client of the other, once, in order', async () => {
    const a = await startTestServer({ DATABASE_URL: pg!.url });
    const b = await startTestServer({
      DATABASE_URL: pg!.url,
      DAILY_WEBHOOK_SECRET: a.secret.toString('base64'),
    });
    try {
      const room = `two-${Date.now()}`;
      const onB = await openSse(`${b.url}/api/stream?room=${room}`, { cookie: b.cookie });
      const onA = await openSse(`${a.url}/api/stream?room=${room}`, { cookie: a.cookie });
      const sent = Array.from({ length: 25 }, (_, i) =>
        envelope(i % 2 ? 'dialin.connected' : 'dialout.answered', { room }),
      );
      // Alternate instances: each subscriber must see every event from both, in one order.
      for (const [i, e] of sent.entries()) {
        const res = await (i % 2 ? b : a).post(e);
        expect(res.status).toBe(200);
      }
      for (const sse of [onA, onB]) {
        await sse.waitFor((m) => m.filter((x) => x.event === 'webhook').length === 25);
        expect(sse.webhooks().map((w) => w.id)).toEqual(sent.map((e) => e.id));
        sse.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);
});
