/**
 * The queues' figures (`npm run bench:queue`), in-process (PGlite in memory):
 *
 * 1. Call arrives → offer on the agent's stream: Daily's signed room-creation request over HTTP
 *    until the agent's `/api/queue/stream` carries the offer (the agent then declines, so the
 *    next call is offered again). Baseline in the same run: a bare HTTP round trip
 *    (GET /api/health) to the same server. This stops at the server's stream, not a browser.
 * 2. 200 agents (all Available, consoles open) and 1,000 calls arriving at once in one
 *    `longest-idle` queue: offer decisions per second (every arrival runs a dispatch over the
 *    waiting calls) and the process's memory after.
 *
 * Prints a table; with `--json`, the figures as one JSON line at the end.
 */
import pino from 'pino';
import { pinlessHeaders } from '../domain/pinless';
import { QueueEngine } from '../queue/engine';
import { createQueueStore } from '../queue/queue-store';
import { openPglite } from '../store/database';
import { migrate } from '../store/migrations';
import { demoCookie, openSse, startTestServer } from '../test-support/harness';
import type { MeView } from '../queue/views';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const AGENTS = 200;
const CALLS = 1_000;
const json = process.argv.includes('--json');
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const round = (n: number) => Math.round(n * 10) / 10;

async function offerLatency() {
  const server = await startTestServer({ LOG_LEVEL: 'silent' });
  try {
    const cookie = await demoCookie(server.url, 'admin');
    await fetch(`${server.url}/api/queue/admin/queues`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench',
        numbers: ['+14155550100'],
        members: ['demo-agent'],
        wrapUpS: 0,
        strategy: 'longest-idle',
      }),
    });
    const stream = await openSse(`${server.url}/api/queue/stream`, { cookie: server.cookie });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { cookie: server.cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/api/queue/status', { status: 'available' });
    const offered = (callId: string) =>
      stream.messages.some(
        (m) => m.event === 'me' && (JSON.parse(m.data) as MeView).offer?.callId === callId,
      );
    const offers: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let t = performance.now();
      await (await fetch(`${server.url}/api/health`)).text();
      bare.push(performance.now() - t);
      const callId = `bench-${i}`;
      const raw = JSON.stringify({
        To: '+14155550100',
        From: '+14155550199',
        callId,
        callDomain: 'bench',
      });
      t = performance.now();
      await fetch(`${server.url}/webhooks/pinless`, {
        method: 'POST',
        headers: pinlessHeaders(server.config.pinlessSecret!, raw, Date.now()),
        body: raw,
      });
      await stream.waitFor(() => offered(callId));
      offers.push(performance.now() - t);
      await post(`/api/queue/offers/${callId}/decline`, {});
    }
    stream.close();
    return { offerP95Ms: round(p95(offers)), bareHttpP95Ms: round(p95(bare)) };
  } finally {
    await server.close();
  }
}

async function decisions() {
  const db = await openPglite(undefined);
  await migrate(db);
  const store = createQueueStore(db);
  const members = Array.from({ length: AGENTS }, (_, i) => `agent-${i}`);
  await store.createQueue(
    { name: 'Load', numbers: ['+14155550100'], members, wrapUpS: 0, strategy: 'longest-idle' },
    Date.now(),
  );
  const engine = new QueueEngine({
    store,
    log: pino({ level: 'silent' }),
    route: async () => ({ ok: true }),
  });
  await engine.start();
  let sent = 0;
  for (const m of members) {
    engine.connect(m, { send: () => void sent++ });
    await engine.setStatus(m, 'available');
  }
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CALLS }, (_, i) =>
      engine.arrive({
        callId: `load-${i}`,
        callDomain: 'd',
        from: '+14155550199',
        to: '+14155550100',
      }),
    ),
  );
  const seconds = (performance.now() - t) / 1000;
  const counts = engine.counts();
  const memoryMb = Math.round(process.memoryUsage().rss / 1e6);
  await db.close();
  return {
    callsPerS: Math.round(CALLS / seconds),
    offers: counts.offers,
    waiting: counts.waiting,
    memoryMb,
    messages: sent,
  };
}

const latency = await offerLatency();
const load = await decisions();
console.log(
  `offer shown on the agent's stream, p95: ${latency.offerP95Ms} ms (bare HTTP round trip p95: ${latency.bareHttpP95Ms} ms; ${SAMPLES} samples)`,
);
console.log(
  `${AGENTS} agents, ${CALLS} calls arriving: ${load.callsPerS} arrivals+decisions/s; ${load.offers} offers ringing, ${load.waiting} waiting; RSS ${load.memoryMb} MB`,
);
if (json) console.log(JSON.stringify({ ...latency, ...load }));
