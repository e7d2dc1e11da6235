/**
 * `npm run bench:wall`: the supervisor wall at scale. A server (sandbox mode, Postgres) is fed
 * signed webhooks over HTTP — 5,000 live legs across 1,000 rooms, then a steady churn of about
 * 500 events/s (calls ending and new ones starting, so 5,000 stay live) — while Chromium shows
 * `/supervisor` to a demo supervisor. Reports, each beside a baseline from the same run:
 *
 * - stream event → wall updated on screen (p50/p95): from when the event reached Chromium's
 *   network stack (the DevTools protocol stamps each EventSource message) to the end of the
 *   first painted frame showing it (the wall's `wall-painted` marks); baseline: an empty frame
 *   (a random moment → the next painted frame, the floor of any update);
 * - first paint with every leg (navigation → painted; the snapshot's arrival too); baseline:
 *   the same page against an empty server;
 * - DOM nodes; the longest main-thread task while loading and during the churn, beside the
 *   longest while idle; the page's heap over the heap run (`BENCH_HEAP_SECONDS`, 5 minutes by
 *   default), beside the empty page's; the server's CPU and memory, beside its idle CPU.
 *
 * `BENCH_PROFILE=1` adds a CPU profile of the page over 10 s of churn (top functions by self
 * time). A Chromium performance trace of 5 s of churn gives the page's own CPU time (per frame
 * and in all) beside the wall-clock time a shared machine stretches it to (`BENCH_TRACE`). The webhooks are posted directly rather than by the sandbox's traffic generator: a
 * world of the simulated cloud holds at most 500 rooms, and the bench wants 1,000. Figures are
 * measured, never asserted; the machine may be shared (say so beside them).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { signedHeaders } from '../domain/signature';
import { startPostgres } from '../test-support/postgres';
import { freePort, waitUntilUp } from '../test-support/process';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import {
  eventToPaint,
  followArrivals,
  installRecorder,
  profileTop,
  takeSamples,
  traceSummary,
  type PageSamples,
} from './wall-bench-page';

const LEGS = Number(process.env.BENCH_LEGS ?? 5_000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
/** The measured churn window (latency, tasks, CPU). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** How long the churn runs in all, the page's heap sampled every 30 s: 5 minutes by default. */
const HEAP_SECONDS = Math.max(SECONDS, Number(process.env.BENCH_HEAP_SECONDS ?? 300));
const PROFILE = process.env.BENCH_PROFILE === '1';
/**
 * Where the Chromium performance trace of 5 s of churn (after the measured window) is written:
 * open it in DevTools' Performance panel. The bench reads the page's own CPU time from it.
 */
const TRACE = process.env.BENCH_TRACE ?? path.join(os.tmpdir(), 'wall-bench-trace.json');
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

/** CPU between two readings, % of one core. */
const cpuPercent = (a: { cpuS: number }, b: { cpuS: number }, seconds: number) =>
  round(((b.cpuS - a.cpuS) / seconds) * 100);

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

/** Posts the live legs, 32 at a time; returns how long it took (s). */
async function seed(url: string, secret: Buffer): Promise<number> {
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
  return (performance.now() - seedStart) / 1000;
}

