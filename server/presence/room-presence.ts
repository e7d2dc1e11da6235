/**
 * Who is in which room — one record for the whole server. A console that has joined a room
 * follows that room's stream (`/api/stream?room=`), so an open room stream is an account present
 * in it. The stream route enters it once; its readers are the supervisor wall (who is in each
 * room now, `snapshot`) and the history (who watched a room when, for its agent filter: a
 * recorder keeps each visit durably). Counted per process: with several instances each knows its
 * own streams (the README says so).
 */

/** An account as presence knows it. */
export interface PresentAccount {
  username: string;
  displayName: string;
}

/**
 * Keeps each visit somewhere durable (the history's table): told when one starts, it returns
 * what to call when it ends. It never throws into the stream that is already answering.
 */
export type PresenceRecorder = (account: PresentAccount, room: string) => () => void;

export class RoomPresence {
  private readonly rooms = new Map<string, Map<string, number>>();

  constructor(private readonly recorders: readonly PresenceRecorder[] = []) {}

  /** Someone opened a room's stream; returns what to call when it closes (once is enough). */
  enter(room: string, account: PresentAccount): () => void {
    const name = account.displayName;
    let names = this.rooms.get(room);
    if (!names) this.rooms.set(room, (names = new Map()));
    names.set(name, (names.get(name) ?? 0) + 1);
    const recorded = this.recorders.map((record) => record(account, room));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (names.get(name) ?? 1) - 1;
      if (n > 0) names.set(name, n);
      else names.delete(name);
      if (!names.size && this.rooms.get(room) === names) this.rooms.delete(room);
      for (const leave of recorded) leave();
    };
  }

  /** Room → the names present (each once, sorted). */
  snapshot(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [room, names] of this.rooms) out[room] = [...names.keys()].sort();
    return out;
  }
}
