/**
 * Projections of Daily's webhooks, pure: a leg's row (one per SIP/PSTN session) and a
 * transfer's row (one per session and destination), each the previous row plus one envelope.
 * The store applies them in the same transaction that appends the event.
 */
import type { Envelope } from './envelope';
import type {
  LegRow,
  LegState,
  TransferOutcome,
  TransferRow,
} from '../../src/domain/projection-rows';

export type { LegRow, LegState, TransferOutcome, TransferRow };

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, 512) : null;

/** `+14155550100`, `sip:+14155550100@…` → pstn; other `sip:` URIs → sip. */
export function networkOf(address: string | null): 'pstn' | 'sip' | null {
  if (!address) return null;
  const user = address.replace(/^sips?:/i, '').split('@')[0] ?? '';
  if (/^\+?\d{6,15}$/.test(user)) return 'pstn';
  return /^sips?:/i.test(address) ? 'sip' : null;
}

function message(p: Record<string, unknown>): string | null {
  return str(p.error_msg) ?? str(p.errorMsg) ?? str(p.error) ?? str(p.message);
}

const ENDS: Partial<Record<LegState, true>> = {
  ended: true,
  failed: true,
  transferred: true,
  referred: true,
};

/** The leg row after one `dialin.*` / `dialout.*` / `calltransfer.*` envelope (null: none). */
export function projectLeg(prev: LegRow | null, e: Envelope, atMs: number): LegRow | null {
  const [family, what] = e.type.split('.');
  const p = e.payload;
  const sessionId = str(p.session_id);
  if (!sessionId || !what) return null;
  if (family !== 'dialin' && family !== 'dialout' && family !== 'calltransfer') return null;
  const base: LegRow = prev ?? {
    session_id: sessionId,
    room: null,
    direction: family === 'dialin' ? 'dial-in' : family === 'dialout' ? 'dial-out' : null,
    network: null,
    from_addr: null,
    to_addr: null,
    display_name: null,
    started_at: null,
    ended_at: null,
    state: 'connected',
    detail: null,
  };
  const row: LegRow = { ...base, room: base.room ?? str(p.room) };
  if (family === 'dialin') {
    row.direction = 'dial-in';
    row.from_addr = str(p.sip_from) ?? row.from_addr;
    row.display_name = str(p.display_name) ?? row.display_name;
    row.network = networkOf(row.from_addr) ?? row.network;
  } else if (family === 'dialout') {
    row.direction = 'dial-out';
    row.to_addr = str(p.destination) ?? row.to_addr;
    row.from_addr = str(p.origin) ?? row.from_addr;
    row.network = networkOf(row.to_addr) ?? row.network;
  }
  const ended = ENDS[row.state] === true;
  switch (`${family}.${what}`) {
    case 'dialin.connected':
      row.started_at ??= atMs;
      if (!ended) row.state = 'connected';
      break;
    case 'dialout.connected':
      row.started_at ??= atMs;
      if (!ended) row.state = 'ringing';
      break;
    case 'dialout.answered':
      row.started_at ??= atMs;
      if (!ended) row.state = 'answered';
      break;
    case 'dialin.stopped':
    case 'dialout.stopped':
      row.ended_at ??= atMs;
      if (!ended) row.state = 'ended';
      break;
    case 'dialin.error':
    case 'dialout.error':
      row.ended_at ??= atMs;
      row.state = 'failed';
      row.detail = message(p);
      break;
    case 'dialin.warning':
    case 'dialout.warning':
      row.detail = message(p);
      break;
    case 'calltransfer.initiated':
      // The SIP user left the room; for a refer Daily is out of the call altogether.
      row.ended_at ??= atMs;
      if (row.state !== 'failed') row.state = p.is_sip_refer === true ? 'referred' : 'transferred';
      break;
    default:
      break;
  }
  return row;
}

const STAGE_ORDER: Record<TransferOutcome, number> = {
  requested: 0,
  initiated: 1,
  answered: 2,
  completed: 3,
  failed: 4,
};

/** The transfer row after one `calltransfer.*` envelope (null: not a transfer event). */
export function projectTransfer(
  prev: TransferRow | null,
  e: Envelope,
  atMs: number,
): TransferRow | null {
  const [family, stage] = e.type.split('.');
  if (family !== 'calltransfer') return null;
  const p = e.payload;
  const sessionId = str(p.session_id);
  const to = str(p.to_endpoint) ?? prev?.to_endpoint ?? '';
  if (!sessionId) return null;
  const row: TransferRow = prev ?? {
    session_id: sessionId,
    to_endpoint: to,
    room: str(p.room),
    from_endpoint: str(p.from_endpoint),
    refer: p.is_sip_refer === true,
    triggered_at: null,
    initiated_at: null,
    answered_at: null,
    completed_at: null,
    outcome: 'requested',
  };
  const next = { ...row };
  if (typeof p.is_sip_refer === 'boolean') next.refer = p.is_sip_refer;
  const advance = (o: TransferOutcome) => {
    if (STAGE_ORDER[o] > STAGE_ORDER[next.outcome]) next.outcome = o;
  };
  switch (stage) {
    case 'triggered':
      next.triggered_at ??= atMs;
      break;
    case 'initiated':
      next.initiated_at ??= atMs;
      advance('initiated');
      break;
    case 'answered':
      next.answered_at ??= atMs;
      advance('answered');
      break;
    case 'completed':
      next.completed_at ??= atMs;
      advance('completed');
      break;
    default:
      return null;
  }
  return next;
}
