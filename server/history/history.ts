/**
 * The history service: the indexer kept up with the events table (woken by every commit, and
 * caught up before each query so a list answers with everything stored), retention (a delete
 * every hour of conversations whose last event is older than HISTORY_RETENTION_DAYS), and which
 * agent was watching which room (for the agent filter), recorded as room streams open and close.
 */
import type { Logger } from '../log';
import type { PresenceRecorder } from '../presence/room-presence';
import type { Database } from '../store/database';
import { EVENTS_CHANNEL } from '../store/event-store';
import { INDEX_BATCH, indexBatch } from './indexer';
import { listConversations, type HistoryFilter, type Page, type PageCursor } from './query';

const DAY_MS = 86_400_000;
/**
 * Events indexed between two `ANALYZE`s of the conversations. PGlite has no autovacuum: without
 * fresh statistics its planner reads a filter's index as if the table were empty and scans.
 */
const ANALYZE_EVERY = 5_000;
/**
 * How long a commit's wake-up waits before the indexer runs, so one run indexes what many
 * commits stored. Each run costs a transaction and a dozen queries whatever its size; woken by
 * every commit, at 1,000 webhooks/s that halved the embedded store's throughput (PGlite runs one
 * transaction at a time: the webhooks waited behind the index). A query never waits for it:
 * `list` and `prune` catch up first.
 */
const INDEX_DELAY_MS = 1_000;
/** Linking looks back this far for a transfer; older open handoffs are of no use. */
const HANDOFF_KEEP_MS = 3_600_000;

/**
 * Whether events were stored after the history's cursor: one read of two index ends, so a query
 * pays for no transaction when nothing is new (the usual case: every commit wakes the indexer).
 */
async function behind(db: Database): Promise<boolean> {
  const [row] = await db.query<{ cursor: number | null; head: number | null }>(
    'SELECT (SELECT seq FROM history_cursor WHERE id = 1) AS cursor, (SELECT max(seq) FROM events) AS head',
  );
  return Number(row?.head ?? 0) > Number(row?.cursor ?? 0);
}

