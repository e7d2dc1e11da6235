/**
 * The wall's list kept up to date incrementally: the same rooms and rows as `wallItems`, but a
 * stream event re-derives only the room it touched. At 500 events a second over 5,000 legs,
 * deriving everything again (state, name, filter and sort of every leg) on every frame was most
 * of the wall's frame time; here a frame costs the few rooms that changed plus one pass that
 * strings the rooms' cached rows together.
 */
import type { WallLeg, WallTransfer } from './wall';
import {
  byDuration,
  inWorld,
  matches,
  roomLabel,
  UNKNOWN_ROOM,
  wallRow,
  type WallFilter,
  type WallItem,
  type WallRow,
} from './wall-view';

export interface WallView {
  items: WallItem[];
  rooms: number;
  legs: number;
}

/** A room's rows as the current filter shows them: its header and its legs, in order. */
interface RoomView {
  header: WallItem & { type: 'room' };
  rows: WallItem[];
}

export interface WallIndexSource {
  leg(sessionId: string): WallLeg | undefined;
  latestTransfer(sessionId: string): WallTransfer | undefined;
  firstSeen(sessionId: string): number;
}

/** Inserts `room` into the sorted `rooms` (the order `[...].sort()` gives). */
function insertSorted(rooms: string[], room: string): void {
  let lo = 0;
  let hi = rooms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rooms[mid]! < room) lo = mid + 1;
    else hi = mid;
  }
  rooms.splice(lo, 0, room);
}

export class WallIndex {
  /** Room → its legs' session ids. */
  private readonly members = new Map<string, Set<string>>();
  private readonly roomOf = new Map<string, string>();
  private readonly sortedRooms: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly views = new Map<string, RoomView | null>();
  /** Each leg's row, while its leg row and latest transfer are the same objects. */
  private readonly rows = new WeakMap<WallLeg, WallRow>();
  private filterKey: string | undefined;
  private last: WallView | undefined;

  constructor(private readonly source: WallIndexSource) {}

  /** The leg (or its transfers) changed, or it was forgotten: its room is derived again. */
  touch(sessionId: string): void {
    const leg = this.source.leg(sessionId);
    const room = leg ? (leg.room ?? UNKNOWN_ROOM) : undefined;
    const before = this.roomOf.get(sessionId);
    if (before !== undefined && before !== room) {
      const set = this.members.get(before)!;
      set.delete(sessionId);
      this.dirty.add(before);
      if (!set.size) {
        this.members.delete(before);
        this.views.delete(before);
        this.sortedRooms.splice(this.sortedRooms.indexOf(before), 1);
      }
      this.roomOf.delete(sessionId);
    }
    if (room === undefined) return;
    let set = this.members.get(room);
    if (!set) {
      this.members.set(room, (set = new Set()));
      insertSorted(this.sortedRooms, room);
    }
    set.add(sessionId);
    this.roomOf.set(sessionId, room);
    this.dirty.add(room);
  }

  /** The list for `filter`: the previous object when nothing changed (a memo stays valid). */
  view(filter: WallFilter): WallView {
    const key = JSON.stringify(filter);
    if (key !== this.filterKey) {
      this.filterKey = key;
      this.views.clear();
      this.last = undefined;
    } else if (this.last && !this.dirty.size) {
      return this.last;
    }
    for (const room of this.dirty) this.views.delete(room);
    this.dirty.clear();
    const items: WallItem[] = [];
    let rooms = 0;
    let legs = 0;
    for (const room of this.sortedRooms) {
      let view = this.views.get(room);
      if (view === undefined) this.views.set(room, (view = this.deriveRoom(room, filter)));
      if (!view) continue;
      rooms++;
      legs += view.header.count;
      items.push(view.header);
      for (const row of view.rows) items.push(row);
    }
    return (this.last = { items, rooms, legs });
  }

  private row(leg: WallLeg): WallRow {
    const transfer = this.source.latestTransfer(leg.session_id);
    let row = this.rows.get(leg);
    if (!row || row.transfer !== transfer) {
      row = wallRow(leg, transfer, this.source.firstSeen);
      this.rows.set(leg, row);
    }
    return row;
  }

  /** One room's header and rows under `filter`, or null when none of its legs pass. */
  private deriveRoom(room: string, filter: WallFilter): RoomView | null {
    if (!inWorld(room, filter.world)) return null;
    const label = roomLabel(room, filter.world);
    const rows: WallRow[] = [];
    for (const id of this.members.get(room) ?? []) {
      const leg = this.source.leg(id);
      if (!leg) continue;
      const row = this.row(leg);
      if (matches(row, label, filter)) rows.push(row);
    }
    if (!rows.length) return null;
    const sign = filter.sort === 'longest' ? 1 : -1;
    rows.sort((a, b) => byDuration(a, b, sign));
    return {
      header: {
        type: 'room',
        room,
        label,
        count: rows.length,
        sessionIds: rows.map((r) => r.leg.session_id),
      },
      rows: rows.map((row) => ({ type: 'leg', row })),
    };
  }
}
