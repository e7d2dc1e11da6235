import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { legInfo } from '../../shared/leg-data';

/**
 * Brings the dial-out this console started into view once its leg is in the list: the agent
 * just asked for it, and a long list would otherwise add it off screen. Each dial-out is
 * revealed once, so the agent can scroll away from it afterwards.
 */
export function useRevealDialOut(
  ids: string[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
): void {
  const newest = useSyncExternalStore(legInfo.subscribe, legInfo.newestDialOut);
  const revealed = useRef<string | undefined>(undefined);
  const index = newest ? ids.indexOf(newest) : -1;
  useEffect(() => {
    if (!newest || index < 0 || revealed.current === newest) return;
    revealed.current = newest;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [newest, index, virtualizer]);
}
