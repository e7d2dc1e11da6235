/**
 * Shared by the shutdown and balancer tests: a burst of signed webhooks that records what was
 * acknowledged, and the check that nothing acknowledged was lost and that every stream, resumed
 * with its Last-Event-ID, got every event once, in order, with no gap.
 */
import { expect } from 'vitest';
import { signedHeaders } from '../domain/signature';
import { envelope, openSse, type SseClient } from './harness';

export interface Burst {
  /** Envelope ids answered 2xx: the server promised to keep these. */
  acked: Set<string>;
  /** Every status seen. */
  statuses: Set<number>;
  /** Resolves once `n` webhooks were acknowledged. */
  acknowledged(n: number): Promise<void>;
  /** Stops posting; resolves when every poster has stopped. */
  stop(): Promise<void>;
  /** Resolves when every poster has stopped by itself (its server went away). */
  done: Promise<void>;
}

/** `posters` loops posting to `url`'s webhook; each stops when the connection fails. */
export function webhookBurst(url: string, secret: Buffer, room: string, posters = 8): Burst {
  const acked = new Set<string>();
  const statuses = new Set<number>();
  const waiters: [number, () => void][] = [];
  let stopped = false;
  const post = async () => {
    while (!stopped) {
      const e = envelope('dialin.warning', { room });
      try {
        const res = await sendWebhook(url, secret, e);
        await res.arrayBuffer();
        statuses.add(res.status);
        if (res.ok) acked.add(e.id);
      } catch {
        return; // the server is gone (or going): a request without an answer promised nothing
      }
      for (const [i, [n, wake]] of waiters.entries()) {
        if (acked.size < n) continue;
        waiters.splice(i, 1);
        wake();
      }
    }
  };
  const done = Promise.all(Array.from({ length: posters }, post)).then(() => undefined);
  return {
    acked,
    statuses,
    acknowledged: (n) =>
      acked.size >= n ? Promise.resolve() : new Promise((r) => waiters.push([n, r])),
    stop: () => {
      stopped = true;
      return done;
    },
    done,
  };
}

/** Posts `e` to `url`'s webhook route, signed with `secret`. */
export function sendWebhook(url: string, secret: Buffer, e: { id: string }): Promise<Response> {
  const raw = JSON.stringify(e);
  return fetch(`${url}/webhooks/daily`, {
    method: 'POST',
    headers: signedHeaders(secret, raw, Date.now()),
    body: raw,
  });
}

/** Posts one signed webhook to `url`; its envelope id once acknowledged. */
export async function postWebhook(url: string, secret: Buffer, room: string): Promise<string> {
  const e = envelope('dialin.warning', { room });
  const res = await sendWebhook(url, secret, e);
  expect(res.status, await res.text()).toBe(200);
  return e.id;
}

/**
 * On `url`: every acknowledged id is stored exactly once, and each of `streams` (cut off
 * earlier, or stopped now) resumed with its last id receives exactly the rest, so seen + resumed = all. A last
 * marker webhook, posted after the burst, tells each stream it has everything.
 */
export async function expectResumedWithoutGap(
  url: string,
  secret: Buffer,
  cookie: string,
  room: string,
  streams: SseClient[],
  acked: Set<string>,
): Promise<void> {
  // What each stream had when it stopped (those still open are stopped here): a prefix.
  const before = streams.map((s) => {
    s.close();
    return s.webhooks();
  });
  const marker = await postWebhook(url, secret, room);
  const hasMarker = (c: SseClient) => () => c.webhooks().some((w) => w.id === marker);
  const everything = await openSse(`${url}/api/stream?room=${room}&lastEventId=0`, { cookie });
  await everything.waitFor(hasMarker(everything), 30_000);
  everything.close();
  const all = everything.webhooks();
  const ids = all.map((w) => w.id);
  const stored = new Set(ids);
  expect([...acked].filter((id) => !stored.has(id))).toEqual([]);
  expect(stored.size).toBe(ids.length);
  await Promise.all(
    before.map(async (seen) => {
      const resumed = await openSse(`${url}/api/stream?room=${room}`, {
        cookie,
        'last-event-id': String(seen.at(-1)?.seq ?? 0),
      });
      await resumed.waitFor(hasMarker(resumed), 30_000);
      resumed.close();
      expect([...seen, ...resumed.webhooks()].map((w) => w.id)).toEqual(ids);
    }),
  );
}
