/**
 * Fan-out of stored events to Server-Sent-Events subscribers. Every event a subscriber gets
 * comes from the store, in sequence order: a wake-up (a commit here, or NOTIFY from another
 * instance on Postgres) makes the hub read what is new once, into a bounded ring shared by
 * all subscribers; a subscriber that is behind the ring (a resume from an old id) reads the
 * store page by page. Each subscriber holds only a cursor.
 *
 * Catch-up (a resume, a room's opening replay: everything up to the head the hub had read when
 * the stream opened, and again after any wait) is written with backpressure: when the socket
 * stops taking bytes the pump waits for 'drain' before it reads the next page, so a backlog of
 * any size reaches the client and at most about one page is queued. Once caught up the
 * subscriber is live: new events are written as they come, and a subscriber whose unsent bytes
 * pass `maxBufferedBytes` is disconnected (it resumes with its last id, catching up paged).
 * The bound applies to what is queued, never to the history.
 */
import type { ServerResponse } from 'node:http';
import type { SessionStreams, StreamOwner } from './auth/session-streams';
import { keeps, PAGE, Subscriber, type RoomFilter } from './stream-subscriber';
import type { Database } from './store/database';
import { EVENTS_CHANNEL, type EventStore, type StoredEvent } from './store/event-store';
import type { Logger } from './log';

export { unsentBytes, type RoomFilter } from './stream-subscriber';

export interface HubOptions {
  maxBufferedBytes: number;
  heartbeatMs: number;
  ringSize?: number;
  /** Where streams are registered by session, so ending a session ends its streams. */
  streams?: SessionStreams;
}

/** SSE text for one stored event: its projection changes, then the webhook carrying the id. */
export function formatEvent(e: StoredEvent): string {
  let out = '';
  for (const change of e.changes) {
    out += `event: ${change.kind}\ndata: ${JSON.stringify(change.row)}\n\n`;
  }
  out += `id: ${e.seq}\nevent: webhook\ndata: ${JSON.stringify(e.envelope)}\n\n`;
  return out;
}

export class StreamHub {
  head = 0;
  slowDisconnects = 0;
  /** The ring holds every event with seq > ringAfter, up to head. */
  private ring: StoredEvent[] = [];
  private ringAfter = 0;
  private reading = false;
  private readAgain = false;
  private readonly subscribers = new Set<Subscriber>();
  private unlisten: (() => Promise<void>) | undefined;
  private unfollow: (() => void) | undefined;
  /** The highest id a NOTIFY announced since the last check (Infinity: unknown, read). */
  private announced = 0;
  private wakeQueued = false;
  private readonly ringSize: number;
  /** Each ring event's SSE text, kept while the event is (held by the ring or a reader). */
  private readonly formatted = new WeakMap<StoredEvent, string>();

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    readonly options: HubOptions,
    readonly log: Logger,
  ) {
    this.ringSize = options.ringSize ?? 10_000;
  }

  async start(): Promise<void> {
    this.head = await this.store.head();
    this.ringAfter = this.head;
    this.unfollow = this.store.onCommitted((events) => this.committed(events));
    this.unlisten = await this.db.listen(EVENTS_CHANNEL, (message) => this.announce(message));
  }

  /**
   * This process's commits arrive from memory, with their SSE text made from the objects that
   * were stored: no read back of what was just written (a query and a parse of every event's
   * JSON per commit). Only a batch that follows the ring's head exactly is taken; anything else
   * (another instance's events between, a sequence number lost to a rolled-back append) is read
   * from the store, in order.
   */
  private committed(events: StoredEvent[]): void {
    if (this.reading || events[0]!.seq !== this.head + 1) {
      void this.wake();
      return;
    }
    this.push(events);
    for (const s of this.subscribers) void s.pump();
  }

  /**
   * A NOTIFY (any instance's commit; on PGlite, this process's own, just before it arrives from
   * memory): read the store after this turn of the event loop, unless by then the ring holds
   * what was announced. An empty message (a reconnected listener) always reads.
   */
  private announce(message: string): void {
    const seq = Number(message);
    this.announced = Math.max(this.announced, seq > 0 ? seq : Infinity);
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      const announced = this.announced;
      this.announced = 0;
      if (announced > this.head) void this.wake();
    });
  }

  private push(rows: StoredEvent[]): void {
    for (const row of rows) this.ring.push(row);
    this.head = rows[rows.length - 1]!.seq;
    if (this.ring.length > this.ringSize) {
      const drop = this.ring.length - this.ringSize;
      this.ringAfter = this.ring[drop - 1]!.seq;
      this.ring.splice(0, drop);
    }
  }

  async stop(): Promise<void> {
    this.unfollow?.();
    await this.unlisten?.();
    for (const s of [...this.subscribers]) s.close();
  }

  /**
   * Shutdown: ends every stream with a `retry:` hint, so each client reconnects after `retryMs`
   * with its Last-Event-ID — to another instance, or to this one restarted — and misses nothing.
   * Every event is written whole, so the last id a client saw is exact.
   */
  closeAll(retryMs: number): void {
    for (const s of [...this.subscribers]) s.end(`retry: ${retryMs}\n\n`);
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** New events were committed (here or elsewhere): read them once, then pump everyone. */
  async wake(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        for (;;) {
          const rows = await this.store.since(this.head, { limit: 1_000 });
          if (rows.length === 0) break;
          this.push(rows);
        }
      } while (this.readAgain);
    } catch (error) {
      this.log.error({ err: error }, 'reading new events failed; will retry on the next wake');
    } finally {
      this.reading = false;
    }
    for (const s of this.subscribers) void s.pump();
  }

  /** The store's newest sequence number (the hub's `head` may not have read it yet). */
  storeHead(): Promise<number> {
    return this.store.head();
  }

  /**
   * An event's SSE text, made once for all subscribers (a live event goes to every one of
   * them: serialising it per subscriber cost 100 × the JSON work at 100 subscribers).
   */
  format(row: StoredEvent): string {
    let text = this.formatted.get(row);
    if (text === undefined) {
      text = formatEvent(row);
      this.formatted.set(row, text);
    }
    return text;
  }

  /** Up to 500 events after `seq` (of `room`'s rooms, if given), from the ring or the store. */
  async rowsAfter(seq: number, room: RoomFilter): Promise<StoredEvent[]> {
    if (seq >= this.ringAfter) {
      const out: StoredEvent[] = [];
      // The ring is in seq order: start at the first event after `seq` (binary search), not at
      // the ring's start — a live subscriber is near the end of a ring of 10,000.
      for (let i = this.firstAfter(seq); i < this.ring.length; i++) {
        const row = this.ring[i]!;
        if (!keeps(room, row.room)) continue;
        out.push(row);
        if (out.length >= PAGE) break;
      }
      return out;
    }
    if (typeof room === 'object') return this.store.since(seq, { rooms: [...room], limit: PAGE });
    return this.store.since(seq, { ...(room ? { room } : {}), limit: PAGE });
  }

  add(res: ServerResponse, cursor: number, room: RoomFilter, owner?: StreamOwner): Subscriber {
    const sub = new Subscriber(this, res, cursor, room, this.options.heartbeatMs, owner);
    this.subscribers.add(sub);
    void sub.pump();
    return sub;
  }

  /** The index of the ring's first event with a seq above `seq` (ring.length when none). */
  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ring[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  remove(sub: Subscriber): void {
    this.subscribers.delete(sub);
  }
}
