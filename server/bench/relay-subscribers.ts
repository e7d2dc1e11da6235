/**
 * Part of `npm run bench:relay`, run as child processes: SSE subscribers of the relay under test,
 * away from the load generator, so parsing 100 subscribers' share of 100,000 messages a second
 * neither slows the generator nor queues behind it (in one process with it, the bare baseline's
 * own p50 reached 377 ms). Latency is read on the machine's monotonic clock
 * (`process.hrtime`, CLOCK_MONOTONIC on Linux: one clock for every process), against the
 * `sent_at` the generator stamped just before sending. Webhooks with `n < 0` are the warm-up:
 * received, not measured.
 *
 * Asked over IPC: `{ url, cookie, count, total }` (total: the measured webhooks, numbered 0…).
 * Answers `ready` once every stream is open; asked `count`, how many latencies it has so far;
 * asked `report`, the latencies (ms) and how many measured webhooks each subscriber received.
 */
import http from 'node:http';

const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Job {
  url: string;
  cookie: string;
  count: number;
  total: number;
}

function subscribe(job: Job, seen: Uint8Array, record: (ms: number) => void): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const headers = { accept: 'text/event-stream', ...(job.cookie ? { cookie: job.cookie } : {}) };
    const req = http.get(job.url, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: webhook')) continue;
          const n = Number(/"n":(-?\d+)/.exec(block)?.[1] ?? -1);
          if (n < 0 || n >= seen.length || seen[n]) continue;
          seen[n] = 1;
          record(at - Number(/"sent_at":([\d.]+)/.exec(block)?.[1]));
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', () => undefined);
  });
}

process.once('message', (job: Job) => {
  void (async () => {
    const latencies = new Float64Array(job.total * job.count);
    let recorded = 0;
    const seen = Array.from({ length: job.count }, () => new Uint8Array(job.total));
    const closers = await Promise.all(
      seen.map((s) => subscribe(job, s, (ms) => (latencies[recorded++] = ms))),
    );
    process.send!({ ready: true });
    process.on('message', (ask: string) => {
      if (ask === 'count') return void process.send!({ recorded });
      for (const close of closers) close();
      const received = seen.map((s) => s.reduce((a, b) => a + b, 0));
      process.send!({ latencies: latencies.subarray(0, recorded), received }, () =>
        process.exit(0),
      );
    });
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
