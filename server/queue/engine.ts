/**
 * The queue engine: records calls Daily holds for us, offers them to available agents of their
 * queue, lets exactly one agent win each call, routes it into that agent's room, and moves the
 * agent through Busy, Wrap-up and back to Available.
 *
 * One instance decides (state changes run one at a time through `serial`); the store is written
 * before anyone is told, and the claim itself is one conditional UPDATE (`waiting` → `routing`),
 * so even two instances could not both win a call. Offers live in memory: after a restart the
 * waiting calls are offered again as agents' consoles reconnect.
 */
import type { Queue, QueueCall } from './queue-store';
import { QueueError, QueueState, type QueueSink } from './queue-state';
import { callerDigits } from './views';

export {
  DEFAULT_TIMINGS,
  QueueError,
  type QueueSink,
  type QueueTimings,
  type RouteOutcome,
} from './queue-state';

export class QueueEngine extends QueueState {
  /** Loads queues, agents and open calls (after a restart: nothing waiting is forgotten). */
  async start(): Promise<void> {
    await this.reloadQueues();
    for (const a of await this.opts.store.agents()) this.agents.set(a.username, a);
    for (const c of await this.opts.store.openCalls()) this.calls.set(c.callId, c);
    // Calls won but not yet routed when the server stopped: routed again (never a second win).
    for (const c of this.calls.values()) {
      if (c.state !== 'routing' || !c.room) continue;
      this.routeWon(c, c.room, true).catch((error: unknown) =>
        this.opts.log.warn({ err: error, callId: c.callId }, 'queue: routing again failed'),
      );
    }
  }

  reloadQueues(): Promise<void> {
    return this.serial(async () => {
      this.queues = await this.opts.store.listQueues();
      this.dispatch();
      this.broadcast();
    });
  }

  queueForNumber(number: string): Queue | undefined {
    return this.queues.find((q) => q.numbers.includes(number));
  }

  /**
   * Daily holds a call for us: recorded once per call id (a retry or replay gets the same
   * answer), then offered. A number no queue has is recorded as `unrouted` and reported.
   */
  arrive(input: { callId: string; callDomain: string; from: string; to: string }) {
    return this.serial(async () => {
      const queue = this.queueForNumber(input.to);
      const { inserted, call } = await this.opts.store.insertCall({
        ...input,
        queueId: queue?.id ?? null,
        queue: queue?.name ?? '',
        arrivedAt: this.now(),
        state: queue ? 'waiting' : 'unrouted',
        handledBy: null,
        room: null,
        sessionId: null,
        acceptedAt: null,
        endedAt: null,
        late: false,
        disposition: null,
        note: null,
        filedAt: null,
      });
      if (inserted && call.state === 'waiting') {
        this.calls.set(call.callId, call);
        this.dispatch();
        this.broadcast();
      }
      if (inserted && !queue) {
        this.opts.log.warn(
          { callId: call.callId, to: call.to },
          'queue: a call for a number no queue has',
        );
      }
      return { call, duplicate: !inserted };
    });
  }

  /** An agent's console opened its stream: they are online until the last one closes. */
  connect(username: string, sink: QueueSink): () => void {
    void this.serial(async () => {
      let set = this.sinks.get(username);
      if (!set) this.sinks.set(username, (set = new Set()));
      set.add(sink);
      if (!this.agents.has(username)) {
        await this.saveAgent({
          username,
          status: 'offline',
          since: this.now(),
          idleSince: this.now(),
          wrapUntil: null,
        });
      }
      this.watchers.add(sink);
      sink.send('me', this.me(username));
      sink.send('board', this.board());
      this.dispatch();
      this.broadcast();
    });
    return () =>
      void this.serial(async () => {
        this.watchers.delete(sink);
        const set = this.sinks.get(username);
        set?.delete(sink);
        if (set && set.size === 0) {
          this.sinks.delete(username);
          // Their browser is gone: whatever was ringing there moves on at once.
          this.offers.withdraw(username);
          const agent = this.agents.get(username);
          if (agent?.status === 'available') await this.move(username, 'offline');
          this.dispatch();
          this.broadcast();
        }
      });
  }

  /** A supervisor's board without being an agent (no presence). */
  watch(sink: QueueSink): () => void {
    this.watchers.add(sink);
    sink.send('board', this.board());
    return () => this.watchers.delete(sink);
  }

  /** The agent sets Available, Break or Offline (Available also ends their wrap-up early). */
  setStatus(username: string, status: 'available' | 'break' | 'offline') {
    return this.serial(async () => {
      const agent = this.agents.get(username);
      if (agent?.status === 'busy') throw new QueueError(409, 'You are on a call: finish it first');
      if (agent?.status === 'wrap-up') {
        const call = this.callOf(username);
        if (call) await this.file(call, null, null);
      }
      if (status !== 'available') this.offers.withdraw(username);
      await this.move(username, status);
      this.dispatch();
      this.broadcast();
      return this.me(username);
    });
  }

