import { useEffect, useLayoutEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { callSelection } from '../../shared/call-selection';
import { setFocusFallback } from '../../ui/focus-return';

function rowOf(scroller: HTMLElement | null, sessionId: string): HTMLElement | null {
  return (
    scroller?.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(sessionId)}"]`) ?? null
  );
}

/**
 * Keeps the keyboard focus where an agent expects it in a virtualised list:
 * - a focus request (a shortcut moved the selection) scrolls the row into view and focuses it
 *   once it is rendered;
 * - when the selected call leaves (transferred, hung up, filtered out) the next one is
 *   selected, and focused if focus had fallen to the page body with the row;
 * - a dialog whose opener is gone returns focus to the selected row (or the list).
 */
export function useRowFocus(
  ids: readonly string[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
  listRef: RefObject<HTMLElement | null>,
): void {
  const requests = useSyncExternalStore(
    callSelection.subscribe,
    callSelection.focusRequests,
    callSelection.focusRequests,
  );
  const handled = useRef(requests);
  const pending = useRef<string | undefined>(undefined);

  useEffect(() => callSelection.publish(ids), [ids]);
  // Focus inside a row (Tab to its buttons, a click) selects it: shortcuts then act on it.
  useEffect(() => {
    const section = listRef.current;
    if (!section) return;
    const onFocusIn = (e: FocusEvent) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-session-id]');
      if (row?.dataset.sessionId) callSelection.select(row.dataset.sessionId);
    };
    section.addEventListener('focusin', onFocusIn);
    return () => section.removeEventListener('focusin', onFocusIn);
  }, [listRef]);
  useEffect(
    () => () => {
      callSelection.publish([]);
      callSelection.select(undefined);
    },
    [],
  );

  useEffect(() => {
    if (handled.current === requests) return;
    handled.current = requests;
    const selected = callSelection.selected();
    const index = selected === undefined ? -1 : ids.indexOf(selected);
    if (index < 0) return;
    pending.current = selected;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [requests, ids, virtualizer]);

  // Every render: the pending row may have just been rendered by the virtualizer.
  useEffect(() => {
    const id = pending.current;
    const row = id ? rowOf(scrollRef.current, id) : null;
    if (!row) return;
    pending.current = undefined;
    row.focus();
  });

  const previous = useRef(ids);
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = ids;
    const selected = callSelection.selected();
    if (selected === undefined || ids.includes(selected)) return;
    const at = Math.max(before.indexOf(selected), 0);
    const next = ids.length > 0 ? ids[Math.min(at, ids.length - 1)] : undefined;
    const active = document.activeElement;
    const lost = !active || active === document.body;
    callSelection.select(next, lost && next !== undefined);
    if (lost && next === undefined) listRef.current?.focus();
  }, [ids, listRef]);

  useEffect(
    () =>
      setFocusFallback(() => {
        const selected = callSelection.selected();
        if (selected !== undefined && ids.includes(selected)) callSelection.select(selected, true);
        else listRef.current?.focus();
      }),
    [ids, listRef],
  );
}
