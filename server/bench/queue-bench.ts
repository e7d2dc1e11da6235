/**
 * The queues' figures (`npm run bench:queue`), in-process (PGlite in memory):
 *
 * 1. Call arrives → offer shown: Daily's signed room-creation request over HTTP until the
 *    agent's `/api/queue/stream` carries the offer, and until the agent's console (Chromium, the
 *    built console from `dist/`, signed in and joined as the same agent) has the offer in its
 *    page (a MutationObserver stamps it; both clocks are this machine's). The agent then
 *    declines, so the next call is offered again. Baseline in the same run: a bare HTTP round
 *    trip (GET /api/health) to the same server. Without a Chromium or `dist/` the browser
 *    figure is left out.
 * 2. 200 agents (all Available, consoles open) and 1,000 calls arriving at once in one
 *    `longest-idle` queue: arrivals stored and offered per second (every arrival runs a
 *    dispatch over the waiting calls); then 1,000 declines, each a decision (the call moves on,
 *    the agent is offered another): decisions per second; the heap those 200 agents and 1,000
 *    calls hold, and the process's RSS after.
 *
 * Prints a table; with `--json`, the figures as one JSON line at the end.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import pino from 'pino';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
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

/** Epoch milliseconds with a fraction, comparable between this process and the browser. */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * The agent's console in Chromium, joined, with a stamp per offer: `__shown[from]` is when the
 * offer card with that caller's number entered the page (epoch ms). Undefined without a browser.
 */
async function agentBrowser(url: string) {
  const executablePath = findChromium();
  if (!executablePath || !existsSync('dist/index.html')) return undefined;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ baseURL: url });
  await page.addInitScript(() => {
    const w = window as unknown as { __shown: Record<string, number> };
    w.__shown = {};
    new MutationObserver(() => {
      const card = document.querySelector('[aria-labelledby="queue-heading"] section');
      const text = card?.textContent ?? '';
      const from = /\+1 415 555 \d{4}/.exec(text)?.[0];
      if (from && !w.__shown[from]) w.__shown[from] = performance.timeOrigin + performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/?sandboxRoom=support');
  await page.getByRole('button', { name: 'Sign in as demo agent' }).click();
  await page.waitForFunction(() => !!(window as { sandbox?: unknown }).sandbox);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('heading', { name: 'My queue' }).waitFor();
  return { page, close: () => browser.close() };
}

/** When the browser showed the offer from `from` (as the card writes it), epoch ms. */
const shownAt = (page: Page, from: string) =>
  page
    .waitForFunction(
      (f) => (window as unknown as { __shown: Record<string, number> }).__shown[f],
      from,
      { polling: 5 },
    )
    .then((h) => h.jsonValue() as Promise<number>);

async function offerLatency() {
  const server = await startTestServer({ LOG_LEVEL: 'silent' });
  const agent = await agentBrowser(server.url);
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
    const shown: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let t = performance.now();
      await (await fetch(`${server.url}/api/health`)).text();
      bare.push(performance.now() - t);
      const callId = `bench-${i}`;
      const digits = String(1000 + (i % 9000));
      const raw = JSON.stringify({
        To: '+14155550100',
        From: `+1415555${digits}`,
        callId,
        callDomain: 'bench',
      });
      const sentAt = epochNow();
      t = performance.now();
      await fetch(`${server.url}/webhooks/pinless`, {
        method: 'POST',
        headers: pinlessHeaders(server.config.pinlessSecret!, raw, Date.now()),
        body: raw,
      });
      await stream.waitFor(() => offered(callId));
      offers.push(performance.now() - t);
      if (agent) shown.push((await shownAt(agent.page, `+1 415 555 ${digits}`)) - sentAt);
      await post(`/api/queue/offers/${callId}/decline`, {});
    }
    stream.close();
    return {
      offerP95Ms: round(p95(offers)),
      ...(shown.length ? { offerShownP95Ms: round(p95(shown)) } : {}),
      bareHttpP95Ms: round(p95(bare)),
    };
  } finally {
    await agent?.close();
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
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
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
  // Each decline is a decision: the call moves on, the agent is offered another waiting call.
  const d = performance.now();
  let declines = 0;
  for (let before = -1; declines < CALLS && declines > before;) {
    before = declines;
    for (const m of members) {
      const offer = engine.me(m).offer;
      if (!offer || declines >= CALLS) continue;
      await engine.decline(m, offer.callId);
      declines++;
    }
  }
  const decisionsPerS = Math.round(declines / ((performance.now() - d) / 1000));
  global.gc?.();
  const heapMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e5) / 10;
  const memoryMb = Math.round(process.memoryUsage().rss / 1e6);
  await db.close();
  return {
    callsPerS: Math.round(CALLS / seconds),
    decisionsPerS,
    offers: counts.offers,
    waiting: counts.waiting,
    heapMb,
    memoryMb,
    messages: sent,
  };
}

const latency = await offerLatency();
const load = await decisions();
console.log(
  `offer on the agent's stream, p95: ${latency.offerP95Ms} ms; shown in the agent's browser, p95: ${latency.offerShownP95Ms ?? '(no Chromium or dist/)'} ms (bare HTTP round trip p95: ${latency.bareHttpP95Ms} ms; ${SAMPLES} samples)`,
);
console.log(
  `${AGENTS} agents, ${CALLS} calls arriving: ${load.callsPerS} arrivals+decisions/s; ${load.offers} offers ringing, ${load.waiting} waiting; then ${load.decisionsPerS} decline decisions/s; heap held ${load.heapMb} MB, RSS ${load.memoryMb} MB`,
);
if (json) console.log(JSON.stringify({ ...latency, ...load }));
