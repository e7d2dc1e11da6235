/**
 * `kill -9` while webhooks are being posted: after a restart every event that got a 2xx is
 * there, and an SSE client that reconnects with its last id receives every event once, in
 * order. Against PGlite (the embedded default) and a real Postgres. Repeated kills on one store:
 * store-torture.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from './domain/signature';
import { demoCookie, envelope, openSse } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';
import { launchServer } from './test-support/process';

async function crashWhilePosting(env: Record<string, string>) {
  const secret = randomBytes(32);
  const fullEnv = { ...env, DAILY_WEBHOOK_SECRET: secret.toString('base64') };
  const room = `crash-${randomBytes(3).toString('hex')}`;
  const first = await launchServer(fullEnv);
  const cookie = await demoCookie(first.url);
  const sse = await openSse(`${first.url}/api/stream?room=${room}`, { cookie });
  const acked = new Set<string>();
  let stop = false;
  const poster = async () => {
    while (!stop) {
      const e = envelope('dialin.warning', { room });
      const raw = JSON.stringify(e);
      try {
        const res = await fetch(`${first.url}/webhooks/daily`, {
          method: 'POST',
          headers: signedHeaders(secret, raw, Date.now()),
          body: raw,
        });
        if (res.ok) acked.add(e.id);
      } catch {
        return; // the server is gone
      }
    }
  };
  const posters = Array.from({ length: 8 }, poster);
  while (acked.size < 150) await new Promise((r) => setTimeout(r, 5));
  first.child.kill('SIGKILL');
  await Promise.all(posters);
  stop = true;
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
    await everything.waitFor((m) => m.filter((x) => x.event === 'webhook').length >= acked.size);
    await new Promise((r) => setTimeout(r, 200)); // let any (wrong) extra message arrive
    const all = everything.webhooks();
    const ids = all.map((w) => w.id);
    for (const id of acked) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    const missed = all.filter((w) => w.seq > lastSeen).map((w) => w.id);
    await resumed.waitFor((m) => m.filter((x) => x.event === 'webhook').length >= missed.length);
    const union = [...seen.map((w) => w.id), ...resumed.webhooks().map((w) => w.id)];
    expect(union).toEqual(ids);
    resumed.close();
    everything.close();
    return { acked: acked.size, stored: ids.length };
  } finally {
    second.child.kill('SIGKILL');
  }
}

describe('kill -9 while webhooks are posted', () => {
  let pg: TestPostgres | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(() => {
    pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('PGlite: nothing acknowledged is lost; the stream resumes exactly', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'console-crash-'));
    dirs.push(dir);
    const r = await crashWhilePosting({ DATA_DIR: dir });
    expect(r.stored).toBeGreaterThanOrEqual(r.acked);
  }, 120_000);

  it('Postgres: nothing acknowledged is lost; the stream resumes exactly', async () => {
    const r = await crashWhilePosting({ DATABASE_URL: pg!.url });
    expect(r.stored).toBeGreaterThanOrEqual(r.acked);
  }, 120_000);
});
