/**
 * The supervisor wall's model of a leg, pure: the server's projections of Daily's webhooks (a
 * leg row per SIP/PSTN session, a transfer row per session and destination, as the server's
 * stream sends them) turned into what the wall shows — kind, address for reading, state in
 * words, a transfer's lifecycle and whether it is stuck. The words for what Daily confirmed
 * of a transfer are the console's own (`leg-action-words.ts`), not a copy.
 */
import type { LegNetwork } from './cost';
import { addressNetwork } from './cost-meter';
import { addressFromSipFrom } from './identity';
import { DEFAULT_TIMEOUTS, type TargetProgress } from './leg-action';
import { handOverProgressLabel, phaseWords } from './leg-action-words';
import { formatAddressForReading } from './leg-label';
import type { LegRow, TransferRow } from './projection-rows';
import { legKindLabel, type TelephonyType } from './telephony';

/** A leg as the server projects it (snake case on the wire). */
export type WallLeg = LegRow;
/** A transfer or refer of a leg, as the server projects it. */
export type WallTransfer = TransferRow;

export type WallStateKey =
  'connecting' | 'ringing' | 'connected' | 'transferring' | 'target-answered' | 'ended' | 'failed';

export const WALL_STATES: { key: WallStateKey; label: string }[] = [
  { key: 'connecting', label: 'Connecting' },
  { key: 'ringing', label: 'Ringing' },
  { key: 'connected', label: 'Connected' },
  { key: 'transferring', label: 'Transferring' },
  { key: 'target-answered', label: 'Answered by the target' },
  { key: 'ended', label: 'Ended' },
  { key: 'failed', label: 'Failed' },
];

/** Per row version (a changed row is a new object): read once, not on every frame. */
const addressCache = new WeakMap<WallLeg, { raw: string | undefined; reading?: string }>();

function cached(leg: WallLeg) {
  let entry = addressCache.get(leg);
  if (!entry) {
    const raw = leg.direction === 'dial-out' ? leg.to_addr : leg.from_addr;
    entry = { raw: raw ? (addressFromSipFrom(raw) ?? raw) : undefined };
    addressCache.set(leg, entry);
  }
  return entry;
}

function rawAddress(leg: WallLeg): string | undefined {
  return cached(leg).raw;
}

/**
 * The network the leg is on: the server's reading, else the console's own reading of the
 * address (a SIP From header with a display name, `"Pat" <sip:+1415…@…>`, is a phone number).
 */
export function wallLegNetwork(leg: WallLeg): LegNetwork | null {
  if (leg.network) return leg.network;
  const address = rawAddress(leg);
  return address ? addressNetwork(address) : null;
}

/** The leg's Daily participant type, when the webhooks told enough ("pstn-dial-in"…). */
export function wallLegType(leg: WallLeg): TelephonyType | undefined {
  const network = wallLegNetwork(leg);
  return network && leg.direction ? `${network}-${leg.direction}` : undefined;
}

/** "PSTN · dial-in", or "Unknown" before a webhook said which. */
export function wallKindLabel(leg: WallLeg): string {
  const type = wallLegType(leg);
  return type ? legKindLabel(type) : 'Unknown';
}

/** The caller's number or SIP address (dial-in: who called; dial-out: who was called). */
export function wallAddress(leg: WallLeg): string {
  const entry = cached(leg);
  entry.reading ??= entry.raw ? formatAddressForReading(entry.raw) : '';
  return entry.reading;
}

/** A transfer row's stages as the console's machine records them. */
export function targetProgress(t: WallTransfer): TargetProgress {
  const at = (v: number | null) => v ?? undefined;
  return {
    ...(t.triggered_at !== null ? { triggeredAt: at(t.triggered_at) } : {}),
    ...(t.initiated_at !== null ? { initiatedAt: at(t.initiated_at) } : {}),
    ...(t.answered_at !== null ? { answeredAt: at(t.answered_at) } : {}),
    ...(t.completed_at !== null ? { completedAt: at(t.completed_at) } : {}),
  };
}

/** Whether Daily may still report progress (a transfer until completed; a refer until it starts). */
export function transferInFlight(t: WallTransfer): boolean {
  if (t.outcome === 'failed') return false;
  return t.refer ? t.initiated_at === null : t.completed_at === null;
}

/** The transfer's state in the console's words. */
export function transferWords(t: WallTransfer): string {
  const method = t.refer ? 'refer' : 'transfer';
  return (
    handOverProgressLabel(method, targetProgress(t)) ??
    phaseWords(method, 'accepted') ??
    'Requested'
  );
}

/** The state a leg is in, with the latest transfer of it (if any). */
export function wallState(leg: WallLeg, transfer: WallTransfer | undefined): WallStateKey {
  if (transfer && !transfer.refer && transfer.initiated_at !== null) {
    if (transfer.completed_at !== null) return 'ended';
    return transfer.answered_at !== null ? 'target-answered' : 'transferring';
  }
  if (leg.state === 'failed') return 'failed';
  if (leg.ended_at !== null) return 'ended';
  if (transfer && transferInFlight(transfer)) return 'transferring';
  if (leg.state === 'ringing') return 'ringing';
  return leg.started_at === null ? 'connecting' : 'connected';
}

/** The state in words: "Transferring → +1 202 555 0188". */
export function wallStateText(key: WallStateKey, transfer: WallTransfer | undefined): string {
  const label = WALL_STATES.find((s) => s.key === key)?.label ?? key;
  if ((key === 'transferring' || key === 'target-answered') && transfer) {
    return `${label} → ${formatAddressForReading(transfer.to_endpoint)}`;
  }
  return label;
}

/** How long a transfer may wait at each stage before the wall flags it (the console's bounds). */
export interface StuckBounds {
  /** Accepted by Daily (`triggered`) → the caller leaves for the target (`initiated`). */
  initiate: number;
  /** Initiated → the target answers (a transfer; a refer is done once initiated). */
  ring: number;
}

export const STUCK_BOUNDS: StuckBounds = {
  initiate: DEFAULT_TIMEOUTS.confirm,
  ring: DEFAULT_TIMEOUTS.ring,
};

/** Why a transfer looks stuck, in words, or undefined. */
export function stuckReason(
  t: WallTransfer,
  now: number,
  bounds: StuckBounds = STUCK_BOUNDS,
): string | undefined {
  const s = (ms: number) => `${Math.round(ms / 1000)} s`;
  if (
    t.triggered_at !== null &&
    t.initiated_at === null &&
    now - t.triggered_at > bounds.initiate
  ) {
    return `Stuck: accepted ${s(now - t.triggered_at)} ago, never initiated (bound ${s(bounds.initiate)})`;
  }
  if (
    !t.refer &&
    t.initiated_at !== null &&
    t.answered_at === null &&
    t.completed_at === null &&
    now - t.initiated_at > bounds.ring
  ) {
    return `Stuck: initiated ${s(now - t.initiated_at)} ago, never answered (ring bound ${s(bounds.ring)})`;
  }
  return undefined;
}
