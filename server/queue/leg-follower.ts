/**
 * Feeds the queue engine the dial-in webhooks it needs (`dialin.connected`: the routed caller
 * is in the agent's room, which leg it is; `dialin.stopped`/`dialin.error`: the call ended, the
 * agent's wrap-up starts), read from the event store after each committed append.
 */
import type { Database } from '../store/database';
import { EVENTS_CHANNEL, type EventStore } from '../store/event-store';
import type { Logger } from '../log';
import type { QueueEngine } from './engine';

const TYPES = new Set(['dialin.connected', 'dialin.stopped', 'dialin.error']);

export async function followLegs(
  db: Database,
  store: EventStore,
  engine: QueueEngine,
  log: Logger,
): Promise<() => Promise<void>> {
  let cursor = await store.head();
  let reading = false;
  let again = false;
  const read = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        for (;;) {
          const events = await store.since(cursor, { limit: 500 });
          for (const e of events) {
            cursor = e.seq;
            if (!TYPES.has(e.type)) continue;
            const p = e.envelope.payload as Record<string, unknown>;
            const room = typeof p.room === 'string' ? p.room : e.room;
            if (!room || typeof p.session_id !== 'string') continue;
            const from = typeof p.sip_from === 'string' ? p.sip_from : undefined;
            await engine.legEvent(e.type, room, p.session_id, from);
          }
          if (events.length < 500) break;
        }
      } while (again);
    } catch (error) {
      log.error({ err: error }, 'queue: reading dial-in events failed');
    } finally {
      reading = false;
    }
  };
  return db.listen(EVENTS_CHANNEL, () => void read());
}
