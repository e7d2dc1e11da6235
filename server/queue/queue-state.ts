/**
 * The queue engine's state and what every operation shares: the queues, agents, calls and open
 * consoles in memory (the store written first), changes run one at a time (`serial`), an
 * agent's view and the board, and telling consoles. `engine.ts` holds the operations.
 */
import type { Logger } from '../log';
import {
  type AgentRow,
  type AgentStatus,
  type Queue,
  type QueueCall,
  type QueueStore,
} from './queue-store';
import { OfferBook, type Offer } from './offer-book';
import {
  agentEntry,
  boardCall,
  myCall,
  type BoardView,
  type MeView,
  type OfferView,
} from './views';

export interface QueueSink {
  send(event: 'me' | 'board', data: unknown): void;
}

export interface QueueTimings {
  /** How long an offer rings before it moves on (unanswered). */
  offerTimeoutMs: number;
  /** A call waiting longer is reported (`late`, a warning in the log, flagged on the board). */
  waitAlertMs: number;
  /** A call waiting longer is given up (`unanswered`): Daily plays its timeout message. */
  maxWaitMs: number;
}

export const DEFAULT_TIMINGS: QueueTimings = {
  offerTimeoutMs: 20_000,
  waitAlertMs: 60_000,
  maxWaitMs: 300_000,
};

/** What routing a won call into a room came to (`gone`: the caller hung up meanwhile). */
export type RouteOutcome = { ok: true } | { ok: false; gone: boolean; error: string };

export class QueueError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 410 | 502,
    message: string,
  ) {
    super(message);
  }
}

export abstract class QueueState {
  protected queues: Queue[] = [];
  protected readonly agents = new Map<string, AgentRow>();
  protected readonly sinks = new Map<string, Set<QueueSink>>();
  protected readonly watchers = new Set<QueueSink>();
  protected readonly calls = new Map<string, QueueCall>();
  protected readonly offers = new OfferBook((username) => this.tell(username));
  protected chain: Promise<unknown> = Promise.resolve();
  protected boardPending = false;

