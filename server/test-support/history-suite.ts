/**
 * The history against whichever store `env()` selects: conversations linked across transfers
 * and rooms, every filter, keyset paging, the exports (exactly what the filter shows; CSV
 * never a formula), retention, and who may read it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistory } from '../history/history';
import { createLogger } from '../log';
import { demoCookie, envelope, openSse, startTestServer, type TestServer } from './harness';

interface Conversation {
  id: string;
  rooms: string[];
  agents: string[];
  outcome: string;
  legs: number;
  transfers: number;
  caller: string | null;
  caller_name: string | null;
  started_at: number;
}
interface ListBody {
  conversations: Conversation[];
  next: string | null;
}

export function describeHistory(name: string, env: () => Record<string, string>): void {
  describe(`history (${name})`, () => {
    let s: TestServer;
    let supervisor: string;
    const tag = randomBytes(3).toString('hex');
    const roomA = `hist-a-${tag}`;
    const roomB = `hist-b-${tag}`;
    const t0 = Date.now() - 600_000;
    /** Posts a webhook whose Daily timestamp is `atMs`, and checks it was stored. */
    const post = async (type: string, payload: Record<string, unknown>, atMs: number) => {
      const res = await s.post(envelope(type, { timestamp: String(atMs / 1000), ...payload }));
      expect(res.status).toBe(200);
    };
    const dialIn = (room: string, id: string, sipFrom: string, atMs: number, name?: string) =>
      post(
        'dialin.connected',
        { room, session_id: id, sip_from: sipFrom, ...(name ? { display_name: name } : {}) },
        atMs,
      );
    const get = (path: string, cookie = supervisor) =>
      fetch(`${s.url}${path}`, { headers: { cookie } });
    const list = async (query: string): Promise<ListBody> => {
      const res = await get(`/api/history/conversations?${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as ListBody;
    };

    beforeAll(async () => {
      s = await startTestServer(env());
      supervisor = await demoCookie(s.url, 'supervisor');
      // demo-agent watches room A while its calls happen (the stream records presence).
      const watching = await openSse(`${s.url}/api/stream?room=${roomA}`, { cookie: s.cookie });
      // The row is written once the stream answered: wait for it (each try is one query).
      while (!(await s.db.query('SELECT 1 FROM history_presence WHERE room = $1', [roomA])).length);
      const at = Date.now();
      // Caller 1 dials in to A, is transferred to room B, arrives there and hangs up.
      const sipA = `${tag}-1`;
      await dialIn(roomA, sipA, 'sip:+14155550101@carrier.example', at, 'Ada');
      const transfer = {
        room: roomA,
        session_id: sipA,
        to_endpoint: `sip:${roomB}@sandbox.sip.daily.co`,
        from_endpoint: '+14155550101',
        is_sip_refer: false,
      };
      await post('calltransfer.triggered', transfer, at + 1_000);
      await post('calltransfer.initiated', transfer, at + 2_000);
      await dialIn(roomB, `${tag}-2`, 'sip:+14155550101@pstn.sandbox.daily.co', at + 3_000, 'Ada');
      await post('calltransfer.answered', transfer, at + 3_500);
      await post('dialin.stopped', { room: roomB, session_id: `${tag}-2` }, at + 9_000);
      // Caller 2: a refer from A (no arrival links to it); the same number later in B is its own.
      const refer = {
        room: roomA,
        session_id: `${tag}-3`,
        to_endpoint: 'sip:desk@pbx.example.com',
        from_endpoint: 'sip:bob@sip.example.com',
        is_sip_refer: true,
      };
      await dialIn(
        roomA,
        `${tag}-3`,
        'sip:bob@sip.example.com',
        at + 4_000,
        '=HYPERLINK("http://evil")',
      );
      await post('calltransfer.triggered', refer, at + 5_000);
      await post('calltransfer.initiated', refer, at + 6_000);
      await dialIn(roomB, `${tag}-4`, 'sip:bob@sip.example.com', at + 7_000);
      // Five earlier dial-outs from B, one failed, for paging and the time filter.
      for (let i = 0; i < 5; i++) {
        const id = `${tag}-out-${i}`;
        await post(
          'dialout.connected',
          { room: roomB, session_id: id, destination: `+4420718387${50 + i}` },
          t0 + i * 60_000,
        );
        await post(
          i === 4 ? 'dialout.error' : 'dialout.stopped',
          { room: roomB, session_id: id, error_msg: 'busy' },
          t0 + i * 60_000 + 5_000,
        );
      }
      // Indexed while demo-agent still watches: the calls above are stamped up to 9 s ahead of
      // the clock, past the stream's close, and the indexer waits a second after the commits.
      await s.history.catchUp();
      watching.close();
    }, 120_000);
    afterAll(async () => {
      await s?.close();
    });

    it('links one caller across a transfer to another room into one conversation, with its timeline', async () => {
      const { conversations } = await list(`room=${roomA}`);
      const ada = conversations.find((c) => c.id === `${tag}-1`);
      expect(ada).toMatchObject({
        rooms: [roomA, roomB],
        legs: 2,
        transfers: 1,
        outcome: 'ended',
        caller: '+14155550101',
        caller_name: 'Ada',
      });
      const res = await get(`/api/history/conversations/${tag}-1`);
      const detail = (await res.json()) as {
        steps: { type: string; at: number; session_id: string }[];
        legs: unknown[];
      };
      expect(detail.steps.map((x) => x.type)).toEqual([
        'dialin.connected',
        'calltransfer.triggered',
        'calltransfer.initiated',
        'dialin.connected',
        'calltransfer.answered',
        'dialin.stopped',
      ]);
      expect(detail.steps.map((x) => x.at - detail.steps[0]!.at)).toEqual([
        0, 1000, 2000, 3000, 3500, 9000,
      ]);
      expect(detail.legs).toHaveLength(2);
      // A refer leaves Daily: the same caller arriving in B afterwards is a conversation of its own.
      const bob = conversations.find((c) => c.id === `${tag}-3`);
      expect(bob).toMatchObject({ rooms: [roomA], outcome: 'referred', legs: 1 });
      expect((await list(`room=${roomB}`)).conversations.map((c) => c.id)).toContain(`${tag}-4`);
      expect((await get('/api/history/conversations/nope')).status).toBe(404);
    });

    it('filters by room, number (any formatting), agent, outcome and time', async () => {
      const ids = async (q: string) => (await list(q)).conversations.map((c) => c.id).sort();
      expect(await ids(`room=${roomA}`)).toEqual([`${tag}-1`, `${tag}-3`]);
      expect(await ids(`room=${roomB}&number=${encodeURIComponent('+1 (415) 555-0101')}`)).toEqual([
        `${tag}-1`,
      ]);
      expect(
        await ids(`room=${roomB}&number=${encodeURIComponent('sip:BOB@sip.example.com')}`),
      ).toEqual([`${tag}-4`]);
      expect(await ids(`room=${roomA}&agent=demo-agent`)).toEqual([`${tag}-1`, `${tag}-3`]);
      expect(await ids(`room=${roomB}&agent=demo-supervisor`)).toEqual([]);
      expect(await ids(`room=${roomB}&outcome=failed`)).toEqual([`${tag}-out-4`]);
      const from = new Date(t0 + 60_000).toISOString();
      expect(await ids(`room=${roomB}&from=${from}&to=${t0 + 180_000}`)).toEqual([
        `${tag}-out-1`,
        `${tag}-out-2`,
      ]);
      const bad = await get('/api/history/conversations?outcome=lost');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/^outcome: one of live/);
      expect((await get('/api/history/conversations?from=yesterday')).status).toBe(400);
    });

    it('pages by keyset, newest first, each row once', async () => {
      const seen: string[] = [];
      let after = '';
      let pages = 0;
      do {
        const page = await list(`room=${roomB}&limit=2${after ? `&after=${after}` : ''}`);
        seen.push(...page.conversations.map((c) => c.id));
        after = page.next ?? '';
        pages++;
      } while (after);
      expect(pages).toBe(4);
      expect(seen).toEqual([
        `${tag}-4`,
        `${tag}-1`,
        ...[4, 3, 2, 1, 0].map((i) => `${tag}-out-${i}`),
      ]);
      expect((await get('/api/history/conversations?after=garbage')).status).toBe(400);
    });

    it('exports exactly what the filter shows, as CSV (never a formula) and JSON', async () => {
      const shown = (await list(`room=${roomA}`)).conversations.map((c) => c.id);
      const csv = await get(`/api/history/export?format=csv&room=${roomA}`);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(
        /attachment; filename="conversations-.*\.csv"/,
      );
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^id,started_at,ended_at,/);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(shown);
      expect(lines.find((l) => l.startsWith(`${tag}-3`))).toContain(
        `"'=HYPERLINK(""http://evil"")"`,
      );
      const json = await get(`/api/history/export?format=json&room=${roomA}&outcome=referred`);
      const rows = (await json.json()) as { id: string; outcome_words: string }[];
      expect(rows.map((r) => r.id)).toEqual([`${tag}-3`]);
      expect(rows[0]!.outcome_words).toBe('Referred — Daily has left the call');
    });

    it('retention deletes conversations last active before the cut-off, and only those, on its schedule', async () => {
      const room = `hist-old-${tag}`;
      const old = Date.now() - 10 * 86_400_000;
      await dialIn(room, `${tag}-old`, '+15550001', old);
      await post('dialin.stopped', { room, session_id: `${tag}-old` }, old + 1_000);
      await dialIn(room, `${tag}-new`, '+15550002', Date.now());
      expect((await list(`room=${room}`)).conversations).toHaveLength(2);
      // A second history on the same store with a short schedule: the periodic delete runs alone.
      const pruned = new Promise<number>((resolve) => {
        const h = createHistory(s.db, {
          retentionDays: 5,
          log: createLogger('silent'),
          pruneEveryMs: 10,
          onPruned: (n) => {
            if (n > 0) {
              void h.stop();
              resolve(n);
            }
          },
        });
        void h.start();
      });
      expect(await pruned).toBeGreaterThanOrEqual(1);
      expect((await list(`room=${room}`)).conversations.map((c) => c.id)).toEqual([`${tag}-new`]);
      for (const table of ['history_steps', 'history_facets', 'history_legs']) {
        const left = await s.db.query(`SELECT 1 FROM ${table} WHERE conversation_id = $1`, [
          `${tag}-old`,
        ]);
        expect(left, table).toHaveLength(0);
      }
    });

    it('is for supervisors and admins: agents are refused, nobody signed in is asked to', async () => {
      for (const path of [
        '/api/history/conversations',
        `/api/history/conversations/${tag}-1`,
        '/api/history/export',
      ]) {
        expect((await get(path, '')).status).toBe(401);
        expect((await get(path, s.cookie)).status).toBe(403);
        expect((await get(path, await demoCookie(s.url, 'admin'))).status).toBe(200);
      }
    });
  });
}
