/**
 * `kill -9` while webhooks are being posted: after a restart every event that got a 2xx is
 * there, and an SSE client that reconnects with its last id receives every event once, in
 * order. Against PGlite (the embedded default) and a real Postgres. Repeated kills on one store:
 * store-torture.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoCookie, openSse } from './test-support/harness';
import { postgresAndTempDirs } from './test-support/postgres';
import { seedEmptyStore } from './test-support/prepared';
import { launchServer } from './test-support/process';
import { postSentinel, postUntilStopped } from './test-support/torture';

/** The sequence numbers of every step of the room's one conversation (all posts are one leg). */
async function historySteps(url: string, room: string): Promise<number[]> {
  const headers = { cookie: await demoCookie(url, 'supervisor') };
  const list = (await (
    await fetch(`${url}/api/history/conversations?room=${room}`, { headers })
  ).json()) as { conversations: { id: string }[] };
  expect(list.conversations).toHaveLength(1);
  const detail = (await (
    await fetch(`${url}/api/history/conversations/${list.conversations[0]!.id}`, { headers })
  ).json()) as { steps: { seq: number }[] };
  const seqs = detail.steps.map((s) => s.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  return seqs;
}

async function crashWhilePosting(env: Record<string, string>) {
  const secret = randomBytes(32);
  const fullEnv = {
    ...env,
    DAILY_WEBHOOK_SECRET: secret.toString('base64'),
    // The posted webhooks carry a fixed 2026 time; retention must not take their history.
    HISTORY_RETENTION_DAYS: '3650',
  };
  const room = `crash-${randomBytes(3).toString('hex')}`;
  const first = await launchServer(fullEnv);
  const cookie = await demoCookie(first.url);
  const sse = await openSse(`${first.url}/api/stream?room=${room}`, { cookie });
  const posting = postUntilStopped(first.url, secret, room, 8);
  const acked = posting.acked;
  await posting.acknowledged(150);
  first.child.kill('SIGKILL');
  await posting.stop();
  await sse.closed;
  const seen = sse.webhooks();
  const lastSeen = seen.at(-1)?.seq ?? 0;

  const second = await launchServer(fullEnv);
  try {
    // The session was stored before the crash: the same cookie still signs in.
    const resumed = await openSse(`${second.url}/api/stream?room=${room}`, {
      cookie,
      'last-event-id': String(lastSeen),
    });
    const everything = await openSse(`${second.url}/api/stream?room=${room}&lastEventId=0`, {
      cookie,
    });
    // Everything stored before the sentinel arrives before it: no wait for stragglers.
    const sentinel = await postSentinel(second.url, secret, room);
    const upTo = (c: typeof everything) => {
      const all = c.webhooks();
      const i = all.findIndex((w) => w.id === sentinel);
      return i < 0 ? undefined : all.slice(0, i);
    };
    await everything.waitFor(() => upTo(everything) !== undefined, 60_000);
    await resumed.waitFor(() => upTo(resumed) !== undefined, 60_000);
    const all = upTo(everything)!;
    const ids = all.map((w) => w.id);
    for (const id of acked) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    const union = [...seen.map((w) => w.id), ...upTo(resumed)!.map((w) => w.id)];
    expect(union).toEqual(ids);
    // The history indexes in batches after the commits (not in them): the kill leaves committed
    // events past its cursor, and they must still reach the history, each once.
    const ackedSeqs = all.filter((w) => acked.has(w.id)).map((w) => w.seq);
    expect(await historySteps(second.url, room)).toEqual(expect.arrayContaining(ackedSeqs));
    resumed.close();
    everything.close();
    return { acked: acked.size, stored: ids.length };
  } finally {
    second.child.kill('SIGKILL');
  }
}

describe('kill -9 while webhooks are posted', () => {
  const { pgUrl, tempDir } = postgresAndTempDirs();

  it('PGlite: nothing acknowledged is lost; the stream resumes exactly', async () => {
    const r = await crashWhilePosting({ DATA_DIR: seedEmptyStore(tempDir('console-crash-')) });
    expect(r.stored).toBeGreaterThanOrEqual(r.acked);
  }, 120_000);

  it('Postgres: nothing acknowledged is lost; the stream resumes exactly', async () => {
    const r = await crashWhilePosting({ DATABASE_URL: pgUrl() });
    expect(r.stored).toBeGreaterThanOrEqual(r.acked);
  }, 120_000);
});
