/**
 * Daily's webhooks as the console reads them from its server's stream (`GET /api/stream`,
 * `event: webhook`, data = the envelope as Daily sent it). Pure and framework-free: parsing of
 * the untrusted JSON, and the mapping to what the console already understands —
 * `calltransfer.*` becomes a `transfer-webhook` input of the leg-action machine; `dialin.*` and
 * `dialout.*` become objects shaped like the SDK's dial events (so one code path reads both).
 */
import type { ActionInput, TransferStage } from './leg-action';

/** Daily's envelope (`version`, `type`, `id`, `payload`, `event_ts`), checked loosely. */
export interface WebhookEnvelope {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  event_ts?: number;
  /** The room, as the server stored it (payload.room otherwise). */
  room?: string;
  /** The server's sequence number (the SSE id). */
  seq?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses an SSE `webhook` data line; undefined for anything that is not an envelope. */
export function parseWebhookData(data: string): WebhookEnvelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  // The server may wrap the envelope ({ envelope, room, seq }) or send it as is.
  const envelope = isObject(value.envelope) ? value.envelope : value;
  const id = str(envelope.id);
  const type = str(envelope.type);
  if (!id || !type || !isObject(envelope.payload)) return undefined;
  const out: WebhookEnvelope = { id, type, payload: envelope.payload };
  if (typeof envelope.event_ts === 'number') out.event_ts = envelope.event_ts;
  const room = str(value.room) ?? str(envelope.payload.room);
  if (room) out.room = room;
  if (typeof value.seq === 'number') out.seq = value.seq;
  return out;
}

const STAGES: readonly TransferStage[] = ['triggered', 'initiated', 'answered', 'completed'];

/** `calltransfer.answered` → the machine's input; undefined for other types. */
export function transferInput(envelope: WebhookEnvelope): ActionInput | undefined {
  const [family, stage] = envelope.type.split('.');
  if (family !== 'calltransfer') return undefined;
  const known = STAGES.find((s) => s === stage);
  const sessionId = str(envelope.payload.session_id);
  if (!known || !sessionId) return undefined;
  const refer = envelope.payload.is_sip_refer;
  return {
    type: 'transfer-webhook',
    stage: known,
    sessionId,
    ...(typeof refer === 'boolean' ? { refer } : {}),
  };
}

/**
 * `dialin.connected` → `{ action: 'dialin-connected', sessionId, sipFrom, … }`, and so on for
 * every `dialin.*` / `dialout.*` type: the SDK event the webhook corresponds to, so the leg
 * stores and the machine read it like one. Undefined for other types.
 */
export function dialEventFromWebhook(
  envelope: WebhookEnvelope,
): ({ action: string } & Record<string, unknown>) | undefined {
  const [family, what] = envelope.type.split('.');
  if ((family !== 'dialin' && family !== 'dialout') || !what) return undefined;
  const p = envelope.payload;
  const message = str(p.error_msg) ?? str(p.errorMsg) ?? str(p.error) ?? str(p.message);
  const ev: { action: string } & Record<string, unknown> = {
    action: `${family}-${what}`,
    fromWebhook: true,
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') ev[key] = value;
  };
  set('sessionId', str(p.session_id));
  set('userId', str(p.user_id));
  set('sipFrom', str(p.sip_from));
  set('sipEndpoint', str(p.sip_endpoint));
  set('destination', str(p.destination));
  set('origin', str(p.origin));
  set('callerId', str(p.caller_id));
  set('displayName', str(p.display_name));
  if (what === 'error' || what === 'warning') set('errorMsg', message ?? envelope.type);
  return ev;
}

/**
 * When the webhook's event happened (ms epoch): `payload.timestamp`, else the envelope's
 * `event_ts` (Daily sends seconds, as a float; milliseconds are read too), never later than
 * `now` (a server clock ahead of this one must not put events in the future); `now` when the
 * envelope carries no time. A replayed webhook is shown and judged at its own time, not at the
 * time this console heard it (e.g. when it joined).
 */
export function webhookTimeMs(envelope: WebhookEnvelope, now: number): number {
  for (const c of [envelope.payload.timestamp, envelope.event_ts]) {
    const n = typeof c === 'string' && c.trim() !== '' ? Number(c) : c;
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) continue;
    return Math.min(now, n > 1e12 ? Math.round(n) : Math.round(n * 1000));
  }
  return now;
}
