import { parseWebhookData, type WebhookEnvelope } from '../../domain/webhook-event';
import { feedStatus, setFeedStatus } from './webhook-feed-store';

/** Where the console's server streams stored events (Server-Sent Events). */
export const STREAM_PATH = '/api/stream';
const MAX_BACKOFF_MS = 15_000;
const SEEN_LIMIT = 5_000;

/**
 * Subscribes to the server's event stream for one room and calls `onWebhook` once per stored
 * webhook, in order. EventSource reconnects by itself after a dropped connection (sending
 * `Last-Event-ID`); when the server is gone altogether (the connection fails outright) this
 * reconnects with a growing delay and asks to resume after the last sequence number it saw, so
 * nothing is missed and nothing is applied twice. Returns the function that stops it.
 */
export function connectFeed(room: string, onWebhook: (e: WebhookEnvelope) => void): () => void {
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = 1_000;
  let lastSeq = '';
  let stopped = false;
  let wasLive = false;
  const seen = new Set<string>();

  const open = () => {
    if (stopped) return;
    const params = new URLSearchParams({ room });
    if (lastSeq) params.set('lastEventId', lastSeq);
    // A retry after a failure stays "offline" until it opens: no flicker.
    if (feedStatus.get().status === 'off') setFeedStatus('connecting');
    const es = new EventSource(`${STREAM_PATH}?${params}`);
    source = es;
    es.onopen = () => {
      backoff = 1_000;
      wasLive = true;
      setFeedStatus('live');
    };
    es.addEventListener('webhook', (msg) => {
      const ev = msg as MessageEvent<string>;
      if (ev.lastEventId) lastSeq = ev.lastEventId;
      const envelope = parseWebhookData(ev.data);
      if (!envelope) return;
      // One event is an id *and* a type: Daily's examples reuse ids across types.
      const key = `${envelope.type} ${envelope.id}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
      if (envelope.room && envelope.room !== room) return;
      onWebhook(envelope);
    });
    es.onerror = () => {
      setFeedStatus(wasLive ? 'reconnecting' : 'offline');
      if (es.readyState !== EventSource.CLOSED) return; // the browser retries by itself
      es.close();
      retry = setTimeout(open, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };
  open();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    source?.close();
    setFeedStatus('off');
  };
}
