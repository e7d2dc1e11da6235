import { RingBuffer } from '../../domain/ring-buffer';
import { normaliseDailyEvent, type LogEntry } from '../../domain/event-normalise';
import { createStore } from '../../domain/store';

/** How many entries the log keeps; older ones are dropped (the export says so). */
export const LOG_CAPACITY = 2_000;

const buffer = new RingBuffer<LogEntry>(LOG_CAPACITY);
/** The buffer's version as of the last flush: what readers see. */
const flushed = createStore(0);
let nextId = 1;
let scheduled = false;

// Bursts (1,000 joins, 100,000 events) must not re-render per event: notify at most once a frame.
function schedule() {
  if (scheduled) return;
  scheduled = true;
  const flush = () => {
    scheduled = false;
    flushed.set(buffer.version);
  };
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
    requestAnimationFrame(flush);
  } else {
    setTimeout(flush, 16);
  }
}

export const eventLog = {
  push(entry: Omit<LogEntry, 'id' | 'at'>, at = Date.now()): void {
    buffer.push({ ...entry, id: nextId++, at });
    schedule();
  },
  /** Logs a Daily event (payload compacted, name kept as untrusted text). */
  pushDailyEvent(ev: { action: string } & Record<string, unknown>): void {
    eventLog.push(normaliseDailyEvent(ev));
  },
  subscribe: flushed.subscribe,
  getVersion: flushed.get,
  /** Newest first. */
  entries: (): LogEntry[] => buffer.toArray(),
  dropped: (): number => buffer.dropped,
  clear(): void {
    buffer.clear();
    schedule();
  },
};
