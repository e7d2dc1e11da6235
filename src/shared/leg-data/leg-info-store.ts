import { audioPlayable } from '../../domain/action-input';
import { addressFromSipFrom, cleanDisplayName } from '../../domain/identity';
import { formatAddressForReading, legLabel, type LegIdentity } from '../../domain/leg-label';
import { createStore } from '../../domain/store';
import { isTelephonyType, type TelephonyType } from '../../domain/telephony';

/** What Daily's dial events said about a leg (none: this console heard no dial event). */
export type LegEventStatus = 'connected' | 'ringing' | 'answered' | 'ended' | 'failed';

/**
 * What the participant object does not carry, per SIP/PSTN session: the caller's address (from
 * dial events, or what this console dialled), the leg's state as dial events told it, and what
 * presence and media say whatever events reach this console.
 */
export interface LegInfo {
  address?: string;
  /** From dialin-/dialout- events; undefined when none reached this console. */
  status?: LegEventStatus;
  detail?: string;
  provider?: string;
  /** In this room now (participant-joined / in joined-meeting, until participant-left). */
  present: boolean;
  /** The leg's audio track is playable: media is flowing. */
  audio: boolean;
  type?: TelephonyType;
  name?: string;
  joinedAt?: number;
  /** Per-name ordinal (see `legLabel`). */
  ordinal?: number;
}

const legs = new Map<string, LegInfo>();
/** Present phone legs by display name, for telling identical names apart. */
const byName = new Map<string, Set<string>>();
/** How many legs were ever seen per name (ordinals are never reused). */
const seenPerName = new Map<string, number>();
/** Bumped on every change; readers select one leg (`get`, `label`). */
const changes = createStore(0);
let newestDialOut: string | undefined;

function notify() {
  changes.set((v) => v + 1);
}

function update(sessionId: string, patch: Partial<LegInfo>, quiet = false) {
  const prev = legs.get(sessionId) ?? { present: false, audio: false };
  legs.set(sessionId, { ...prev, ...patch });
  if (!quiet) notify();
}

type Ev = { action: string } & Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

interface ParticipantLike {
  session_id?: unknown;
  user_name?: unknown;
  participantType?: unknown;
  joined_at?: unknown;
  local?: unknown;
}

function unlinkName(sessionId: string) {
  const name = legs.get(sessionId)?.name;
  if (name !== undefined) byName.get(name)?.delete(sessionId);
}

/** A phone participant is here (joined, or updated): name, type, join time, media. */
function seeParticipant(p: ParticipantLike | undefined, quiet = false) {
  const id = str(p?.session_id);
  if (!id || p?.local || !isTelephonyType(p?.participantType)) return;
  // A dial-out without a display name is named by Daily after its number: shown for reading.
  const name = formatAddressForReading(cleanDisplayName(p.user_name, 'Unknown caller'));
  const prev = legs.get(id);
  let ordinal = prev?.ordinal;
  if (prev?.name !== name) {
    unlinkName(id);
    ordinal = (seenPerName.get(name) ?? 0) + 1;
    seenPerName.set(name, ordinal);
    const group = byName.get(name) ?? new Set<string>();
    group.add(id);
    byName.set(name, group);
  }
  const joined = p.joined_at ? new Date(p.joined_at as string | number | Date).getTime() : NaN;
  update(
    id,
    {
      present: true,
      audio: audioPlayable(p),
      type: p.participantType,
      name,
      ...(ordinal !== undefined ? { ordinal } : {}),
      ...(Number.isFinite(joined) ? { joinedAt: joined } : {}),
    },
    quiet,
  );
}

function identity(sessionId: string): LegIdentity | undefined {
  const info = legs.get(sessionId);
  if (!info?.name) return undefined;
  return {
    sessionId,
    name: info.name,
    ordinal: info.ordinal ?? 1,
    ...(info.joinedAt !== undefined ? { joinedAt: info.joinedAt } : {}),
    ...(info.address ? { address: info.address } : {}),
  };
}

export const legInfo = {
  get: (sessionId: string): LegInfo | undefined => legs.get(sessionId),
  subscribe: changes.subscribe,
  /**
   * The leg's label: its name, plus its number or an ordinal and join time when another leg
   * in the room has the same name. `fallback` until the leg is known.
   */
  label(sessionId: string, fallback: string): string {
    const self = identity(sessionId);
    if (!self) return fallback;
    const group = byName.get(self.name);
    if (!group || group.size <= 1) return self.name;
    function* members() {
      for (const id of group ?? []) {
        const l = identity(id);
        if (l) yield l;
      }
    }
    return legLabel(self, members());
  },
  /**
   * Remember where a dial-out this console started was sent, as soon as its session id is
   * known; that leg is the one the call list brings into view (see `newestDialOut`).
   */
  noteDestination(sessionId: string, destination: string): void {
    const fresh = newestDialOut !== sessionId;
    newestDialOut = sessionId;
    if (legs.get(sessionId)?.address) {
      if (fresh) notify();
      return;
    }
    update(sessionId, { address: destination });
  },
  /** The session of the dial-out this console started last (undefined before any). */
  newestDialOut: (): string | undefined => newestDialOut,
  /** Feed every Daily event. */
  ingest(ev: Ev): void {
    switch (ev.action) {
      case 'joined-meeting': {
        const all = (ev.participants ?? {}) as Record<string, ParticipantLike>;
        for (const p of Object.values(all)) seeParticipant(p, true);
        notify();
        return;
      }
      case 'participant-joined':
      case 'participant-updated':
        return seeParticipant(ev.participant as ParticipantLike | undefined);
      case 'participant-left': {
        const id = str((ev.participant as ParticipantLike | undefined)?.session_id);
        if (!id || !legs.has(id)) return;
        unlinkName(id);
        update(id, { present: false, audio: false });
        return;
      }
      default:
        break;
    }
    const id = str(ev.sessionId);
    if (!id) return;
    const address = (v: string | undefined) => v ?? legs.get(id)?.address;
    switch (ev.action) {
      case 'dialin-connected':
        update(id, {
          address: address(addressFromSipFrom(str(ev.sipFrom))),
          status: 'connected',
          provider: str(ev.provider),
        });
        break;
      case 'dialout-connected':
        update(id, { address: address(str(ev.destination)), status: 'ringing' });
        break;
      case 'dialout-answered':
        update(id, { address: address(str(ev.destination)), status: 'answered' });
        break;
      case 'dialin-stopped':
      case 'dialout-stopped':
        if (legs.get(id)?.status !== 'failed') update(id, { status: 'ended' });
        break;
      case 'dialin-error':
      case 'dialout-error':
        update(id, { status: 'failed', detail: str(ev.errorMsg) });
        break;
      case 'dialin-warning':
      case 'dialout-warning':
        update(id, { detail: str(ev.errorMsg) });
        break;
    }
  },
  /** Forget everything (on leave). */
  clear(): void {
    legs.clear();
    byName.clear();
    seenPerName.clear();
    newestDialOut = undefined;
    notify();
  },
};
