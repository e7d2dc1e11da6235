/**
 * The supervisor wall's server side: the opening snapshot across rooms, who is present in a
 * room, the rates file re-read when it changes (no restart), and a REST action recorded as
 * `console.action` (who did it) on the room's stream before Daily is asked.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsoleAction } from '../src/domain/console-action';
import { liveLeg } from './test-support/cloud-client';
import { demoCookie, openSse, startTestServer, type TestServer } from './test-support/harness';
import { ratesSource } from './wall/rates';

describe('rates file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rates-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'rates.json');
  const write = (pstn: number | string, at: number) => {
    writeFileSync(
      file,
      typeof pstn === 'string'
        ? pstn
        : JSON.stringify({ currency: 'USD', perMinute: { pstn, sip: 0.004 }, referFee: 0.02 }),
    );
    utimesSync(file, at, at);
  };

  it('is re-read when it changes, and a broken edit keeps the last good rates', async () => {
    const rates = ratesSource(file);
    expect((await rates.read()).problem).toMatch(/No rates file/);
    write(0.013, 1_000);
    expect((await rates.read()).rates?.perMinute.pstn).toBe(0.013);
    write(0.02, 2_000);
    expect((await rates.read()).rates?.perMinute.pstn).toBe(0.02);
    write('{ not json', 3_000);
    const broken = await rates.read();
    expect(broken.rates?.perMinute.pstn).toBe(0.02);
    expect(broken.problem).toMatch(/not valid/);
    write(-1, 4_000);
    expect((await rates.read()).problem).toMatch(/perMinute\.pstn/);
  });
});

describe('wall routes', () => {
  let s: TestServer;
  let supervisor: string;
  beforeAll(async () => {
    s = await startTestServer();
    supervisor = await demoCookie(s.url, 'supervisor');
  });
  afterAll(() => s.close());
  const get = async (p: string) =>
    (await (await fetch(`${s.url}${p}`, { headers: { cookie: supervisor } })).json()) as Record<
      string,
      unknown
    >;

  it('lists live legs across rooms, who is present, and records who hung up', async () => {
    const room = await openSse(`${s.url}/api/stream?room=wall-room`, { cookie: s.cookie });
    const { sessionId, console: keeper } = await liveLeg(s.url, s.cookie, 'wall-room', 'pstn');
    try {
      await s.webhooksSettled();
      const snapshot = await get('/api/wall/snapshot');
      const legs = snapshot.legs as { session_id: string; room: string; ended_at: null }[];
      expect(legs).toContainEqual(
        expect.objectContaining({ session_id: sessionId, room: 'wall-room' }),
      );
      expect(snapshot.seq).toBeGreaterThan(0);
      const pulse = await get('/api/wall/pulse');
      expect((pulse.presence as Record<string, string[]>)['wall-room']).toEqual(['Demo Agent']);
      expect(pulse.rates).toMatchObject({ currency: 'USD', example: true });

      const res = await fetch(`${s.url}/api/rooms/wall-room/legs/${sessionId}/hangup`, {
        method: 'POST',
        headers: { cookie: supervisor, 'x-console-via': 'wall', origin: s.url },
      });
      expect(res.status).toBe(202);
      // The room's stream carries who did it, before Daily's own word that the leg stopped.
      await room.waitFor((m) => m.some((x) => x.data.includes('dialin.stopped')));
      const types = room.webhooks().map((w) => w.type);
      expect(types.indexOf('console.action')).toBeLessThan(types.indexOf('dialin.stopped'));
      const stored = room.messages.find((m) => m.data.includes('"console.action"'))!;
      expect(readConsoleAction(JSON.parse(stored.data))).toMatchObject({
        sessionId,
        method: 'hang-up',
        stage: 'requested',
        by: 'Demo Supervisor',
        role: 'supervisor',
        via: 'wall',
      });
    } finally {
      room.close();
      keeper.close();
    }
    // The stream closed: nobody is present any more.
    await expect
      .poll(
        async () =>
          ((await get('/api/wall/pulse')).presence as Record<string, string[]>)['wall-room'],
        { timeout: 30_000 },
      )
      .toBeUndefined();
  });

  it("records an agent's own action when its console claims it (who, from their console)", async () => {
    const room = await openSse(`${s.url}/api/stream?room=claim-room`, { cookie: s.cookie });
    try {
      const res = await fetch(`${s.url}/api/rooms/claim-room/legs/leg-1/claim`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'content-type': 'application/json', origin: s.url },
        body: JSON.stringify({ method: 'transfer', toEndpoint: '+12025550143' }),
      });
      expect(res.status).toBe(201);
      await room.waitFor((m) => m.some((x) => x.data.includes('"console.action"')));
      const stored = room.messages.find((m) => m.data.includes('"console.action"'))!;
      expect(readConsoleAction(JSON.parse(stored.data))).toMatchObject({
        method: 'transfer',
        by: 'Demo Agent',
        role: 'agent',
        via: 'console',
        toEndpoint: '+12025550143',
      });
      const bad = await fetch(`${s.url}/api/rooms/claim-room/legs/leg-1/claim`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'content-type': 'application/json', origin: s.url },
        body: JSON.stringify({ method: 'dial-out' }),
      });
      expect(bad.status).toBe(400);
    } finally {
      room.close();
    }
  });

  it("is fed by the sandbox's traffic generator, a world's rooms named for the world", async () => {
    const res = await fetch(`${s.url}/api/sandbox/cloud/worlds/wall-traffic/traffic`, {
      method: 'POST',
      headers: { cookie: supervisor, 'content-type': 'application/json', origin: s.url },
      body: JSON.stringify({
        rooms: 3,
        callsPerMinute: 1,
        durationS: 1,
        holdS: 600,
        initialCalls: 6,
      }),
    });
    expect(res.status).toBe(200);
    try {
      // A bound for a busy machine, not a wait: it resolves as soon as the legs are stored.
      await expect
        .poll(
          async () => {
            await s.webhooksSettled();
            const legs = (await get('/api/wall/snapshot')).legs as { room: string }[];
            return legs.filter((l) => l.room.endsWith('.wall-traffic')).length;
          },
          { timeout: 30_000 },
        )
        .toBeGreaterThanOrEqual(6);
    } finally {
      s.cloud?.peek('wall-traffic')?.reset();
    }
  });
});
