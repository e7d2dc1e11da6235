/**
 * The console's link to its server while joined, and how it comes back after a loss: the
 * backoff between reconnection attempts and the words the agent reads. Pure: the clock and the
 * randomness are arguments, so the schedule is unit-tested without timers.
 *
 * Only what needs the server is affected by a loss. In sandbox mode on a server, the simulated
 * Daily lives on that server: its calls cannot be acted on until it is back. In real mode the
 * Daily call does not go through the server at all; only the server-fed parts (the webhook
 * feed) reconnect on their own. The in-tab sandbox has nothing to lose.
 */

/** The waits between attempts: `firstMs`, then × `factor` each time, never above `maxMs`. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
  factor: number;
  /** ± this fraction of each wait at random, so many consoles do not return in step. */
  jitter: number;
}

/** Quick at first (a blip is over in a second), then every 30 s at most. */
export const DEFAULT_BACKOFF: Readonly<Backoff> = Object.freeze({
  firstMs: 500,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.2,
});

/** The wait before attempt `attempt` (1 for the first after the loss), in ms. */
export function backoffDelay(
  attempt: number,
  backoff: Backoff = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(backoff.maxMs, backoff.firstMs * backoff.factor ** (n - 1));
  const spread = base * backoff.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base + spread));
}

/**
 * `?reconnectMs=` (sandbox, for tests and demos): every wait is that long, without jitter, so
 * a test of "it comes back by itself" does not wait out the real schedule. Anything else: the
 * default.
 */
export function backoffFromSearch(search: string): Backoff | undefined {
  const value = Number(new URLSearchParams(search).get('reconnectMs'));
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const ms = Math.min(value, DEFAULT_BACKOFF.maxMs);
  return { firstMs: ms, maxMs: ms, factor: 1, jitter: 0 };
}

/** Whether the server (and what it hosts) is reachable. */
export type ServerLink =
  | { status: 'live' }
  | {
      status: 'reconnecting';
      /** ms epoch of the loss: the calls shown are as they were then. */
      since: number;
      /** Attempts made so far. */
      attempts: number;
      /** ms epoch of the next attempt; undefined while one is under way. */
      nextAttemptAt?: number;
      /** Why the last attempt failed, in the transport's words. */
      error?: string;
    };

export const LINK_LIVE: ServerLink = Object.freeze({ status: 'live' });

/** The link broke: nothing has been tried yet. */
export function linkLost(now: number): ServerLink {
  return { status: 'reconnecting', since: now, attempts: 0 };
}

/** The next attempt is due at `at`. */
export function attemptScheduled(link: ServerLink, at: number): ServerLink {
  if (link.status === 'live') return link;
  return { ...link, nextAttemptAt: at };
}

/** An attempt starts now. */
export function attemptStarted(link: ServerLink): ServerLink {
  if (link.status === 'live') return link;
  const next = { ...link, attempts: link.attempts + 1 };
  delete next.nextAttemptAt;
  return next;
}

/** An attempt failed (the next is scheduled separately). */
export function attemptFailed(link: ServerLink, error: string): ServerLink {
  if (link.status === 'live') return link;
  return { ...link, error };
}

/** What the agent reads while the server is unreachable. */
export interface LinkWords {
  title: string;
  detail: string;
  /** When the next attempt is ("Reconnecting in 4 s…"), changing as time passes. */
  next: string;
}

function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}

/** The console's words for a lost link to the server hosting the simulated Daily. */
export function linkWords(link: ServerLink, now: number): LinkWords | undefined {
  if (link.status === 'live') return undefined;
  const tried = link.attempts === 1 ? '1 attempt so far' : `${link.attempts} attempts so far`;
  const next =
    link.nextAttemptAt === undefined
      ? 'Reconnecting now…'
      : `Next attempt in ${Math.max(1, Math.ceil((link.nextAttemptAt - now) / 1000))} s (${tried}).`;
  return {
    title: "Can't reach the console's server — nor the simulated Daily it hosts",
    detail: `The calls below are as last seen at ${clock(link.since)}. Actions need the server and are paused; an action that was under way shows "outcome unknown". The console reconnects by itself.`,
    next,
  };
}

/** Why an action button is disabled while the link is down. */
export const LINK_DOWN_REASON =
  "Can't reach the console's server (it hosts the simulated Daily): actions are paused until it reconnects.";

/**
 * Why an open dialog's submit is disabled while the link is down: the dialog stays open with
 * what was typed, and submits again once the server is back.
 */
export const DIALOG_LINK_DOWN_REASON =
  "The console's server is unreachable — it hosts the simulated Daily, so nothing can be sent until it reconnects. What you typed stays here.";
