/**
 * One Server-Sent-Events subscriber of the stream hub (`stream-hub.ts`): its cursor, its room
 * filter, and the pump that writes what the hub holds after the cursor — with backpressure
 * while catching up, live (cut off once too far behind) after.
 */
import type { ServerResponse } from 'node:http';
import type { StreamOwner } from './auth/session-streams';
import type { StreamHub } from './stream-hub';

/** The rooms a subscriber gets: one, a set (an agent's AGENT_ROOMS), or every event (undefined). */
export type RoomFilter = string | ReadonlySet<string> | undefined;

export const keeps = (filter: RoomFilter, room: string | null) =>
  filter === undefined ||
  (typeof filter === 'string' ? room === filter : room !== null && filter.has(room));

/** Events a catch-up reads (and a live subscriber may be behind) at a time. */
export const PAGE = 500;

/** Bytes written to a response but not yet taken by the client (Node's and the socket's). */
export function unsentBytes(res: ServerResponse): number {
  return res.writableLength + (res.socket?.writableLength ?? 0);
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
