import type {
  DailyParticipant,
  DailyParticipantCounts,
  DailyParticipantsObject,
} from '@daily-co/daily-js';
import type { CloudMessage, RoomState } from './cloud-protocol';
import type { JoinedMessage } from './cloud-transport';
import type { SandboxEmitter } from './sandbox-events';

/** Participants cross the wire as JSON: their Dates come back as Dates. */
function revive(p: DailyParticipant): DailyParticipant {
  const raw = p as unknown as Record<string, unknown>;
  const out = { ...p } as unknown as Record<string, unknown>;
  for (const key of ['joined_at', 'will_eject_at']) {
    if (typeof raw[key] === 'string') out[key] = new Date(raw[key]);
  }
  return out as unknown as DailyParticipant;
}

/**
 * A console's picture of its room in the shared cloud, built from what comes down its stream:
 * the local participant, the others, the present count and the room's state for the panel.
 * It keeps the picture only; `CloudSandboxCall` decides when to emit and what the meeting
 * state is.
 */
export class CloudRoomMirror {
  local: DailyParticipant | null = null;
  present = 0;
  roomState: RoomState | null = null;
  private readonly remotes = new Map<string, DailyParticipant>();

  constructor(private readonly emitter: SandboxEmitter) {}

  /** The join begins: nobody else yet, the local participant as it asked to join. */
  begin(local: DailyParticipant): void {
    this.remotes.clear();
    this.local = local;
  }

  /** The first join's snapshot: the room as this console finds it. */
  enter(m: JoinedMessage): void {
    this.local = {
      ...this.local!,
      session_id: m.sessionId,
      user_id: m.sessionId,
      joined_at: new Date(),
    };
    for (const p of m.remotes) this.remotes.set(p.session_id, revive(p));
    this.present = m.present;
    this.roomState = m.state;
  }

  /** Back after a break: the room as it is now, told as the events this console missed. */
  catchUp(m: JoinedMessage): void {
    this.local = { ...this.local!, session_id: m.sessionId, user_id: m.sessionId };
    const now = new Map(m.remotes.map((p) => [p.session_id, revive(p)]));
    for (const [id, participant] of [...this.remotes]) {
      if (now.has(id)) continue;
      this.remotes.delete(id);
      this.emitter.emit('participant-left', { participant });
    }
    for (const [id, participant] of now) {
      const known = this.remotes.has(id);
      this.remotes.set(id, participant);
      if (!known) this.emitter.emit('participant-joined', { participant });
    }
    this.present = m.present;
    this.roomState = m.state;
  }

  /** One event of the room: the picture follows it; returns the event's data as received. */
  apply(m: Extract<CloudMessage, { t: 'event' }>): Record<string, unknown> {
    const data = { ...m.data };
    if (data.participant) {
      const participant = revive(data.participant as DailyParticipant);
      data.participant = participant;
      if (m.action === 'participant-left') this.remotes.delete(participant.session_id);
      else this.remotes.set(participant.session_id, participant);
    }
    if (m.action === 'participant-counts-updated') {
      this.present = (data.participantCounts as DailyParticipantCounts).present;
    }
    return data;
  }

  /** The console left the room (or lost it). */
  clear(): void {
    this.local = null;
    this.remotes.clear();
    this.present = 0;
  }

  /** `{}` before join and after leave, `{ local }` while joining, then everyone. */
  participants(joined: boolean): DailyParticipantsObject {
    if (!this.local) return {} as DailyParticipantsObject;
    const all: DailyParticipantsObject = { local: this.local };
    if (joined) for (const [id, p] of this.remotes) all[id] = p;
    return all;
  }

  counts(joined: boolean): DailyParticipantCounts {
    return joined ? { present: this.present, hidden: 0 } : { present: 0, hidden: 0 };
  }
}