export interface History {
  readonly db: Database;
  /** Indexes every event stored so far. */
  catchUp(): Promise<void>;
  /** One page of conversations, with every event stored so far indexed (see `catchUp`). */
  list(filter: HistoryFilter, opts: { limit: number; after?: PageCursor }): Promise<Page>;
  /** Deletes conversations (and their legs and steps) last active before `beforeMs`. */
  prune(beforeMs: number): Promise<number>;
  /**
   * Keeps a visit to a room (an account's room stream, open until it closes) for the agent
   * filter: the server's one presence record (`server/presence`) calls it.
   */
  recordPresence: PresenceRecorder;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface HistoryOptions {
  retentionDays: number;
  log: Logger;
  now?: () => number;
  /** How often retention runs (ms). */
  pruneEveryMs?: number;
  /** Told how many conversations each retention run deleted. */
  onPruned?: (deleted: number) => void;
  /** How long a commit's wake-up waits for more commits before indexing (ms). */
  indexDelayMs?: number;
}

export function createHistory(db: Database, opts: HistoryOptions): History {
  const now = opts.now ?? Date.now;
  let running: Promise<void> | undefined;
  /**
   * The newest sequence number a commit announced, and the one the index had reached (when
   * known). PGlite announces a commit in this process before the append returns, so there an
   * index that reached the last announcement holds everything stored, and a query skips even
   * the one-read check; Postgres announces asynchronously, so there the check always runs.
   */
  let notified = 0;
  let caughtUpTo: number | undefined;
  let sinceAnalyze = 0;
  let again = false;
  let stopListening: (() => Promise<void>) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const upToDate = () => db.kind === 'pglite' && caughtUpTo !== undefined && caughtUpTo >= notified;

  /** One indexing run at a time; a wake-up during a run makes it go round once more. */
  const catchUp = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    if (upToDate()) return Promise.resolve();
    running = (async () => {
      try {
        do {
          again = false;
          const upTo = notified;
          if (await behind(db)) {
            // A short batch reached the head; what commits later wakes another round.
            let n: number;
            do {
              n = await indexBatch(db);
              sinceAnalyze += n;
            } while (n === INDEX_BATCH);
          }
          caughtUpTo = upTo;
          if (sinceAnalyze >= ANALYZE_EVERY) {
            sinceAnalyze = 0;
            await db.query('ANALYZE history_conversations, history_facets');
          }
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const index = () =>
    void catchUp().catch((error: unknown) =>
      opts.log.error({ err: error }, 'history indexing failed'),
    );
  /** Indexes after `indexDelayMs`, or at once when a full batch is waiting. */
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    if (notified - (caughtUpTo ?? 0) >= INDEX_BATCH) {
      clearTimeout(wakeTimer);
      wakeTimer = undefined;
      index();
    } else if (!wakeTimer) {
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        index();
      }, opts.indexDelayMs ?? INDEX_DELAY_MS);
      wakeTimer.unref();
    }
  };

  const history: History = {
    db,
    catchUp,
    async list(filter, opts) {
      // Usually the index is current: the page and the check are one read; else index, read again.
      if (upToDate()) return listConversations(db, filter, opts);
      const page = await listConversations(db, filter, { ...opts, checkIndex: true });
      if (!page.behind) return page;
      await catchUp();
      return listConversations(db, filter, opts);
    },
    async prune(beforeMs) {
      await catchUp();
      return db.transaction(async (q) => {
        const old = 'SELECT id FROM history_conversations WHERE last_at < $1';
        await q.query(`DELETE FROM history_steps WHERE conversation_id IN (${old})`, [beforeMs]);
        await q.query(`DELETE FROM history_legs WHERE conversation_id IN (${old})`, [beforeMs]);
        await q.query(`DELETE FROM history_facets WHERE conversation_id IN (${old})`, [beforeMs]);
        const gone = await q.query(
          'DELETE FROM history_conversations WHERE last_at < $1 RETURNING id',
          [beforeMs],
        );
        await q.query('DELETE FROM history_handoffs WHERE initiated_at < $1', [
          Math.max(beforeMs, now() - HANDOFF_KEEP_MS),
        ]);
        await q.query('DELETE FROM history_presence WHERE to_at < $1', [beforeMs]);
        return gone.length;
      });
    },
    recordPresence(account, room) {
      // The stream is already answering: a failure here is logged, never thrown into it.
      const visit = db
        .query<{ id: number }>(
          'INSERT INTO history_presence (username, room, from_at) VALUES ($1, $2, $3) RETURNING id',
          [account.username, room, now()],
        )
        .then(([row]) => row?.id)
        .catch((error: unknown) => {
          opts.log.warn({ err: error }, 'presence not recorded');
          return undefined;
        });
      return () => {
        const at = now();
        void visit.then(async (id) => {
          if (id === undefined) return;
          await db
            .query('UPDATE history_presence SET to_at = $1 WHERE id = $2', [at, id])
            .catch((error: unknown) => opts.log.warn({ err: error }, 'presence not closed'));
        });
      };
    },
    async start() {
      stopListening = await db.listen(EVENTS_CHANNEL, (message) => {
        notified = Math.max(notified, Number(message) || 0);
        wake();
      });
      index();
      const prune = async () => {
        try {
          const n = await history.prune(now() - opts.retentionDays * DAY_MS);
          opts.onPruned?.(n);
          if (n)
            opts.log.info({ conversations: n }, 'history retention: old conversations deleted');
        } catch (error) {
          opts.log.error({ err: error }, 'history retention failed');
        }
      };
      void prune();
      timer = setInterval(() => void prune(), opts.pruneEveryMs ?? 3_600_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      clearTimeout(wakeTimer);
      await stopListening?.();
      await running?.catch(() => undefined);
    },
  };
  return history;
}
