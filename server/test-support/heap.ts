/**
 * The heap in use after a full garbage collection, when Vitest runs with `--expose-gc`
 * (vite.config.ts): a memory bound then measures what is retained, not garbage the collector
 * has not reached yet. Without it (another runner) it is the plain `heapUsed`, a stricter reading.
 */
export function retainedHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
