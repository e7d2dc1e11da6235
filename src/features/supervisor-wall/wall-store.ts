import {
  CONSOLE_ACTION_TYPE,
  readConsoleAction,
  type ConsoleAction,
} from '../../domain/console-action';
import { createStore } from '../../domain/store';
import { parseWebhookData } from '../../domain/webhook-event';
import type { WallLeg, WallTransfer } from '../../domain/wall';
import { WallIndex } from '../../domain/wall-index';
import type { WallFilter } from '../../domain/wall-view';
import { api } from '../../shared/account-data';

/**
 * The wall's data: every leg the server's projections know across all rooms, their transfers
 * and who asked for what. Loaded once from `/api/wall/snapshot`, then kept current from the
 * server's event stream (`leg` and `transfer` messages carry the projection rows after each
 * event; a `console.action` webhook says who acted), resumed from the snapshot's sequence
 * number so nothing falls between the two. Readers are notified at most once a frame, so a
 * burst of 500 events a second is one render per frame, not 500; and the list is kept by room
 * (`WallIndex`), so a frame re-derives only the rooms its events touched.
 */
interface Snapshot {
  seq: number;
  now: number;
  legs: WallLeg[];
  transfers: WallTransfer[];
  /** Session id → the queue agent who accepted the call ("Handled by"). */
  handledBy?: Record<string, string>;
}

export type WallStatus = 'loading' | 'live' | 'reconnecting' | 'failed';

const legs = new Map<string, WallLeg>();
/** Each leg's transfers, by destination (a leg may be transferred more than once). */
const transfers = new Map<string, Map<string, WallTransfer>>();
const actors = new Map<string, ConsoleAction>();
/** Kept once seen: the queue forgets a call when its agent files it, the wall's row stays. */
const handlers = new Map<string, string>();
const firstSeen = new Map<string, number>();
/** Churn since the last summary (the live region says it in one sentence). */
const churn = { started: 0, ended: 0 };
const version = createStore(0);
/** Bumped when a transfer or an actor changed (the transfers table ignores leg churn). */
let transferVersion = 0;
/** The stream sequence number of the newest event applied (what the next paint shows). */
let appliedSeq = 0;
export const wallStatus = createStore<{ status: WallStatus; error?: string }>({
  status: 'loading',
});
/**
 * Each frame that shows new events leaves a `wall-painted` mark once it is painted, with the
 * newest stream sequence number it shows and how many legs the wall holds: the bench matches
 * them to when each event reached the browser's network stack (so time the page spent busy
 * before it could even read the event counts too). Only the latest few stay in the buffer.
 */
const MARK = 'wall-painted';
let marks = 0;
let scheduled = false;
const painted = new MessageChannel();
painted.port1.onmessage = (m: MessageEvent<{ seq: number; legs: number }>) => {
  if (++marks % 1_000 === 0) performance.clearMarks(MARK);
  performance.mark(MARK, { detail: m.data });
};

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const flush = () => {
    scheduled = false;
    // React renders this update before the frame is painted (a store update is synchronous);
    // a message posted now is delivered after that paint.
    version.set((v) => v + 1);
    painted.port2.postMessage({ seq: appliedSeq, legs: legs.size });
  };
  if (document.visibilityState === 'visible') requestAnimationFrame(flush);
  else setTimeout(flush, 16);
}

/**
 * Ended legs stay listed (state "Ended", and in the meter) until this many more have ended:
 * then the oldest go, so a wall left open all day holds the live legs and a bounded tail.
 */
export const KEEP_ENDED = 2_000;
const ended = new Set<string>();
const index = new WallIndex({
  leg: (id) => legs.get(id),
  latestTransfer: (id) => wallStore.latestTransfer(id),
  firstSeen: (id) => wallStore.firstSeen(id),
});

function forget(sessionId: string): void {
  legs.delete(sessionId);
  transfers.delete(sessionId);
  actors.delete(sessionId);
  handlers.delete(sessionId);
  firstSeen.delete(sessionId);
  ended.delete(sessionId);
  index.touch(sessionId);
}

function putLeg(leg: WallLeg, live: boolean): void {
  const before = legs.get(leg.session_id);
  if (!before) firstSeen.set(leg.session_id, Date.now());
  if (live && !before && leg.ended_at === null) churn.started++;
  if (live && before && before.ended_at === null && leg.ended_at !== null) churn.ended++;
  legs.set(leg.session_id, leg);
  index.touch(leg.session_id);
  if (leg.ended_at === null) return;
  ended.add(leg.session_id);
  if (ended.size > KEEP_ENDED) forget(ended.values().next().value as string);
}