  decline(username: string, callId: string) {
    return this.serial(async () => {
      const offer = this.offers.of(username);
      if (offer?.callId !== callId)
        throw new QueueError(409, 'This call is no longer offered to you');
      this.offers.drop(offer, true);
      this.dispatch();
      this.broadcast();
    });
  }

  /**
   * The agent accepts: the store decides who wins (one conditional update), the others'
   * offers are withdrawn, and the held call is routed into `room`. If the caller hung up
   * meanwhile the call is `abandoned`; if Daily fails otherwise the call waits again.
   */
  async accept(username: string, callId: string, room: string): Promise<QueueCall> {
    const won = await this.serial(async () => {
      if (!this.offers.has(callId, username)) {
        const call = this.calls.get(callId) ?? (await this.opts.store.call(callId));
        if (call?.handledBy && call.handledBy !== username) {
          throw new QueueError(409, `${call.handledBy} took this call`);
        }
        throw new QueueError(409, 'This call is no longer offered to you');
      }
      const claimed = await this.opts.store.changeCall(callId, ['waiting'], {
        state: 'routing',
        handledBy: username,
        room,
        acceptedAt: this.now(),
      });
      if (!claimed) throw new QueueError(409, 'Another agent took this call');
      this.offers.dropCall(callId);
      this.offers.withdraw(username);
      this.calls.set(callId, claimed);
      await this.move(username, 'busy');
      this.broadcast();
      return claimed;
    });
    return this.routeWon(won, room, false);
  }

  /**
   * Routes a call `won.handledBy` won into `room`: connected, or back to waiting (Daily failed),
   * or abandoned (the caller hung up). `resumed`: routed again after a restart, when the first
   * attempt's fate is unknown; there "gone" may mean the caller already arrived, so the call is
   * left to their `dialin.connected` (Daily retries webhooks) or to the bound in `tick`.
   */
  protected async routeWon(won: QueueCall, room: string, resumed: boolean): Promise<QueueCall> {
    const username = won.handledBy!;
    const callId = won.callId;
    const outcome = await this.opts.route(won, room);
    return this.serial(async () => {
      if (!outcome.ok && outcome.gone && resumed) return won;
      if (outcome.ok) {
        const routed = await this.opts.store.changeCall(callId, ['routing'], {
          state: 'connected',
        });
        if (routed) this.calls.set(callId, routed);
        this.tell(username);
        this.broadcast();
        return routed ?? won;
      }
      const back = outcome.gone
        ? await this.opts.store.changeCall(callId, ['routing'], {
            state: 'abandoned',
            endedAt: this.now(),
          })
        : await this.opts.store.changeCall(callId, ['routing'], {
            state: 'waiting',
            handledBy: null,
            room: null,
            acceptedAt: null,
          });
      if (back?.state === 'waiting') this.calls.set(callId, back);
      else this.calls.delete(callId);
      await this.move(username, 'available');
      this.dispatch();
      this.broadcast();
      throw new QueueError(
        outcome.gone ? 410 : 502,
        outcome.gone ? 'The caller hung up before the call reached you' : outcome.error,
      );
    });
  }

  /** Daily's webhooks for a leg: the routed caller arrived in the room, or left it. */
  legEvent(type: string, room: string, sessionId: string, from: string | undefined) {
    return this.serial(async () => {
      if (type === 'dialin.connected' && from) {
        const digits = callerDigits(from);
        const call = [...this.calls.values()].find(
          (c) =>
            c.room === room &&
            !c.sessionId &&
            (c.state === 'routing' || c.state === 'connected') &&
            callerDigits(c.from) === digits,
        );
        if (!call) return;
        const changed = await this.opts.store.changeCall(call.callId, ['routing', 'connected'], {
          state: 'connected',
          sessionId,
        });
        if (changed) this.calls.set(call.callId, changed);
        if (call.handledBy) this.tell(call.handledBy);
      } else if (type === 'dialin.stopped' || type === 'dialin.error') {
        const call = [...this.calls.values()].find((c) => c.sessionId === sessionId);
        if (!call) return;
        const ended = await this.opts.store.changeCall(call.callId, ['routing', 'connected'], {
          state: 'ended',
          endedAt: this.now(),
        });
        if (!ended) return;
        this.calls.set(call.callId, ended);
        const queue = this.queues.find((q) => q.id === ended.queueId);
        if (ended.handledBy) {
          await this.move(ended.handledBy, 'wrap-up', this.now() + (queue?.wrapUpS ?? 60) * 1000);
        }
      } else return;
      this.broadcast();
    });
  }

  /** The agent files the ended call's disposition and note; they are Available again. */
  wrapUp(username: string, callId: string, disposition: string, note: string) {
    return this.serial(async () => {
      const call = this.calls.get(callId);
      if (!call || call.handledBy !== username)
        throw new QueueError(404, 'No such call of yours to wrap up');
      if (call.state !== 'ended') throw new QueueError(409, 'The call has not ended yet');
      const filed = await this.file(call, disposition, note);
      await this.move(username, 'available');
      this.dispatch();
      this.broadcast();
      return filed;
    });
  }
}
