import { RingBuffer } from '../../domain/ring-buffer';
import { normaliseDailyEvent, type LogEntry } from '../../domain/event-normalise';

/** How many entries the log keeps; older ones are dropped (the export says so). */
export const LOG_CAPACITY = 2_000;

const buffer = new RingBuffer<LogEntry>(LOG_CAPACITY);
const listeners = new Set<() => void>();
let nextId = 1;
let scheduled = false;
let version = 0;

// Bursts (1,000 joins, 100,000 events) must not re-render per event: notify at most once a frame.
function schedule() {
  if (scheduled) return;
  scheduled = true;
  const flush = () => {
    scheduled = false;
    version = buffer.version;
    for (const l of [...listeners]) l();
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
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getVersion: (): number => version,
  /** Newest first. */
  entries: (): LogEntry[] => buffer.toArray(),
  dropped: (): number => buffer.dropped,
  clear(): void {
    buffer.clear();
    schedule();
  },
};