function putTransfer(t: WallTransfer): void {
  let list = transfers.get(t.session_id);
  if (!list) transfers.set(t.session_id, (list = new Map()));
  list.delete(t.to_endpoint);
  list.set(t.to_endpoint, t);
  transferVersion++;
  index.touch(t.session_id);
}

export const wallStore = {
  subscribe: version.subscribe,
  getVersion: version.get,
  /** Changes when a transfer or who acted changed. */
  transferVersion: () => transferVersion,
  /** The list for a filter, re-derived only where events changed it. */
  view: (filter: WallFilter) => index.view(filter),
  size: () => legs.size,
  legs: (): Iterable<WallLeg> => legs.values(),
  leg: (sessionId: string) => legs.get(sessionId),
  transfersOf: (sessionId: string): WallTransfer[] => [
    ...(transfers.get(sessionId)?.values() ?? []),
  ],
  /** The leg's newest transfer. */
  latestTransfer(sessionId: string): WallTransfer | undefined {
    const list = transfers.get(sessionId);
    if (!list) return undefined;
    let last: WallTransfer | undefined;
    for (const t of list.values()) last = t;
    return last;
  },
  allTransfers(): WallTransfer[] {
    const out: WallTransfer[] = [];
    for (const list of transfers.values()) out.push(...list.values());
    return out;
  },
  actor: (sessionId: string) => actors.get(sessionId),
  /** The queue agent who accepted the leg's call, if a queue offered it. */
  handledBy: (sessionId: string) => handlers.get(sessionId),
  /** Who handles which leg, from the snapshot or a pulse; redrawn only when something changed. */
  noteHandledBy(record: Record<string, string> | undefined): void {
    let changed = false;
    for (const [sessionId, name] of Object.entries(record ?? {})) {
      if (handlers.get(sessionId) === name) continue;
      handlers.set(sessionId, name);
      index.touch(sessionId);
      changed = true;
    }
    if (changed) schedule();
  },
  firstSeen: (sessionId: string) => firstSeen.get(sessionId) ?? Date.now(),
  /** Calls started and ended since the last call (and resets the counts). */
  takeChurn(): { started: number; ended: number } {
    const out = { ...churn };
    churn.started = 0;
    churn.ended = 0;
    return out;
  },
};

function load(snapshot: Snapshot): void {
  for (const leg of snapshot.legs) putLeg(leg, false);
  for (const t of snapshot.transfers) putTransfer(t);
  wallStore.noteHandledBy(snapshot.handledBy);
  schedule();
}

/**
 * Loads the snapshot and follows the stream; returns the function that stops. EventSource
 * resumes by itself (with the last id); when the connection fails outright the wall loads a
 * fresh snapshot and resumes from it.
 */
export function connectWall(): () => void {
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let backoff = 1_000;
  const start = async () => {
    try {
      const snapshot = await api<Snapshot>('/api/wall/snapshot');
      if (stopped) return;
      appliedSeq = Math.max(appliedSeq, snapshot.seq);
      load(snapshot);
      follow(snapshot.seq);
    } catch (error) {
      if (stopped) return;
      wallStatus.set({ status: 'failed', error: (error as Error).message });
      retry = setTimeout(() => void start(), backoff);
      backoff = Math.min(backoff * 2, 15_000);
    }
  };
  const follow = (seq: number) => {
    const es = new EventSource(`/api/stream?lastEventId=${seq}`);
    source = es;
    es.onopen = () => {
      backoff = 1_000;
      wallStatus.set({ status: 'live' });
    };
    es.addEventListener('leg', (m) => {
      putLeg(JSON.parse((m as MessageEvent<string>).data) as WallLeg, true);
      schedule();
    });
    es.addEventListener('transfer', (m) => {
      putTransfer(JSON.parse((m as MessageEvent<string>).data) as WallTransfer);
      schedule();
    });
    es.addEventListener('webhook', (m) => {
      const { data, lastEventId } = m as MessageEvent<string>;
      appliedSeq = Math.max(appliedSeq, Number(lastEventId) || 0);
      // Nearly every event is Daily's, already applied through its `leg`/`transfer` rows:
      // only a console action is read (not 500 envelopes parsed a second for nothing).
      if (!data.includes(CONSOLE_ACTION_TYPE)) return;
      const envelope = parseWebhookData(data);
      const acted = envelope && readConsoleAction(envelope);
      if (!acted) return;
      actors.set(acted.sessionId, acted);
      transferVersion++;
      index.touch(acted.sessionId);
      schedule();
    });
    es.onerror = () => {
      wallStatus.set({ status: 'reconnecting' });
      if (es.readyState !== EventSource.CLOSED) return;
      es.close();
      retry = setTimeout(() => void start(), backoff);
      backoff = Math.min(backoff * 2, 15_000);
    };
  };
  void start();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
