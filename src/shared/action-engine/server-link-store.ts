import { useSyncExternalStore } from 'react';
import { DIALOG_LINK_DOWN_REASON, LINK_LIVE, type ServerLink } from '../../domain/server-link';
import { createStore } from '../../domain/store';
import { announce } from '../../ui/live-region';
import { actionStore } from './action-store';

/**
 * Whether the server the console's actions go through is reachable. Fed by the app, only
 * where actions need the server (the simulated Daily it hosts); in real mode and in the in-tab
 * sandbox it stays live, since Daily's own call does not go through the server.
 */
const serverLink = createStore<ServerLink>(LINK_LIVE);

/**
 * The link as the call reports it. Losing it settles every action in flight as "outcome
 * unknown" (what Daily did next can no longer be observed; each is announced as it settles) —
 * the loss itself is the banner's alert. Coming back is announced here, since the banner then
 * goes. The reconnection attempts in between are on screen, not announced.
 */
export function reportServerLink(next: ServerLink): void {
  const before = serverLink.get();
  serverLink.set(next);
  if (before.status === 'live' && next.status !== 'live') {
    actionStore.dispatch({ type: 'connection-lost' });
  } else if (before.status !== 'live' && next.status === 'live') {
    announce("Reconnected to the console's server. Actions are available again.");
  }
}

/** The call left: nothing to reconnect (no announcement). */
export function forgetServerLink(): void {
  serverLink.set(LINK_LIVE);
}

export function useServerLink(): ServerLink {
  return useSyncExternalStore(serverLink.subscribe, serverLink.get, serverLink.get);
}

/**
 * Why an open action dialog cannot submit now (undefined: it can): the server hosting the
 * simulated Daily is unreachable. Never in real mode, where the link is not followed.
 */
export function useLinkUnavailable(): string | undefined {
  return useServerLink().status === 'live' ? undefined : DIALOG_LINK_DOWN_REASON;
}
