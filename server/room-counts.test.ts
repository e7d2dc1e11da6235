/**
 * `GET /api/room-counts`: the connect screen's live counts. Sandbox mode counts the simulated
 * cloud's legs and consoles per world; real mode counts the webhook projection's live legs
 * (and cannot know agents).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, startTestServer, type TestServer } from './test-support/harness';
import { connectCloud } from './test-support/cloud-client';
import { liveLegCounts } from './routes/room-counts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

const counts = async (query = '') => {
  const res = await fetch(`${s.url}/api/room-counts${query}`, { headers: { cookie: s.cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    source: string;
    rooms: { name: string; callers: number; agents: number | null }[];
  };
};

describe('room counts', () => {
  it('sandbox: callers and agents per room of the asked world, nothing of another world', async () => {
    const world = 'counts-test';
    const a = await connectCloud(s.url, s.cookie, { room: 'support', world, userName: 'A' });
    const b = await connectCloud(s.url, s.cookie, { room: 'support', world, userName: 'B' });
    const c = await connectCloud(s.url, s.cookie, { room: 'sales', world, userName: 'C' });
    try {
      await a.call('dialIn', { kind: 'pstn', from: '+14155550142' });
      await a.call('dialIn', { kind: 'sip', from: 'sip:caller@sip.example.com' });
      const body = await counts(`?world=${world}`);
      expect(body.source).toBe('sandbox');
      expect(body.rooms).toEqual(
        expect.arrayContaining([
          { name: 'support', callers: 2, agents: 2 },
          { name: 'sales', callers: 0, agents: 1 },
        ]),
      );
      expect((await counts('?world=counts-elsewhere')).rooms).toEqual([]);
    } finally {
      for (const x of [a, b, c]) x.close();
    }
  });

  it('real mode: live legs per room from the webhooks; ended legs do not count', async () => {
    for (const [type, room, session] of [
      ['dialin.connected', 'lobby', 'rc-1'],
      ['dialin.connected', 'lobby', 'rc-2'],
      ['dialout.answered', 'desk', 'rc-3'],
      ['dialin.connected', 'desk', 'rc-4'],
      ['dialin.stopped', 'desk', 'rc-4'],
    ] as const) {
      expect((await s.post(envelope(type, { room, session_id: session }))).status).toBe(200);
    }
    const rooms = await liveLegCounts(s.db);
    expect(rooms).toEqual(
      expect.arrayContaining([
        { name: 'lobby', callers: 2, agents: null },
        { name: 'desk', callers: 1, agents: null },
      ]),
    );
  });
});
