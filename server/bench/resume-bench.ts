/**
 * Part of `npm run bench:relay`: a resume of 100,000 stored events (~1 KB each) to a fresh
 * subscriber of the server on Postgres — time to the last event and the server's peak memory
 * growth — beside a plain read of the same rows from the same database (pages of 500, as the
 * stream's catch-up reads them) in the bench process: what paging with backpressure costs over
 * just reading. The rows are seeded in one statement; a NOTIFY wakes the server's hub.
 */
import { readFileSync } from 'node:fs';
import { countStreamIds } from '../test-support/stream-ids';

const EVENTS = Number(process.env.BENCH_RESUME_EVENTS ?? 100_000);
const ROOM = 'resume-room';

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** Samples `read()` every 20 ms while `work` runs: its time (ms) and peak growth (MB). */
async function peakWhile(read: () => number, work: () => Promise<number>) {
  const start = read();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, read())), 20);
  const t0 = performance.now();
  const count = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, read());
  return { count, ms, growthMb: peak - start };
}

export async function resumeBench(server: {
  url: string;
  cookie: string;
  pid: number;
  databaseUrl: string;
}): Promise<string> {
  const pg = (await import('pg')).default;
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const before = Number(
      (await db.query('SELECT coalesce(max(seq), 0) AS s FROM events')).rows[0].s,
    );
    await db.query(
      `INSERT INTO events (id, type, room, session_id, received_at, envelope)
       SELECT 'resume-' || g, 'dialin.warning', $3, 'sess-' || g, $1,
         jsonb_build_object('version', '1.0.0', 'type', 'dialin.warning', 'id', 'resume-' || g,
           'event_ts', 1770005095.5,
           'payload', jsonb_build_object('room', $3::text, 'session_id', 'sess-' || g,
             'pad', repeat('p', 1000)))
       FROM generate_series(1, $2::int) g`,
      [Date.now(), EVENTS, ROOM],
    );
    const head = Number((await db.query('SELECT max(seq) AS s FROM events')).rows[0].s);
    await db.query("SELECT pg_notify('console_events', $1)", [String(head)]);

    const resume = await peakWhile(
      () => rssMb(server.pid),
      async () => {
        const got = await countStreamIds(
          `${server.url}/api/stream?room=${ROOM}`,
          { cookie: server.cookie, 'last-event-id': String(before) },
          (id) => id >= head,
        );
        if (got.closedEarly || !got.ordered)
          throw new Error(`resume broke: ${JSON.stringify(got)}`);
        return got.count;
      },
    );
    const plain = await peakWhile(
      () => process.memoryUsage().rss / 1024 / 1024,
      async () => {
        let cursor = before;
        let count = 0;
        for (;;) {
          const { rows } = await db.query(
            'SELECT seq, id, type, room, envelope, changes FROM events WHERE seq > $1 AND room = $2 ORDER BY seq LIMIT 500',
            [cursor, ROOM],
          );
          if (!rows.length) return count;
          count += rows.length;
          cursor = Number(rows[rows.length - 1].seq);
        }
      },
    );
    const row = (name: string, r: typeof resume) =>
      `| ${name} | ${r.count} | ${(r.ms / 1000).toFixed(1)} | ${Math.round(r.count / (r.ms / 1000))} | ${r.growthMb.toFixed(0)} |`;
    return [
      `\nResume of ${EVENTS} stored events (~1 KB each) to a fresh subscriber, Postgres 15\n`,
      '| read | events | seconds | events/s | peak memory growth MB |',
      '|---|---|---|---|---|',
      row('stream resume (server: paged, backpressure, SSE over HTTP)', resume),
      row('plain read of the same rows (pages of 500, bench process)', plain),
    ].join('\n');
  } finally {
    await db.end();
  }
}
