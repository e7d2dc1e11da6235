import type { SandboxDriver } from '../sandbox';

/** The server's sandbox-only route that signs and delivers webhooks (see server/README). */
export const SANDBOX_RELAY_PATH = '/api/sandbox/webhooks';
const MAX_QUEUED = 500;

/**
 * Sends the sandbox room's webhooks to the console's server, one at a time in the order they
 * happened; the server plays Daily's part (envelope, signature, `POST /webhooks/daily`).
 * Start it only while the server's stream is live (no server: nothing to send to). At most
 * 500 wait; beyond that the oldest are dropped, as a dead relay must not grow memory.
 */
export function relaySandboxWebhooks(
  sandbox: Required<Pick<SandboxDriver, 'onWebhook'>>,
): () => void {
  const queue: string[] = [];
  let sending = false;
  let stopped = false;
  const drain = async () => {
    if (sending) return;
    sending = true;
    while (queue.length && !stopped) {
      const body = queue.shift()!;
      try {
        await fetch(SANDBOX_RELAY_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      } catch {
        // The server went away: the feed shows offline; this webhook is lost, as Daily's
        // would be to a server that is down (Daily retries; the sandbox does not).
      }
    }
    sending = false;
  };
  const off = sandbox.onWebhook((webhook) => {
    queue.push(JSON.stringify(webhook));
    if (queue.length > MAX_QUEUED) queue.shift();
    void drain();
  });
  return () => {
    stopped = true;
    off();
  };
}
