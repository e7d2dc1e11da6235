/**
 * Sandbox mode: Daily's part in webhook delivery. A happening (`{ type, payload }`, Daily's
 * field names) is wrapped in an envelope, signed with the sandbox's webhook secret and POSTed
 * over HTTP to this server's `/webhooks/daily`, through the same verification, storage and
 * stream as a real webhook. Used by the relay route and by the simulated cloud.
 */
import { randomUUID } from 'node:crypto';
import { signedHeaders } from '../domain/signature';
import type { Logger } from '../log';

export interface SenderDeps {
  secret: Buffer;
  selfUrl: () => string;
  log: Logger;
  now?: () => number;
}

export type Happening = { type: string; payload: Record<string, unknown> };

/** Delivers one webhook and reports what `/webhooks/daily` answered. */
export async function deliverWebhook(
  deps: SenderDeps,
  { type, payload }: Happening,
): Promise<{ delivered: boolean; status?: number; id: string }> {
  const at = (deps.now ?? Date.now)();
  const envelope = {
    version: '1.0.0',
    type,
    id: `sandbox-${type.replace('.', '-')}-${randomUUID()}`,
    payload: { ...payload, timestamp: String(Math.floor(at / 1000)) },
    event_ts: at / 1000,
  };
  const raw = JSON.stringify(envelope);
  try {
    const res = await fetch(`${deps.selfUrl()}/webhooks/daily`, {
      method: 'POST',
      headers: signedHeaders(deps.secret, raw, at),
      body: raw,
      signal: AbortSignal.timeout(5_000),
    });
    return { delivered: res.ok, status: res.status, id: envelope.id };
  } catch (error) {
    deps.log.warn({ err: error, type }, 'sandbox webhook: delivery failed');
    return { delivered: false, id: envelope.id };
  }
}

/**
 * An ordered queue of deliveries, one at a time (Daily sends a room's webhooks in order). At
 * most `maxQueued` wait; beyond that the oldest is dropped and counted, so a stalled receiver
 * cannot grow memory.
 */
export function webhookQueue(deps: SenderDeps, maxQueued = 5_000) {
  const queue: Happening[] = [];
  let sending = false;
  let dropped = 0;
  let idle: (() => void)[] = [];
  const drain = async () => {
    if (sending) return;
    sending = true;
    while (queue.length) await deliverWebhook(deps, queue.shift()!);
    sending = false;
    for (const resolve of idle) resolve();
    idle = [];
  };
  return {
    push(happening: Happening): void {
      queue.push(happening);
      if (queue.length > maxQueued) {
        queue.shift();
        if (dropped++ % 1_000 === 0) deps.log.warn({ dropped }, 'sandbox webhooks: queue full');
      }
      void drain();
    },
    get dropped() {
      return dropped;
    },
    /** Resolves once everything queued was delivered (tests). */
    settled(): Promise<void> {
      return sending || queue.length
        ? new Promise((resolve) => idle.push(resolve))
        : Promise.resolve();
    },
  };
}
