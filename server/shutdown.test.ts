/**
 * SIGTERM while webhooks are posted and streams are open: the server exits 0 within
 * SHUTDOWN_TIMEOUT_MS; every webhook it answered 2xx is there after a restart (the others got
 * 503 or no answer, so Daily retries them); every stream was ended with a `retry:` hint and,
 * resumed with its Last-Event-ID on the restarted server, gets the rest with no gap. A request
 * still in flight holds the exit until the bound, and a second signal exits at once.
 * FULL_FORM=1 (`npm run test:shutdown`): 1,000 streams and 32 posters instead of 100 and 8.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCookie, openSse } from './test-support/harness';
import { seedEmptyStore } from './test-support/prepared';
import { launchServer, type ServerProcess } from './test-support/process';
import { expectResumedWithoutGap, webhookBurst } from './test-support/resume-check';
import { STREAM_RETRY_MS } from './shutdown';

const FULL = process.env.FULL_FORM === '1';
const STREAMS = FULL ? 1_000 : 100;
const POSTERS = FULL ? 32 : 8;

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) s.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function launch(env: Record<string, string>): Promise<ServerProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'console-shutdown-'));
  dirs.push(dir);
  const s = await launchServer({ DATA_DIR: seedEmptyStore(dir), ...env });
  running.push(s);
  return s;
}

/**
 * A webhook request whose body never finishes: in flight until the server gives up on it.
 * Resolves once the server has taken it (its `100 Continue` comes with the request event).
 */
function stuckWebhook(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /webhooks/daily HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
          'content-length: 1000\r\nexpect: 100-continue\r\n\r\n',
      );
    });
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      if (text.startsWith('HTTP/1.1 100')) {
        socket.write('{"partial":');
        resolve(socket);
      }
    });
    socket.on('error', reject);
  });
}

/** Resolves once `url` refuses connections: the server has stopped listening. */
async function stoppedListening(url: string): Promise<void> {
  for (;;) {
    try {
      await (await fetch(`${url}/api/health`)).arrayBuffer();
    } catch {
      return;
    }
  }
}

describe('graceful shutdown', () => {
  it(`a webhook burst and ${STREAMS} streams: nothing acknowledged lost, every stream resumes without a gap`, async () => {
    const secret = randomBytes(32);
    const env = { DAILY_WEBHOOK_SECRET: secret.toString('base64'), SHUTDOWN_TIMEOUT_MS: '10000' };
    const room = `shut-${randomBytes(3).toString('hex')}`;
    const first = await launch(env);
    const cookie = await demoCookie(first.url);
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, () =>
        openSse(`${first.url}/api/stream?room=${room}`, { cookie }),
      ),
    );
    const burst = webhookBurst(first.url, secret, room, POSTERS);
    await burst.acknowledged(100);
    const t0 = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await burst.done;
    // Answered requests were stored (200) or refused so the sender retries (503): no 500.
    expect([...burst.statuses].sort()).toEqual(expect.arrayContaining([200]));
    expect([...burst.statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    await Promise.all(streams.map((s) => s.closed));
    expect(streams.filter((s) => s.retryMs() !== STREAM_RETRY_MS)).toHaveLength(0);

    // The same data directory, restarted: the session is still valid, the store intact.
    const second = await launchServer({ ...env, DATA_DIR: dirs.at(-1)! });
    running.push(second);
    await expectResumedWithoutGap(second.url, secret, cookie, room, streams, burst.acked);
  }, 180_000);

  it.concurrent(
    'a request still in flight holds the exit until SHUTDOWN_TIMEOUT_MS, then exits 0',
    async () => {
      const s = await launch({ SHUTDOWN_TIMEOUT_MS: '2000' });
      const socket = await stuckWebhook(s.port);
      const t0 = Date.now();
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(1_900);
      expect(took).toBeLessThan(7_000);
      socket.destroy();
    },
    120_000,
  );

  it.concurrent(
    'a second signal exits at once',
    async () => {
      const s = await launch({ SHUTDOWN_TIMEOUT_MS: '120000' });
      const socket = await stuckWebhook(s.port);
      s.child.kill('SIGTERM');
      await stoppedListening(s.url);
      const t0 = Date.now();
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(1);
      expect(Date.now() - t0).toBeLessThan(5_000);
      socket.destroy();
    },
    120_000,
  );
});
