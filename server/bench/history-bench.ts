/**
 * `npm run bench:history`: 24 hours of calls (100,000 webhooks by default: BENCH_EVENTS, BENCH_RUNS
 * and BENCH_STORES=pglite,postgres change the run) appended through the event store, indexed into conversations, then "query → first
 * page" (`History.list`, what `GET /api/history/conversations` does: one filtered keyset page
 * of 50, with every stored event indexed first) for several filters, beside a plain indexed read of the same rows (the page's ids by
 * primary key) in the same run, on the embedded store (PGlite, on disk) and on Postgres. Prints
 * the fastest, median and p95 of each and their ratios (goal: ≤ 2×).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHistory } from '../history/history';
import { listConversations, type HistoryFilter } from '../history/query';
import { createLogger } from '../log';
import { openPglite, openPostgres, type Database } from '../store/database';
import { createEventStore } from '../store/event-store';
import { migrate } from '../store/migrations';
import { startPostgres } from '../test-support/postgres';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');
const ROOMS = 50;
const DAY_MS = 86_400_000;
const PAGE = 50;

/** A day of callers: most dial in and hang up; one in four is transferred to another room. */
function* day(start: number): Generator<{ type: string; payload: Record<string, unknown> }> {
  let n = 0;
  let produced = 0;
  const perCall = 3; // 2 events for most calls, 6 for a transferred one: about 3 on average
  const calls = Math.ceil(EVENTS / perCall);
  while (produced < EVENTS) {
    const i = n++;
    const at = start + Math.floor((i / calls) * DAY_MS);
    const room = `room-${i % ROOMS}`;
    const id = `call-${i}`;
    const from = `+1415${String(5_000_000 + (i % 20_000)).padStart(7, '0')}`;
    const ts = (ms: number) => String(ms / 1000);
    const e = (type: string, payload: Record<string, unknown>, ms: number) => {
      produced++;
      return { type, payload: { timestamp: ts(ms), ...payload } };
    };
    yield e(
      'dialin.connected',
      {
        room,
        session_id: id,
        sip_from: `sip:${from}@carrier.example`,
        display_name: `Caller ${i}`,
      },
      at,
    );
    if (i % 4 === 0) {
      const target = `room-${(i + 7) % ROOMS}`;
      const t = {
        room,
        session_id: id,
        to_endpoint: `sip:${target}@sandbox.sip.daily.co`,
        from_endpoint: from,
        is_sip_refer: false,
      };
      yield e('calltransfer.triggered', t, at + 30_000);
      yield e('calltransfer.initiated', t, at + 31_000);
      yield e('calltransfer.answered', t, at + 32_000);
      const arrival = {
        room: target,
        session_id: `${id}-b`,
        sip_from: `sip:${from}@pstn.sandbox.daily.co`,
      };
      yield e('dialin.connected', arrival, at + 32_500);
      yield e('dialin.stopped', arrival, at + 120_000);
    } else {
      yield e(
        i % 10 === 1 ? 'dialin.error' : 'dialin.stopped',
        { room, session_id: id, error_msg: 'codec' },
        at + 90_000,
      );
    }
  }
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return {
    min: s[0]!,
    median: s[Math.floor(s.length / 2)]!,
    p95: s[Math.floor(s.length * 0.95)]!,
  };
};

/** Both reads in turn, `RUNS` times (after a warm-up), so load on the machine hits both alike. */
async function timeBoth(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await Promise.all([a(), b()]);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [stats(ta), stats(tb)] as const;
}

interface Row {
  store: string;
  query: string;
  rows: number;
  query_ms: { min: number; median: number; p95: number };
  plain_ms: { min: number; median: number; p95: number };
  ratio: number;
  /** Of the fastest runs: what the work costs when nothing else on the machine gets in. */
  minRatio: number;
}

async function bench(name: string, db: Database): Promise<Row[]> {
  await migrate(db);
  const store = createEventStore(db);
  const start = Date.now() - DAY_MS;
  let t = performance.now();
  let pending: Promise<unknown>[] = [];
  let k = 0;
  for (const { type, payload } of day(start)) {
    pending.push(store.append({ version: '1.0.0', type, id: `bench-${k++}`, payload }, start));
    if (pending.length >= 2_000) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  const appendS = (performance.now() - t) / 1000;
  const history = createHistory(db, { retentionDays: 90, log: createLogger('silent') });
  t = performance.now();
  await history.catchUp();
  const indexS = (performance.now() - t) / 1000;
  const [{ n }] = (await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM history_conversations',
  )) as [{ n: number }];
  console.log(
    `${name}: ${k} events appended in ${appendS.toFixed(1)} s, indexed into ${Number(n)} conversations in ${indexS.toFixed(1)} s`,
  );

  const mid = start + DAY_MS / 2;
  const deep = await listConversations(db, {}, { limit: 1_000 });
  const filters: [string, HistoryFilter, typeof deep.next?][] = [
    ['24 h, no filter', { from: start, to: start + DAY_MS + 1 }],
    ['one room', { room: 'room-7' }],
    ['one number', { number: '+1 415 500 0123' }],
    ['outcome failed, last 12 h', { outcome: 'failed', from: mid }],
    ['page 21 (keyset)', {}, deep.next],
  ];
  const rows: Row[] = [];
  for (const [label, filter, after] of filters) {
    const query = () => history.list(filter, { limit: PAGE, ...(after ? { after } : {}) });
    const page = await query();
    const ids = page.conversations.map((c) => c.id);
    const plain = () =>
      db.query(
        'SELECT * FROM history_conversations WHERE id = ANY($1) ORDER BY started_at DESC, id DESC',
        [ids],
      );
    const [q, p] = await timeBoth(query, plain);
    rows.push({
      store: name,
      query: label,
      rows: ids.length,
      query_ms: q,
      plain_ms: p,
      ratio: q.median / p.median,
      minRatio: q.min / p.min,
    });
  }
  return rows;
}

const results: Row[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'history-bench-'));
try {
  if (STORES.includes('pglite')) {
    const lite = await openPglite(path.join(dir, 'data'));
    results.push(...(await bench('PGlite', lite)));
    await lite.close();
  }
  if (STORES.includes('postgres')) {
    const pg = await startPostgres();
    try {
      const db = await openPostgres(pg.url);
      results.push(...(await bench('Postgres', db)));
      await db.close();
    } finally {
      pg.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const f = (x: number) => x.toFixed(2);
console.log(
  '\n| store | query → first page | rows | query min / median / p95 (ms) | plain indexed read min / median / p95 (ms) | ratio of medians | ratio of minima |',
);
console.log('| --- | --- | --: | --: | --: | --: | --: |');
const ms = (x: { min: number; median: number; p95: number }) =>
  `${f(x.min)} / ${f(x.median)} / ${f(x.p95)}`;
for (const r of results) {
  console.log(
    `| ${r.store} | ${r.query} | ${r.rows} | ${ms(r.query_ms)} | ${ms(r.plain_ms)} | ${r.ratio.toFixed(2)}× | ${r.minRatio.toFixed(2)}× |`,
  );
}
