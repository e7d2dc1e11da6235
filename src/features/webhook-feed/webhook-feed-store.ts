import { createStore } from '../../domain/store';

/** Whether Daily's webhooks are reaching this console through its server's stream. */
/** `reconnecting`: it was live, and the server went away (EventSource or this code retries). */
export type FeedStatus = 'off' | 'connecting' | 'live' | 'offline' | 'reconnecting';

/** The feed's state, for the header indicator. */
export const feedStatus = createStore<{ status: FeedStatus; since: number }>({
  status: 'off',
  since: 0,
});

export function setFeedStatus(status: FeedStatus): void {
  if (feedStatus.get().status !== status) feedStatus.set({ status, since: Date.now() });
}