  constructor(
    protected readonly opts: {
      store: QueueStore;
      route: (call: QueueCall, room: string) => Promise<RouteOutcome>;
      log: Logger;
      timings?: Partial<QueueTimings>;
      now?: () => number;
    },
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...opts.timings };
    this.now = opts.now ?? Date.now;
  }

  readonly timings: QueueTimings;
  protected readonly now: () => number;

  /** Runs state changes one at a time, in order. */
  protected serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  me(username: string): MeView {
    const agent = this.agents.get(username);
    const offer = this.offers.of(username);
    const offered = offer ? this.calls.get(offer.callId) : undefined;
    const call = this.callOf(username);
    return {
      username,
      status: agent?.status ?? 'offline',
      since: agent?.since ?? 0,
      wrapUntil: agent?.wrapUntil ?? null,
      queues: this.queues.filter((q) => q.members.includes(username)).map((q) => q.name),
      offer: offer && offered ? this.offerView(offer, offered) : null,
      call: call ? myCall(call) : null,
    };
  }

  board(): BoardView {
    return {
      agents: [...this.agents.values()]
        .filter(
          (a) =>
            this.queues.some((q) => q.members.includes(a.username)) || this.sinks.has(a.username),
        )
        .map((a) => agentEntry(a, this.sinks.has(a.username)))
        .sort((a, b) => a.username.localeCompare(b.username)),
      calls: [...this.calls.values()].map(boardCall),
    };
  }

  /** How many calls wait and offers ring (the bench's and the tests' probe). */
  counts() {
    const waiting = [...this.calls.values()].filter((c) => c.state === 'waiting').length;
    return { waiting, offers: this.offers.size };
  }

  protected offerView(offer: Offer, call: QueueCall): OfferView {
    return {
      callId: call.callId,
      from: call.from,
      queue: call.queue,
      arrivedAt: call.arrivedAt,
      expiresAt: offer.expiresAt,
    };
  }

  protected callOf(username: string): QueueCall | undefined {
    for (const c of this.calls.values()) {
      if (c.handledBy === username && ['routing', 'connected', 'ended'].includes(c.state)) return c;
    }
    return undefined;
  }

  protected async file(call: QueueCall, disposition: string | null, note: string | null) {
    const filed = await this.opts.store.changeCall(call.callId, ['ended', 'connected', 'routing'], {
      state: 'filed',
      disposition,
      note,
      endedAt: call.endedAt ?? this.now(),
      filedAt: this.now(),
    });
    this.calls.delete(call.callId);
    return filed;
  }

  protected async move(username: string, status: AgentStatus, wrapUntil: number | null = null) {
    const prev = this.agents.get(username);
    const now = this.now();
    const becameIdle = status === 'available' && prev?.status !== 'available';
    await this.saveAgent({
      username,
      status,
      since: prev?.status === status ? prev.since : now,
      idleSince: becameIdle ? now : (prev?.idleSince ?? now),
      wrapUntil,
    });
  }

  protected async saveAgent(row: AgentRow) {
    await this.opts.store.saveAgent(row);
    this.agents.set(row.username, row);
    this.tell(row.username);
  }

  /** Offers every waiting call (oldest first) to whom its queue's strategy says. */
  protected dispatch() {
    const free = (username: string) =>
      this.agents.get(username)?.status === 'available' && this.sinks.has(username);
    const idleSince = (username: string) => this.agents.get(username)?.idleSince ?? 0;
    // Nobody free (the common case under load: every agent busy or ringing): nothing to decide.
    // Once every free agent rings, the rest of the waiting calls are not looked at either (one
    // decline among 1,000 waiting calls is one decision, not a pass over them all).
    let open = [...this.sinks.keys()].filter((u) => free(u) && !this.offers.of(u)).length;
    if (open === 0) return;
    const expiresAt = this.now() + this.timings.offerTimeoutMs;
    for (const call of this.calls.values()) {
      if (call.state !== 'waiting') continue;
      const queue = this.queues.find((q) => q.id === call.queueId);
      if (queue) open -= this.offers.offer(call, queue, free, idleSince, expiresAt);
      if (open <= 0) return;
    }
  }

  protected tell(username: string) {
    const sinks = this.sinks.get(username);
    if (!sinks) return;
    const me = this.me(username);
    for (const s of sinks) s.send('me', me);
  }

  /** The board to every console, at most once per turn of the event loop. */
  protected broadcast() {
    if (this.boardPending) return;
    this.boardPending = true;
    setImmediate(() => {
      this.boardPending = false;
      const board = this.board();
      for (const s of this.watchers) s.send('board', board);
    });
  }

  /** Offers ringing out, wrap-ups running out, calls waiting too long. Run every ~second. */
  tick() {
    return this.serial(async () => {
      const now = this.now();
      for (const offer of this.offers.all()) {
        if (offer.expiresAt <= now) this.offers.drop(offer, true);
      }
      for (const agent of [...this.agents.values()]) {
        if (agent.status === 'wrap-up' && agent.wrapUntil !== null && agent.wrapUntil <= now) {
          const call = this.callOf(agent.username);
          if (call) await this.file(call, null, null);
          await this.move(agent.username, 'available');
        }
      }
      for (const call of [...this.calls.values()]) {
        if (call.state === 'routing') await this.giveUpRouting(call, now);
        if (call.state !== 'waiting') continue;
        const waited = now - call.arrivedAt;
        if (waited >= this.timings.maxWaitMs) {
          this.offers.dropCall(call.callId);
          await this.opts.store.changeCall(call.callId, ['waiting'], {
            state: 'unanswered',
            endedAt: now,
          });
          this.calls.delete(call.callId);
          this.opts.log.warn(
            { callId: call.callId, queue: call.queue },
            'queue: a call was not answered in time',
          );
        } else if (waited >= this.timings.waitAlertMs && !call.late) {
          const late = await this.opts.store.changeCall(call.callId, ['waiting'], { late: true });
          if (late) this.calls.set(call.callId, late);
          this.opts.log.warn(
            { callId: call.callId, queue: call.queue, waitedMs: waited },
            'queue: a call is waiting too long',
          );
        }
      }
      this.dispatch();
      this.broadcast();
    });
  }

  /**
   * A call won but neither connected nor refused for `maxWaitMs` (the server stopped while
   * routing it, and the caller never arrived): given up as `abandoned`, its agent freed.
   */
  private async giveUpRouting(call: QueueCall, now: number) {
    if ((call.acceptedAt ?? call.arrivedAt) + this.timings.maxWaitMs > now) return;
    const gone = await this.opts.store.changeCall(call.callId, ['routing'], {
      state: 'abandoned',
      endedAt: now,
    });
    if (!gone) return;
    this.calls.delete(call.callId);
    if (call.handledBy && this.agents.get(call.handledBy)?.status === 'busy') {
      await this.move(call.handledBy, 'available');
    }
    this.opts.log.warn(
      { callId: call.callId, agent: call.handledBy },
      'queue: a call being routed never reached the agent; given up',
    );
  }
}
