/**
 * A queue call's wrap-up in the history: the engine files the disposition and note, the
 * caller's webhooks are indexed as a conversation, and the history's list, filters, timeline
 * and exports carry the wrap-up (issue 18: "the agent files a disposition and a note that
 * history shows"). One in-memory store for the file.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope } from '../test-support/harness';
import { QueueEngine } from '../queue/engine';
import { createQueueStore } from '../queue/queue-store';
import { openPglite, type Database } from '../store/database';
import { createEventStore } from '../store/event-store';
import { migrate } from '../store/migrations';
import { exportChunks } from './export';
import { indexBatch } from './indexer';
import { conversationDetail, listConversations } from './query';

let db: Database;
const at = 1_770_000_000_000;

/** Everything an export of `filter` writes, joined. */
async function exported(filter: Parameters<typeof exportChunks>[1], format: 'csv' | 'json') {
  let out = '';
  for await (const chunk of exportChunks(db, filter, format)) out += chunk;
  return out;
}

beforeAll(async () => {
  db = await openPglite(undefined);
  await migrate(db);
  const store = createQueueStore(db);
  let clock = at;
  const engine = new QueueEngine({
    store,
    log: pino({ level: 'silent' }),
    now: () => clock,
    timings: { offerTimeoutMs: 10_000, waitAlertMs: 30_000, maxWaitMs: 60_000 },
    route: async () => ({ ok: true }),
  });
  await engine.start();
  await store.createQueue(
    {
      name: 'Support',
      numbers: ['+14155550100'],
      members: ['ann', 'bob'],
      wrapUpS: 60,
      strategy: 'ring-all',
    },
    at,
  );
  await engine.reloadQueues();
  await store.putDisposition({ code: 'resolved', label: 'Resolved' });
  for (const who of ['ann', 'bob']) {
    engine.connect(who, { send: () => undefined });
    await engine.setStatus(who, 'available');
  }
  const events = createEventStore(db);
  // Two queue calls: ann takes the first, bob the second; each caller arrives, talks, leaves.
  const calls = [
    { callId: 'c-1', from: '+14155550171', agent: 'ann', room: 'ann-room', session: 's-1' },
    { callId: 'c-2', from: '+14155550172', agent: 'bob', room: 'bob-room', session: 's-2' },
  ];
  for (const c of calls) {
    await engine.arrive({ callId: c.callId, callDomain: 'dom', from: c.from, to: '+14155550100' });
    await engine.accept(c.agent, c.callId, c.room);
    const payload = { room: c.room, session_id: c.session, timestamp: String(clock / 1000) };
    await events.append(
      envelope('dialin.connected', { ...payload, sip_from: `sip:${c.from}@pstn.example` }),
    );
    await engine.legEvent('dialin.connected', c.room, c.session, `sip:${c.from}@pstn.example`);
    clock += 30_000;
    await events.append(
      envelope('dialin.stopped', { ...payload, timestamp: String(clock / 1000) }),
    );
    await engine.legEvent('dialin.stopped', c.room, c.session, undefined);
  }
  clock += 5_000;
  await engine.wrapUp('ann', 'c-1', 'resolved', '=Reset the voicemail PIN');
  // bob's wrap-up is still open: the history shows who has the call, no disposition yet.
  while ((await indexBatch(db)) > 0);
});
afterAll(async () => {
  await db.close();
});

describe('wrap-ups in the history', () => {
  it('shows each queue call with its wrap-up, and filters by disposition or the agent', async () => {
    const all = await listConversations(db, {}, { limit: 10 });
    expect(all.conversations.map((c) => [c.id, c.wrap_up])).toEqual([
      [
        's-2',
        {
          queue: 'Support',
          handled_by: 'bob',
          disposition: null,
          disposition_label: null,
          note: null,
          filed_at: null,
        },
      ],
      [
        's-1',
        {
          queue: 'Support',
          handled_by: 'ann',
          disposition: 'resolved',
          disposition_label: 'Resolved',
          note: '=Reset the voicemail PIN',
          filed_at: at + 65_000,
        },
      ],
    ]);
    const byCode = await listConversations(db, { disposition: 'resolved' }, { limit: 10 });
    expect(byCode.conversations.map((c) => c.id)).toEqual(['s-1']);
    const byAgent = await listConversations(db, { handledBy: 'bob' }, { limit: 10 });
    expect(byAgent.conversations.map((c) => c.id)).toEqual(['s-2']);
    // With another filter leading (a room's facet), the terms still apply.
    const none = await listConversations(
      db,
      { room: 'bob-room', disposition: 'resolved' },
      { limit: 10 },
    );
    expect(none.conversations).toEqual([]);
    expect((await conversationDetail(db, 's-1'))?.conversation.wrap_up?.note).toBe(
      '=Reset the voicemail PIN',
    );
  });

  it('exports the wrap-up as columns (CSV, never a formula) and fields (JSON)', async () => {
    const csv = (await exported({ disposition: 'resolved' }, 'csv')).trim().split('\r\n');
    const [head, row] = csv.map((line) => line.split(','));
    expect(csv).toHaveLength(2);
    const cell = (name: string) => row![head!.indexOf(name)];
    expect(cell('handled_by')).toBe('ann');
    expect(cell('disposition')).toBe('resolved');
    expect(cell('disposition_label')).toBe('Resolved');
    expect(cell('note')).toBe("'=Reset the voicemail PIN");
    const json = JSON.parse(await exported({ handledBy: 'bob' }, 'json')) as Record<
      string,
      unknown
    >[];
    expect(json).toMatchObject([
      { id: 's-2', handled_by: 'bob', disposition: '', queue: 'Support' },
    ]);
  });
});
