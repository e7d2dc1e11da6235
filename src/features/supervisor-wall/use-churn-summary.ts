import { useEffect } from 'react';
import { churnSummary } from '../../domain/wall-view';
import { announce } from '../../ui/live-region';
import { wallStore } from './wall-store';

/** How often the live region sums up what changed. */
export const SUMMARY_MS = 10_000;

/**
 * One polite sentence per window ("3 calls started, 1 call ended in the last 10 s"), never one
 * per event: at 500 events a second a screen reader would hear nothing else.
 */
export function useChurnSummary(): void {
  useEffect(() => {
    const timer = setInterval(() => {
      const { started, ended } = wallStore.takeChurn();
      const text = churnSummary(started, ended, SUMMARY_MS);
      if (text) announce(text);
    }, SUMMARY_MS);
    return () => clearInterval(timer);
  }, []);
}
