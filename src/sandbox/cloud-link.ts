import { LINK_LIVE, type ServerLink } from '../domain/server-link';

/**
 * The cloud transport's link to the server (`server-link.ts` gives its states) and the wait
 * between reconnection attempts, which the agent's "Try now" (or leaving) cuts short.
 */
export class CloudLink {
  private state: ServerLink = LINK_LIVE;
  private wake: (() => void) | null = null;

  /** `report` hears every change but {@link reset}'s. */
  constructor(private readonly report: (state: ServerLink) => void) {}

  get(): ServerLink {
    return this.state;
  }

  /** A new state, from the current one (`(l) => attemptStarted(l)`) or as is. */
  set(next: ServerLink | ((current: ServerLink) => ServerLink)): void {
    const value = typeof next === 'function' ? next(this.state) : next;
    if (value === this.state) return;
    this.state = value;
    this.report(value);
  }

  /** Nothing to reconnect to any more (the call left): live again, silently, and no wait. */
  reset(): void {
    this.state = LINK_LIVE;
    this.wake?.();
  }

  /** Ends the current wait now. */
  tryNow(): void {
    this.wake?.();
  }

  /** Waits `ms`, or less if {@link tryNow} or {@link reset} is called meanwhile. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

/** Heartbeats missed before a silent stream counts as lost (the server's timers may lag). */
const SILENT_BEATS = 3;

export const SILENT_MESSAGE = `the sandbox cloud went silent (no heartbeat for ${SILENT_BEATS} beats)`; // not verbatim daily-js

/**
 * Calls `onSilent` once nothing was heard for a few of the server's heartbeats (`beatMs`, from
 * its answer's header; none: no watch). `heard()` on every message, `stop()` when the stream
 * ends.
 */
export function watchSilence(
  beatMs: number,
  onSilent: () => void,
): { heard: () => void; stop: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = () => {
    if (!(beatMs > 0)) return;
    clearTimeout(timer);
    timer = setTimeout(onSilent, beatMs * SILENT_BEATS);
  };
  heard();
  return { heard, stop: () => clearTimeout(timer) };
}
