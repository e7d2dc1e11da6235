/**
 * `npm run bench:relay`: signed webhooks at a fixed rate into the server, 100 SSE subscribers
 * reading the stream; webhook → every subscriber latency (p50, p99), events lost, the server's
 * memory at start and end, and the highest rate sustained before p99 passes 100 ms. The same
 * figures for a bare Node fan-out (no verification, no store) show the cost of both as a ratio.
 * Everything runs on 127.0.0.1; the server is a child process so its memory is its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { signedHeaders } from '../domain/signature';
import { resumeBench } from './resume-bench';
import { startPostgres } from '../test-support/postgres';
import { demoCookie, freePort, waitUntilUp } from '../test-support/process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100);
const ROOM = 'bench-room';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

interface Target {
  name: string;
  url: string;
  child: ChildProcess;
  secret: Buffer;
  webhookPath: string;
  streamPath: string;
  /** The console's server needs a session to stream; the baseline has none ('' then). */
  cookie: string;
  stop(): Promise<void>;
}

async function launch(name: string, args: string[], env: Record<string, string>, health: string) {
  const port = await freePort();
  const secret = randomBytes(32);
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      DAILY_WEBHOOK_SECRET: secret.toString('base64'),
      LOG_LEVEL: 'error',
      SSE_MAX_BUFFERED_BYTES: String(8 * 1024 * 1024),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}${health}`, () => child.exitCode === null);
  return {
    name,
    url,
    child,
    secret,
    webhookPath: '/webhooks/daily',
    streamPath: `/api/stream?room=${ROOM}`,
    cookie: '',
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  } satisfies Target;
}

interface Sub {
  received: Map<string, number>;
  close(): void;
}

function subscribe(url: string, cookie: string, onLatency: (ms: number) => void): Promise<Sub> {
  return new Promise((resolve, reject) => {
    const received = new Map<string, number>();
    const headers = { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) };
    const req = http.get(url, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: webhook')) continue;
          const data = block.slice(block.indexOf('data: ') + 6);
          const sentAt = Number(/"sent_at":([\d.]+)/.exec(data)?.[1]);
          const id = /"id":"([^"]+)"/.exec(data)?.[1] ?? '';
          if (!received.has(id)) {
            received.set(id, 1);
            onLatency(performance.now() - sentAt);
          }
        }
      });
      resolve({ received, close: () => req.destroy() });
    });
    req.on('error', () => undefined);
  });
}

function post(t: Target, body: string): Promise<number> {
  return new Promise((resolve) => {
    const headers = signedHeaders(t.secret, body, Date.now());
    const req = http.request(
      `${t.url}${t.webhookPath}`,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)]!;
};

/** `rate` webhooks/s for `seconds`; returns latency percentiles and losses. */
async function run(t: Target, rate: number, seconds: number) {
  const latencies: number[] = [];
  const subs = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, () =>
      subscribe(`${t.url}${t.streamPath}`, t.cookie, (ms) => latencies.push(ms)),
    ),
  );
  await new Promise((r) => setTimeout(r, 300));
  const ids: string[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const total = rate * seconds;
  const start = performance.now();
  const tickMs = 10;
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const id = `bench-${randomBytes(8).toString('hex')}`;
      ids.push(id);
      const body = JSON.stringify({
        version: '1.0.0',
        type: 'dialin.warning',
        id,
        payload: { room: ROOM, session_id: `s-${sent % 50}`, sent_at: performance.now() },
        event_ts: Date.now() / 1000,
      });
      pending.push(
        post(t, body).then((status) => {
          if (status !== 200) failed++;
        }),
      );
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const expected = ids.length * SUBSCRIBERS;
  const deadline = performance.now() + 10_000;
  while (latencies.length < expected && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const s of subs) s.close();
  return {
    achieved: Math.round(ids.length / elapsed),
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    lost: expected - latencies.length,
    failed,
  };
}

/** The bare baseline: fan the raw body out to every subscriber, nothing else. */
const BASELINE = `
const http = require('node:http');
const subs = new Set();
let seq = 0;
http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/stream')) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\\n\\n');
    subs.add(res);
    req.on('close', () => subs.delete(res));
    return;
  }
  if (req.method === 'GET') { res.end('ok'); return; }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const msg = 'id: ' + (++seq) + '\\nevent: webhook\\ndata: ' + Buffer.concat(chunks) + '\\n\\n';
    for (const s of subs) s.write(msg);
    res.end('{"ok":true}');
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function measure(t: Target) {
  const memStart = rssMb(t.child.pid!);
  const main = await run(t, RATE, SECONDS);
  const memEnd = rssMb(t.child.pid!);
  // Highest rate (doubling from RATE, 5 s each) before p99 passes 100 ms or events are lost.
  let sustained = main.p99 <= 100 && main.lost === 0 && main.failed === 0 ? RATE : 0;
  for (let rate = RATE * 2; sustained && rate <= RATE * 16; rate *= 2) {
    const r = await run(t, rate, 5);
    if (r.p99 > 100 || r.lost > 0 || r.failed > 0 || r.achieved < rate * 0.9) break;
    sustained = rate;
  }
  return { ...main, memStart, memEnd, sustained };
}

async function main() {
  const rows: [string, Awaited<ReturnType<typeof measure>>][] = [];
  const baseline = await launch('bare fan-out', ['-e', BASELINE], {}, '/');
  baseline.webhookPath = '/webhook';
  baseline.streamPath = '/stream';
  rows.push(['bare Node fan-out (baseline)', await measure(baseline)]);
  await baseline.stop();

  const dir = mkdtempSync(path.join(os.tmpdir(), 'relay-bench-'));
  const pglite = await launch(
    'pglite',
    ['--import', 'tsx', 'server/main.ts'],
    { DATA_DIR: dir },
    '/api/health',
  );
  pglite.cookie = await demoCookie(pglite.url);
  rows.push(['server, PGlite (embedded)', await measure(pglite)]);
  await pglite.stop();
  rmSync(dir, { recursive: true, force: true });

  const pg = await startPostgres();
  let resumeTable = '';
  try {
    const server = await launch(
      'postgres',
      ['--import', 'tsx', 'server/main.ts'],
      { DATABASE_URL: pg.url },
      '/api/health',
    );
    server.cookie = await demoCookie(server.url);
    rows.push(['server, Postgres 15', await measure(server)]);
    // A failed resume is a figure too: it must not cost the relay figures above.
    resumeTable = await resumeBench({
      ...server,
      pid: server.child.pid!,
      databaseUrl: pg.url,
    }).catch((error: unknown) => `\nResume of stored events: FAILED (${String(error)})`);
    await server.stop();
  } finally {
    pg.stop();
  }

  const base = rows[0]![1];
  console.log(
    `\nRelay: ${RATE} signed webhooks/s for ${SECONDS} s, ${SUBSCRIBERS} SSE subscribers (goal: p99 ≤ 25 ms, 0 lost, flat memory)\n`,
  );
  console.log(
    '| target | achieved/s | p50 ms | p99 ms | p99 × baseline | lost | non-200 | RSS start → end MB | sustained rate (p99 ≤ 100 ms) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${r.achieved} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p99 / base.p99).toFixed(1)} | ${r.lost} | ${r.failed} | ${r.memStart} → ${r.memEnd} | ${r.sustained ? `≥ ${r.sustained}/s` : `< ${RATE}/s`} |`,
    );
  }
  console.log(resumeTable);
  agent.destroy();
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
