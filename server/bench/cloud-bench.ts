/**
 * The simulated cloud's figures (`npm run bench:cloud`; `npm run bench` adds them to its table).
 * Starts the server in sandbox mode as a child process (PGlite in a temp dir), then measures:
 *
 * 1. One SDK action → its event in a second console: console A calls `sipCallTransfer` on a
 *    caller (room latency and transfer delay set to 0, so only the cloud's own path counts);
 *    the time until console B's stream carries the caller's `participant-left`. Baseline in the
 *    same run: a plain authenticated HTTP round trip to the same server (GET /api/session).
 * 2. Traffic: `traffic({ rooms: 200, … })` seeded with 1,000 calls under way and sized for
 *    about 1,000 live legs; over the window: live legs, SDK events per second produced by the
 *    rooms, and the server process's CPU (share of one core) and resident memory.
 *
 * Prints a table; with `--json`, the figures as one JSON line at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectCloud } from '../test-support/cloud-client';
import { demoCookie, freePort, waitUntilUp } from '../test-support/process';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const TRAFFIC_S = Number(process.env.BENCH_TRAFFIC_S ?? 30);
const json = process.argv.includes('--json');

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

/** utime + stime of a process, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cloud-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${url}/api/health`);
    const cookie = await demoCookie(url, 'agent');
    const world = 'bench';

    // 1. action → event in a second console
    const a = await connectCloud(url, cookie, { room: 'support', world, userName: 'A' });
    const b = await connectCloud(url, cookie, { room: 'support', world, userName: 'B' });
    await a.call('setLatency', 0);
    await a.call('setTransferDelay', 0);
    const actionMs: number[] = [];
    const httpMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const id = (await a.call('dialIn', { kind: 'pstn', from: '+14155550100' })) as string;
      await b.waitForEvent('dialin-connected', (d) => d.sessionId === id);
      const t0 = performance.now();
      void a.call('sipCallTransfer', { sessionId: id, toEndPoint: '+12025550143' });
      await b.waitForEvent(
        'participant-left',
        (d) => (d.participant as { session_id?: string }).session_id === id,
      );
      actionMs.push(performance.now() - t0);
      const h0 = performance.now();
      await (await fetch(`${url}/api/session`, { headers: { cookie } })).text();
      httpMs.push(performance.now() - h0);
    }
    a.close();
    b.close();

    // 2. traffic across 200 rooms
    const idleRss = rssMB(child.pid!);
    const started = await fetch(`${url}/api/sandbox/cloud/worlds/traffic/traffic`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        rooms: 200,
        callsPerMinute: 420,
        holdS: 140,
        initialCalls: 1000,
        durationS: TRAFFIC_S + 30,
      }),
    });
    if (!started.ok) throw new Error(`traffic: ${started.status} ${await started.text()}`);
    const summary = async () =>
      (await (
        await fetch(`${url}/api/sandbox/cloud/worlds/traffic`, { headers: { cookie } })
      ).json()) as { rooms: { legs: number; events: number }[] };
    const totals = (s: { rooms: { legs: number; events: number }[] }) => ({
      legs: s.rooms.reduce((n, r) => n + r.legs, 0),
      events: s.rooms.reduce((n, r) => n + r.events, 0),
    });
    // Let the seeded calls connect, then measure a window.
    await new Promise((r) => setTimeout(r, 5_000));
    const before = totals(await summary());
    const cpu0 = cpuMs(child.pid!);
    const t0 = performance.now();
    const legs: number[] = [];
    const rss: number[] = [];
    while (performance.now() - t0 < TRAFFIC_S * 1000) {
      await new Promise((r) => setTimeout(r, 1_000));
      legs.push(totals(await summary()).legs);
      rss.push(rssMB(child.pid!));
    }
    const seconds = (performance.now() - t0) / 1000;
    const after = totals(await summary());
    const cpuShare = (cpuMs(child.pid!) - cpu0) / (seconds * 1000);
    await fetch(`${url}/api/sandbox/cloud/worlds/traffic/reset`, {
      method: 'POST',
      headers: { cookie },
    });

    const results = {
      actionToSecondConsoleMs: { p95: round(p95(actionMs)), median: round(median(actionMs)) },
      baselineHttpRoundTripMs: { p95: round(p95(httpMs)), median: round(median(httpMs)) },
      traffic: {
        rooms: 200,
        liveLegs: { min: Math.min(...legs), max: Math.max(...legs), end: legs.at(-1) },
        eventsPerSecond: round((after.events - before.events) / seconds),
        serverCpuShareOfOneCore: round(cpuShare * 100) / 100,
        serverRssMB: { idle: idleRss, max: Math.max(...rss), end: rss.at(-1) },
        windowS: round(seconds),
      },
    };
    const rows: [string, string, string][] = [
      [
        'SDK action → event in a second console, p95 (median)',
        `${results.actionToSecondConsoleMs.p95} ms (${results.actionToSecondConsoleMs.median} ms)`,
        '≤ 50 ms',
      ],
      [
        '  baseline: authenticated HTTP round trip, p95 (median)',
        `${results.baselineHttpRoundTripMs.p95} ms (${results.baselineHttpRoundTripMs.median} ms)`,
        '—',
      ],
      [
        'traffic: live legs across 200 rooms (min–max)',
        `${results.traffic.liveLegs.min}–${results.traffic.liveLegs.max}`,
        '1,000',
      ],
      ['traffic: SDK events per second', `${results.traffic.eventsPerSecond}`, '50'],
      [
        'traffic: server CPU (share of one core)',
        `${Math.round(results.traffic.serverCpuShareOfOneCore * 100)} %`,
        '—',
      ],
      [
        'traffic: server resident memory, max (before traffic)',
        `${results.traffic.serverRssMB.max} MB (${idleRss} MB)`,
        '—',
      ],
    ];
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    console.log(`| ${'metric'.padEnd(w0)} | ${'measured'.padEnd(w1)} | goal |`);
    console.log(`|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 2)}|------|`);
    for (const [x, y, z] of rows) console.log(`| ${x.padEnd(w0)} | ${y.padEnd(w1)} | ${z} |`);
    if (json) console.log(JSON.stringify({ rows, results }));
  } finally {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
