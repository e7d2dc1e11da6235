import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { BoardView, MeView } from '../../domain/queue';
import { callSelection } from '../../shared/call-selection';

const shownCalls = () => callSelection.get().shown;

/**
 * After the agent accepts a call, its caller's row takes the focus as soon as the caller is in
 * the list, so the next shortcut (T, R, H) acts on them: the Accept button that had the focus
 * went with the offer. Only when focus fell to the page body meanwhile: an agent who moved on
 * to something else keeps their place.
 */
export function useFocusTakenCall(me: MeView | null, board: BoardView | null): void {
  const pending = useRef<string | undefined>(undefined);
  const shown = useSyncExternalStore(callSelection.subscribe, shownCalls, shownCalls);
  const taken = me?.call && me.call.state !== 'ended' ? me.call.callId : undefined;
  useEffect(() => {
    pending.current = taken;
  }, [taken]);
  useEffect(() => {
    const callId = pending.current;
    const sessionId = callId && board?.calls.find((c) => c.callId === callId)?.sessionId;
    if (!sessionId || !shown.includes(sessionId)) return;
    pending.current = undefined;
    const active = document.activeElement;
    if (!active || active === document.body) callSelection.select(sessionId, true);
  });
}
