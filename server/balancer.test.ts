/**
 * The deployment the README describes, run here: a real Postgres, two instances on it, and
 * Debian's nginx in front with `deploy/nginx-console.conf` (round-robin, SSE unbuffered,
 * X-Forwarded-* passed). Through the balancer: a demo agent signs in (the cookie is Secure: the
 * balancer says HTTPS) and the session works on both instances; streams land on both; webhooks
 * served by either reach every stream (Postgres LISTEN/NOTIFY); one instance is killed during
 * a burst and nothing posted fails (nginx fails over), nothing acknowledged is lost, and every
 * stream resumes through the balancer with its Last-Event-ID with no gap.
 * FULL_FORM=1 (`npm run test:balancer`): 200 streams and a longer burst.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { envelope, openSse, type SseClient } from './test-support/harness';
import { startNginx, type TestNginx } from './test-support/nginx';
import { startPostgres, type TestPostgres } from './test-support/postgres';
import { launchServer, type ServerProcess } from './test-support/process';
import { expectResumedWithoutGap, sendWebhook, webhookBurst } from './test-support/resume-check';

const FULL = process.env.FULL_FORM === '1';
const STREAMS = FULL ? 200 : 8;
const BURST = FULL ? 500 : 40;

let pg: TestPostgres | undefined;
let nginx: TestNginx | undefined;
const instances: ServerProcess[] = [];
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const s of instances) s.child.kill('SIGKILL');
  await nginx?.stop();
  pg?.stop();
}, 60_000);

const upstreamOf = (s: SseClient) => String(s.headers['x-upstream']);

it('two instances behind nginx: sign-in, fan-out across instances, failover without a gap', async () => {
  const secret = randomBytes(32);
  const env = {
    DATABASE_URL: pg!.url,
    DAILY_WEBHOOK_SECRET: secret.toString('base64'),
    TRUST_PROXY: '1',
  };
  const [a, b] = await Promise.all([launchServer(env), launchServer(env)]);
  instances.push(a!, b!);
  nginx = await startNginx([a!.port, b!.port]);
  const lb = nginx.url;
  const both = new Set([`127.0.0.1:${a!.port}`, `127.0.0.1:${b!.port}`]);

  // A console signs in through the balancer; the session is good on either instance.
  const signIn = await fetch(`${lb}/api/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'agent' }),
  });
  expect(signIn.status).toBe(200);
  const setCookie = signIn.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/;\s*Secure/i);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  const cookie = setCookie.split(';')[0]!;
  const served = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const res = await fetch(`${lb}/api/session`, { headers: { cookie } });
    expect(res.status).toBe(200);
    served.add(res.headers.get('x-upstream') ?? '');
  }
  expect(served).toEqual(both);

  // Streams through the balancer land on both instances; so do webhooks; all reach all.
  const room = `lb-${randomBytes(3).toString('hex')}`;
  const streams = await Promise.all(
    Array.from({ length: STREAMS }, () => openSse(`${lb}/api/stream?room=${room}`, { cookie })),
  );
  expect(new Set(streams.map(upstreamOf))).toEqual(both);
  const posted: string[] = [];
  const postedBy = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const e = envelope('dialin.warning', { room });
    const res = await sendWebhook(lb, secret, e);
    expect(res.status, await res.text()).toBe(200);
    posted.push(e.id);
    postedBy.add(res.headers.get('x-upstream') ?? '');
  }
  expect(postedBy).toEqual(both);
  const hasAll = (s: SseClient) => () =>
    posted.every((id) => s.webhooks().some((w) => w.id === id));
  await Promise.all(streams.map((s) => s.waitFor(hasAll(s), 30_000)));

  // One instance dies mid-burst: every webhook is still answered 200 (nginx fails over).
  const burst = webhookBurst(lb, secret, room, 4);
  await burst.acknowledged(BURST / 2);
  a!.child.kill('SIGKILL');
  await a!.exited;
  await burst.acknowledged(burst.acked.size + BURST / 2);
  await burst.stop();
  expect([...burst.statuses]).toEqual([200]);

  // Its streams were cut; resumed through the balancer (now on the other), nothing is missing.
  const cut = streams.filter((s) => upstreamOf(s) === `127.0.0.1:${a!.port}`);
  expect(cut.length).toBeGreaterThan(0);
  await Promise.all(cut.map((s) => s.closed));
  const acked = new Set([...posted, ...burst.acked]);
  await expectResumedWithoutGap(lb, secret, cookie, room, streams, acked);
}, 240_000);

it('the README shows the very configuration this test runs', () => {
  const config = readFileSync('deploy/nginx-console.conf', 'utf8');
  expect(readFileSync('README.md', 'utf8')).toContain('```nginx\n' + config + '```');
});
