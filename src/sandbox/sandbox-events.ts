import type { DailyEvent, DailyEventObject } from '@daily-co/daily-js';

/**
 * What a caller supplies to emit an event: the daily-js payload of that event without the two
 * fields the emitter adds (`action`, `callClientId`). Because `T` is a literal at every call
 * site, tsc checks each payload against daily-js's own `DailyEventObject<T>`.
 */
export type SandboxEventInit<T extends DailyEvent> = Omit<
  DailyEventObject<T>,
  'action' | 'callClientId'
>;

/** A logged event as `window.sandbox.events()` returns it. */
export interface SandboxEventRecord {
  action: string;
  [key: string]: unknown;
}

type StoredHandler = (event: unknown) => void;

interface Registration {
  handler: StoredHandler;
  once: boolean;
}

/**
 * The sandbox's event emitter, with daily-js's semantics (it extends Node's EventEmitter):
 * registering the same handler twice calls it twice, `off()` removes the most recent matching
 * registration and ignores handlers that were never registered, `once()` handlers are removed
 * before they run.
 *
 * Unlike daily-js, each listener call is isolated: a listener that throws does not stop the
 * others and is not logged to the console (the error goes to {@link listenerErrors}), because
 * daily-react's dispatcher rethrows and our browser tests fail on console errors.
 */
export class SandboxEmitter {
  private readonly listeners = new Map<string, Registration[]>();
  private readonly log: SandboxEventRecord[] = [];
  private readonly errors: unknown[] = [];
  private readonly taps = new Set<(event: SandboxEventRecord) => void>();

  /**
   * @param logLimit how many events {@link events} keeps (the oldest are dropped beyond it), so
   *   a long-lived room (the server's simulated cloud) does not grow without bound.
   */
  constructor(
    private readonly callClientId: string,
    private readonly logLimit = 50_000,
  ) {}

  /**
   * Sees every event as it is emitted, before the listeners (the simulated cloud fans a room's
   * events out to its consoles this way). Returns the function that stops it.
   */
  tap(listener: (event: SandboxEventRecord) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  on<T extends DailyEvent>(
    event: T,
    handler: (event: DailyEventObject<T>) => void,
    once = false,
  ): void {
    const list = this.listeners.get(event) ?? [];
    list.push({ handler: handler as unknown as StoredHandler, once });
    this.listeners.set(event, list);
  }

  off<T extends DailyEvent>(event: T, handler: (event: DailyEventObject<T>) => void): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]?.handler === (handler as unknown as StoredHandler)) {
        list.splice(i, 1);
        break;
      }
    }
    if (list.length === 0) this.listeners.delete(event);
  }

  private remove(event: string, registration: Registration): void {
    const list = this.listeners.get(event);
    const index = list ? list.indexOf(registration) : -1;
    if (!list || index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.listeners.delete(event);
  }

  /** How many handlers are registered for an event (all events when omitted). */
  listenerCount(event?: DailyEvent): number {
    if (event) return this.listeners.get(event)?.length ?? 0;
    let n = 0;
    for (const list of this.listeners.values()) n += list.length;
    return n;
  }

  /**
   * Delivers an event now. Only ever called from a timer callback (a later macrotask), never
   * synchronously inside an SDK method.
   */
  emit<T extends DailyEvent>(
    action: T,
    init: SandboxEventInit<T>,
    options: { record?: boolean } = {},
  ): void {
    const event = { ...init, action, callClientId: this.callClientId };
    if (options.record !== false && this.logLimit > 0) {
      this.log.push(event);
      if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    }
    for (const tap of this.taps) {
      try {
        tap(event);
      } catch (error) {
        this.errors.push(error);
      }
    }
    const list = this.listeners.get(action);
    if (!list) return;
    for (const registration of [...list]) {
      if (registration.once) this.remove(action, registration);
      try {
        registration.handler(event);
      } catch (error) {
        this.errors.push(error);
      }
    }
  }

  /** Every event emitted so far, in order (the live objects; copy before handing out). */
  events(): readonly SandboxEventRecord[] {
    return this.log;
  }

  /** Errors thrown by listeners, in order. */
  listenerErrors(): readonly unknown[] {
    return this.errors;
  }

  /** Records an error thrown by some other sandbox callback (e.g. a subscribe() listener). */
  recordError(error: unknown): void {
    this.errors.push(error);
  }
}

/**
 * A flaky network: `count` alternating `network-connection` interrupted/connected events, in
 * bursts of 500 per `later` callback, not recorded in `events()`. Resolves when all were sent.
 */
export function emitNetworkChurn(
  emitter: SandboxEmitter,
  count: number,
  later: (fn: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let sent = 0;
    const burst = () => {
      const end = Math.min(count, sent + 500);
      for (; sent < end; sent++) {
        const event = sent % 2 === 0 ? 'interrupted' : 'connected';
        emitter.emit('network-connection', { type: 'signaling', event }, { record: false });
      }
      if (sent < count) later(burst);
      else resolve();
    };
    later(burst);
  });
}
