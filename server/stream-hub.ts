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
import type { Database } from './store/database';
import { EVENTS_CHANNEL, type EventStore, type StoredEvent } from './store/event-store';
import type { Logger } from './log';

/** The rooms a subscriber gets: one, a set (an agent's AGENT_ROOMS), or every event (undefined). */
export type RoomFilter = string | ReadonlySet<string> | undefined;

const keeps = (filter: RoomFilter, room: string | null) =>
  filter === undefined ||
  (typeof filter === 'string' ? room === filter : room !== null && filter.has(room));

/** Events a catch-up reads (and a live subscriber may be behind) at a time. */
const PAGE = 500;

/** Bytes written to a response but not yet taken by the client (Node's and the socket's). */
export function unsentBytes(res: ServerResponse): number {
  return res.writableLength + (res.socket?.writableLength ?? 0);
}

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

/** Waits until the response takes more bytes (or closes). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export class Subscriber {
  private pumping = false;
  private again = false;
  /** False until the subscriber has caught up with the head once: until then, backpressure. */
  private live = false;
  private checkedResume = false;
  closed = false;
  sentEvents = 0;
  private heartbeat: ReturnType<typeof setInterval>;
  private readonly unregister: (() => void) | undefined;

  constructor(
    private readonly hub: StreamHub,
    private readonly res: ServerResponse,
    public cursor: number,
    readonly room: RoomFilter,
    heartbeatMs: number,
    owner?: StreamOwner,
  ) {
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.close());
    this.unregister = owner && hub.options.streams?.add(owner, () => this.end());
  }

  /** Bytes written but not yet taken by the client. */
  get buffered(): number {
    return unsentBytes(this.res);
  }

  private write(text: string): boolean {
    if (this.closed) return false;
    if (this.buffered > this.hub.options.maxBufferedBytes) {
      this.hub.log.warn(
        {
          room: typeof this.room === 'object' ? [...this.room] : this.room,
          cursor: this.cursor,
          buffered: this.buffered,
        },
        'SSE subscriber too slow: disconnected (it resumes from its last id)',
      );
      this.hub.slowDisconnects++;
      this.res.destroy();
      this.close();
      return false;
    }
    return this.res.write(text) || this.live;
  }

  /**
   * A resume id above the newest stored event: the client's history is not ours (another
   * store, a reset database). Say so with a `reset` carrying the newest id, and go on from it.
   */
  private async checkResume(): Promise<void> {
    this.checkedResume = true;
    if (this.cursor <= this.hub.head) return;
    const head = await this.hub.storeHead();
    if (this.cursor <= head) return;
    const requested = this.cursor;
    this.cursor = head;
    this.write(
      `id: ${head}\nevent: reset\ndata: ${JSON.stringify({ lastEventId: head, requested })}\n\n`,
    );
  }

  /** Sends everything after the cursor; re-runs if woken while sending. */
  async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      if (!this.checkedResume) await this.checkResume();
      do {
        this.again = false;
        while (!this.closed && this.cursor < this.hub.head) {
          // More than a page behind (a burst in one wake, or the hub read ahead while this
          // subscriber caught up): that is a catch-up again, with backpressure. Only a subscriber
          // within a page of the head is live (and cut off if it stops reading).
          if (this.hub.head - this.cursor > PAGE) this.live = false;
          const rows = await this.hub.rowsAfter(this.cursor, this.room);
          if (rows.length === 0) {
            // Nothing (for this room) up to what the hub has read: skip ahead.
            this.cursor = Math.max(this.cursor, this.hub.head);
            break;
          }
          // One write for the page: a live wake usually carries a batch of events, and a
          // write per event cost a syscall per event per subscriber.
          let text = '';
          for (const row of rows) text += this.hub.format(row);
          const more = this.write(text);
          if (this.closed) return;
          this.cursor = rows[rows.length - 1]!.seq;
          this.sentEvents += rows.length;
          // Catching up: the socket is full, so wait before reading or writing more.
          if (!more) await drained(this.res);
        }
        if (!this.closed && this.cursor >= this.hub.head) this.live = true;
      } while (this.again && !this.closed);
    } catch (error) {
      this.hub.log.error({ err: error }, 'SSE subscriber failed; closing it');
      this.res.destroy();
      this.close();
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Ends the response, then closes: after `text` when the server is going away (a retry hint),
   * bare when its session ended (the client's reconnect is then refused, 401).
   */
  end(text?: string): void {
    if (this.closed) return;
    if (text === undefined) this.res.end();
    else this.res.end(text);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unregister?.();
    this.hub.remove(this);
  }
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
