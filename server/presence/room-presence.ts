/**
 * Who is in which room, for the supervisor wall: a console that has joined a room follows that
 * room's stream (`/api/stream?room=`), so an open room stream is an agent present in it. Counted
 * per process (with several instances, each knows its own streams: documented in the README).
 */
export class RoomPresence {
  private readonly rooms = new Map<string, Map<string, number>>();

  /** Someone opened a room's stream; returns what to call when it closes. */
  enter(room: string, name: string): () => void {
    let names = this.rooms.get(room);
    if (!names) this.rooms.set(room, (names = new Map()));
    names.set(name, (names.get(name) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (names.get(name) ?? 1) - 1;
      if (n > 0) names.set(name, n);
      else names.delete(name);
      if (!names.size) this.rooms.delete(room);
    };
  }

  /** Room → the names present (each once, sorted). */
  snapshot(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [room, names] of this.rooms) out[room] = [...names.keys()].sort();
    return out;
  }
}
