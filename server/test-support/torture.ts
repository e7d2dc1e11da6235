/**
 * The store under `kill -9`: cycles of webhook traffic, a kill in the middle of it, and a
 * restart on the same store. After every restart the store must open, and every webhook that
 * got a 2xx in any cycle so far must be there exactly once. Used in short form by
 * `server/crash.test.ts` (in `npm test`) and in full by `npm run torture`.
 */
import { randomBytes } from 'node:crypto';
import { signedHeaders } from '../domain/signature';
import { demoCookie, envelope, openSse } from './harness';
import { launchServer } from './process';

/**
 * Posts signed webhooks for `room` from `posters` loops until stopped or the server dies.
 * `acknowledged(n)` resolves once `n` of them got a 2xx (rejects if every loop ended first).
 */
export function postUntilStopped(url: string, secret: Buffer, room: string, posters: number) {
  const acked = new Set<string>();
  const waiters: { n: number; resolve: () => void }[] = [];
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const e = envelope('dialin.warning', { room });
      const raw = JSON.stringify(e);
      try {
        const res = await fetch(`${url}/webhooks/daily`, {
          method: 'POST',
          headers: signedHeaders(secret, raw, Date.now()),
          body: raw,
        });
        if (!res.ok) continue;
        acked.add(e.id);
        for (const w of waiters.filter((x) => acked.size >= x.n)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const running = Promise.all(Array.from({ length: posters }, loop));
  return {
    acked,
    acknowledged(n: number): Promise<void> {
      if (acked.size >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ n, resolve });
        void running.then(() => reject(new Error(`posting ended with ${acked.size} of ${n}`)));
      });
    },
    stop: async () => {
      stop = true;
      await running;
    },
  };
}

/**
 * Posts one more webhook to `room` and returns its id: a stream that has delivered it has
 * delivered everything stored before it (the stream delivers in store order).
 */
export async function postSentinel(url: string, secret: Buffer, room: string): Promise<string> {
  const sentinel = envelope('dialin.warning', { room });
  const raw = JSON.stringify(sentinel);
  const res = await fetch(`${url}/webhooks/daily`, {
    method: 'POST',
    headers: signedHeaders(secret, raw, Date.now()),
    body: raw,
  });
  if (!res.ok) throw new Error(`sentinel webhook: ${res.status}`);
  return sentinel.id;
}

/** Every webhook stored for `room`, read through the stream from the start (sentinel-bounded). */
export async function storedIds(url: string, secret: Buffer, room: string): Promise<string[]> {
  const cookie = await demoCookie(url);
  const sse = await openSse(`${url}/api/stream?room=${room}&lastEventId=0`, { cookie });
  try {
    const sentinel = await postSentinel(url, secret, room);
    await sse.waitFor(() => sse.webhooks().some((w) => w.id === sentinel), 60_000);
    return sse
      .webhooks()
      .map((w) => w.id)
      .filter((id) => id !== sentinel);
  } finally {
    sse.close();
  }
}

export interface TortureResult {
  cycles: number;
  acked: number;
  /** Milliseconds from spawn to the health check answering, per restart. */
  restartMs: number[];
}

/**
 * `cycles` times: start on `env`'s store, post webhooks with 8 loops until at least 40–200 are
 * acknowledged (random, so the kill lands at different points of a write), `kill -9`. Each
 * restart checks the previous cycle's room: every acknowledged id present, none twice. A last
 * start checks every room. Throws (with the server's stderr) when a start fails.
 */
export async function torture(
  env: Record<string, string>,
  cycles: number,
  onCycle?: (i: number, acked: number) => void,
): Promise<TortureResult> {
  const secret = randomBytes(32);
  const fullEnv = { ...env, DAILY_WEBHOOK_SECRET: secret.toString('base64') };
  const tag = randomBytes(3).toString('hex');
  const ackedByRoom = new Map<string, Set<string>>();
  const restartMs: number[] = [];
  const check = async (url: string, room: string) => {
    const ids = await storedIds(url, secret, room);
    const missing = [...ackedByRoom.get(room)!].filter((id) => !ids.includes(id));
    if (missing.length) throw new Error(`${room}: ${missing.length} acknowledged webhooks lost`);
    if (new Set(ids).size !== ids.length) throw new Error(`${room}: a webhook is stored twice`);
  };
  let previous: string | undefined;
  for (let i = 0; i <= cycles; i++) {
    const t0 = Date.now();
    const server = await launchServer(fullEnv);
    restartMs.push(Date.now() - t0);
    try {
      if (previous) await check(server.url, previous);
      if (i === cycles) {
        for (const room of ackedByRoom.keys()) await check(server.url, room);
        break;
      }
      const room = `torture-${tag}-${i}`;
      const target = 40 + Math.floor(Math.random() * 160);
      const posting = postUntilStopped(server.url, secret, room, 8);
      ackedByRoom.set(room, posting.acked);
      await posting.acknowledged(target);
      server.child.kill('SIGKILL');
      await posting.stop();
      previous = room;
      onCycle?.(i + 1, posting.acked.size);
    } finally {
      server.child.kill('SIGKILL');
    }
  }
  const acked = [...ackedByRoom.values()].reduce((n, s) => n + s.size, 0);
  return { cycles, acked, restartMs };
}