/** Ends the oldest leg and starts a new one, alternately, at RATE events/s until stopped. */
function startChurn(url: string, secret: Buffer) {
  const start = performance.now();
  let sent = 0;
  let oldest = 0;
  let newest = LEGS;
  let stopped = false;
  const inFlight = new Set<Promise<number>>();
  const loop = (async () => {
    while (!stopped) {
      const due = Math.floor(((performance.now() - start) / 1000) * RATE);
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
  })();
  return {
    sent: () => sent,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** The page's heap after a collection (MB). */
function heap(page: Page): Promise<number> {
  return page.evaluate(() => {
    (window as unknown as { gc?: () => void }).gc?.();
    return (
      (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize /
      2 ** 20
    );
  });
}

/**
 * Opens the wall and waits for its first painted frame holding `legs` legs: navigation → that
 * frame, → the snapshot's arrival, the DOM's size, and the long tasks on the way.
 */
async function openWall(page: Page, legs: number) {
  await page.goto('/supervisor');
  const painted = await page.waitForFunction(
    (want) =>
      (window as unknown as { __bench: PageSamples }).__bench.paints.find((p) => p.legs >= want),
    legs,
    { timeout: 120_000 },
  );
  const paint = (await painted.jsonValue()) as PageSamples['paints'][number];
  const out = await page.evaluate(() => {
    const snapshot = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('/api/wall/snapshot')) as PerformanceResourceTiming | undefined;
    return {
      origin: performance.timeOrigin,
      snapshotMs: snapshot?.responseEnd ?? NaN,
      domNodes: document.getElementsByTagName('*').length,
    };
  });
  const samples = await takeSamples(page);
  return { ...out, paintedMs: paint.at - out.origin, tasks: samples.tasks };
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

    const context = await browser.newContext({
      baseURL: url,
      viewport: { width: 1400, height: 900 },
    });
    const page = await context.newPage();
    await installRecorder(page);
    const cdp = await context.newCDPSession(page);
    const arrivals = await followArrivals(cdp);
    await page.request.post('/api/auth/demo', { data: { role: 'supervisor' } });
    const empty = await openWall(page, 0);
    const emptyHeapMb = await heap(page);
    await page.goto('about:blank');

    const seedS = await seed(url, secret);
    const loaded = await openWall(page, LEGS);
    await page.getByText(`${LEGS} calls in ${ROOMS} rooms`).waitFor({ timeout: 120_000 });
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    // Idle: the page with every leg and nothing arriving.
    const idleCpu = procStats(child.pid!);
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = await takeSamples(page);
    const idleCpuPercent = cpuPercent(idleCpu, procStats(child.pid!), 5);
    const heapBeforeMb = await heap(page);
    await takeSamples(page);

    // Churn: each tick ends one leg and starts a new one in its room (5,000 stay live). The
    // first BENCH_SECONDS are measured; the heap is sampled every 30 s until BENCH_HEAP_SECONDS.
    const churn = startChurn(url, secret);
    const cpuBefore = procStats(child.pid!);
    const measuredFrom = Date.now();
    const samples: PageSamples = { paints: [], tasks: [], floor: [] };
    const profile = PROFILE ? profileTop(cdp, 10_000) : undefined;
    while (Date.now() - measuredFrom < SECONDS * 1000) {
      await new Promise((r) => setTimeout(r, 2_000));
      const s = await takeSamples(page);
      samples.paints.push(...s.paints);
      samples.tasks.push(...s.tasks);
      samples.floor.push(...s.floor);
    }
    const measuredTo = Date.now();
    const cpuAfter = procStats(child.pid!);
    const sentMeasured = churn.sent();
    // Traced after the measured window: starting a trace stalls the page for a moment.
    await browser.startTracing(page, { path: TRACE, screenshots: false });
    await new Promise((r) => setTimeout(r, 5_000));
    await browser.stopTracing();
    const traced = traceSummary(TRACE);
    const heapSamples = [await heap(page)];
    while (Date.now() - measuredFrom < HEAP_SECONDS * 1000) {
      await new Promise((r) =>
        setTimeout(r, Math.min(30_000, HEAP_SECONDS * 1000 - (Date.now() - measuredFrom))),
      );
      await takeSamples(page);
      heapSamples.push(await heap(page));
    }
    await churn.stop();
    const churnS = (Date.now() - measuredFrom) / 1000;
    const updates = eventToPaint(arrivals, samples.paints, measuredFrom, measuredTo - 1_000);
    const domNodesAfter = await page.evaluate(() => document.getElementsByTagName('*').length);
    const result = {
      store: STORE,
      legs: LEGS,
      rooms: ROOMS,
      seedWebhooksPerS: round(LEGS / seedS),
      churnEventsPerS: round(sentMeasured / ((measuredTo - measuredFrom) / 1000)),
      churnSeconds: round(churnS),
      firstPaintMs: round(loaded.paintedMs),
      firstPaintEmptyMs: round(empty.paintedMs),
      snapshotArrivedMs: round(loaded.snapshotMs),
      snapshotEmptyMs: round(empty.snapshotMs),
      domNodes,
      domNodesAfter,
      domNodesEmpty: empty.domNodes,
      longestTaskLoadMs: round(Math.max(0, ...loaded.tasks)),
      longestTaskIdleMs: round(Math.max(0, ...idle.tasks)),
      longestTaskChurnMs: round(Math.max(0, ...samples.tasks)),
      tasksOver50Churn: samples.tasks.filter((t) => t > 50).length,
      updates: updates.length,
      updateP50Ms: round(pct(updates, 0.5)),
      updateP95Ms: round(pct(updates, 0.95)),
      emptyFrameP50Ms: round(pct(samples.floor, 0.5)),
      pageMainThreadCpuPercent: traced.mainThreadCpuPercent,
      tracedFramesPerS: round(traced.frames / 5),
      frameCpuP50Ms: round(pct(traced.frameCpuMs, 0.5)),
      frameCpuP95Ms: round(pct(traced.frameCpuMs, 0.95)),
      frameWallP95Ms: round(pct(traced.frameWallMs, 0.95)),
      emptyFrameP95Ms: round(pct(samples.floor, 0.95)),
      heapEmptyMb: round(emptyHeapMb),
      heapBeforeMb: round(heapBeforeMb),
      heapSamplesMb: heapSamples.map(round).join(' → '),
      serverRssMb: cpuAfter.rssMb,
      serverCpuIdlePercent: idleCpuPercent,
      serverCpuPercent: cpuPercent(cpuBefore, cpuAfter, (measuredTo - measuredFrom) / 1000),
    };
    console.table(result);
    console.log(JSON.stringify(result));
    if (profile)
      console.log(`Page CPU profile, 10 s of churn (self time):\n${(await profile).join('\n')}`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    pg?.stop();
  }
}

await main();
