/**
 * Runs `callback` when the browser is idle (requestIdleCallback), or after `fallbackMs` where
 * that API is missing (Safari).
 */
export function whenIdle(callback: () => void, fallbackMs: number): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(callback);
  else setTimeout(callback, fallbackMs);
}
