/**
 * `npm run bench:wall`: the supervisor wall at scale. A server (sandbox mode, its own embedded
 * store) is fed signed webhooks over HTTP — 5,000 live legs across 1,000 rooms, then a steady
 * churn of about 500 events/s (calls ending and new ones starting, so 5,000 stay live) — while
 * Chromium shows `/supervisor` to a demo supervisor. Reports the wall's first paint with every
 * leg, the DOM size, stream event → row updated on screen (p50/p95, from the page's
 * `wall-update` measures), the longest main-thread task, the page's heap before and after the
 * churn, the rate actually delivered, and the server's CPU and memory.
 *
 * The webhooks are posted directly rather than by the sandbox's traffic generator: a world of
 * the simulated cloud holds at most 500 rooms, and the bench wants 1,000. Figures are measured,
 * never asserted; the machine may be shared (say so beside them).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { signedHeaders } from '../domain/signature';
import { startPostgres } from '../test-support/postgres';
import { freePort, waitUntilUp } from '../test-support/process';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';

const LEGS = Number(process.env.BENCH_LEGS ?? 5_000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** `postgres` (default: the embedded store tops out near 300 webhooks/s) or `pglite`. */
const STORE = process.env.BENCH_STORE ?? 'postgres';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const round = (n: number) => Math.round(n * 10) / 10;
const pct = (xs: number[], p: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!
    : NaN;

function procStats(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: Math.round(rss), cpuS: ticks / 100 };
}

let n = 0;
function envelope(type: string, room: number, leg: number) {
  const at = Date.now();
  const payload: Record<string, unknown> = {
    room: `bench-${String(room).padStart(4, '0')}`,
    session_id: `bench-leg-${leg}`,
    timestamp: String(Math.floor(at / 1000)),
  };
  if (type === 'dialin.connected') {
    payload.sip_from =
      leg % 2 ? `+1415${String(5_000_000 + leg)}` : `sip:caller${leg}@sip.example.com`;
    payload.display_name = `Bench ${leg}`;
  }
  return JSON.stringify({
    version: '1.0.0',
    type,
    id: `bench-${++n}-${leg}`,
    payload,
    event_ts: at / 1000,
  });
}

function post(url: string, secret: Buffer, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/webhooks/daily`,
      {
        method: 'POST',
        agent,
        headers: {
          ...signedHeaders(secret, body, Date.now()),
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function main() {
  const port = await freePort();
  const secret = randomBytes(32);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wall-bench-'));
  const pg = STORE === 'postgres' ? await startPostgres() : undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      CONSOLE_MODE: 'sandbox',
      DAILY_WEBHOOK_SECRET: secret.toString('base64'),
      LOG_LEVEL: 'error',
      SSE_MAX_BUFFERED_BYTES: String(16 * 1024 * 1024),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    await waitUntilUp(`${url}/api/health`, () => child.exitCode === null);
    // 5,000 legs across 1,000 rooms, 32 at a time.
    const seedStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < LEGS) {
          const leg = next++;
          await post(url, secret, envelope('dialin.connected', leg % ROOMS, leg));
        }
      }),
    );
    const seedS = (performance.now() - seedStart) / 1000;

    const context = await browser.newContext({
      baseURL: url,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number; __updates: number[] };
      w.__longest = 0;
      w.__updates = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.name === 'wall-update') w.__updates.push(e.duration);
      }).observe({ type: 'measure' });
    });
    await page.request.post('/api/auth/demo', { data: { role: 'supervisor' } });
    await page.goto('/supervisor');
    await page.getByText(`${LEGS} calls in ${ROOMS} rooms`).waitFor({ timeout: 120_000 });
    const firstPaintMs = await page.evaluate(() => performance.now());
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const heap = () =>
      page.evaluate(() => {
        (window as unknown as { gc?: () => void }).gc?.();
        return (
          (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize /
          2 ** 20
        );
      });
    const heapBeforeMb = await heap();
    const longestLoadMs = await page.evaluate(
      () => (window as unknown as { __longest: number }).__longest,
    );
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __updates: number[] };
      w.__longest = 0;
      w.__updates = [];
    });

    // Churn: each tick ends one leg and starts a new one in its room (5,000 stay live).
    const cpuBefore = procStats(child.pid!);
    const churnStart = performance.now();
    let sent = 0;
    let oldest = 0;
    let newest = LEGS;
    const inFlight = new Set<Promise<number>>();
    while (performance.now() - churnStart < SECONDS * 1000) {
      const due = Math.floor(((performance.now() - churnStart) / 1000) * RATE);
      while (sent < due && inFlight.size < 512) {
        const [type, leg] =
          sent % 2 === 0 ? ['dialin.stopped', oldest++] : ['dialin.connected', newest++];
        const p = post(
          url,
          secret,
          envelope(type as string, (leg as number) % ROOMS, leg as number),
        );
        inFlight.add(p);
        void p.then(() => inFlight.delete(p));
        sent++;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inFlight);
    const churnS = (performance.now() - churnStart) / 1000;
    const cpuAfter = procStats(child.pid!);
    const updates = await page.evaluate(
      () => (window as unknown as { __updates: number[] }).__updates,
    );
    const longestChurnMs = await page.evaluate(
      () => (window as unknown as { __longest: number }).__longest,
    );
    const domNodesAfter = await page.evaluate(() => document.getElementsByTagName('*').length);
    const heapAfterMb = await heap();
    const result = {
      store: STORE,
      legs: LEGS,
      rooms: ROOMS,
      seedWebhooksPerS: round(LEGS / seedS),
      firstPaintMs: round(firstPaintMs),
      domNodes,
      domNodesAfter,
      longestTaskLoadMs: round(longestLoadMs),
      longestTaskChurnMs: round(longestChurnMs),
      churnEventsPerS: round(sent / churnS),
      updates: updates.length,
      updateP50Ms: round(pct(updates, 0.5)),
      updateP95Ms: round(pct(updates, 0.95)),
      heapBeforeMb: round(heapBeforeMb),
      heapAfterMb: round(heapAfterMb),
      serverRssMb: cpuAfter.rssMb,
      serverCpuPercent: round(((cpuAfter.cpuS - cpuBefore.cpuS) / churnS) * 100),
    };
    console.table(result);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    pg?.stop();
  }
}

await main();
