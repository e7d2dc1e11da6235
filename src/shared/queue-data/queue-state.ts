/**
 * What the server's queue engine says (`/api/queue/stream`): this agent's status, offer and
 * call (`me`) and the board (every agent's status, which call is whose). One EventSource per
 * tab, opened by the console's queue panel (`useQueueStream`) once signed in to a server; the
 * call list reads the same state to mark calls "Mine" or "Handled by".
 */
import { useEffect, useSyncExternalStore } from 'react';
import { createStore } from '../../domain/store';
import type { BoardView, MeView } from '../../domain/queue';

export interface QueueState {
  me: MeView | null;
  board: BoardView | null;
  /** The room this console is in, as webhooks name it (what Accept routes the caller into). */
  room: string | null;
  /** The stream is open (false while it reconnects). */
  live: boolean;
}

const state = createStore<QueueState>({ me: null, board: null, room: null, live: false });

export function useQueueState(): QueueState {
  return useSyncExternalStore(state.subscribe, state.get, state.get);
}

/** Opens the stream while mounted (EventSource reconnects by itself, every 2 s). */
export function useQueueStream(room: string | null): void {
  useEffect(() => {
    state.set((s) => ({ ...s, room }));
  }, [room]);
  useEffect(() => {
    const source = new EventSource('/api/queue/stream');
    source.onopen = () => state.set((s) => ({ ...s, live: true }));
    source.onerror = () => state.set((s) => ({ ...s, live: false }));
    source.addEventListener('me', (e) => {
      const me = JSON.parse((e as MessageEvent<string>).data) as MeView;
      state.set((s) => ({ ...s, me }));
    });
    source.addEventListener('board', (e) => {
      const board = JSON.parse((e as MessageEvent<string>).data) as BoardView;
      state.set((s) => ({ ...s, board }));
    });
    return () => {
      source.close();
      state.set((s) => ({ ...s, me: null, board: null, live: false }));
    };
  }, []);
}
