/**
 * What the wall lists, pure: the legs that pass the supervisor's filters, grouped by room
 * (rooms by name, each with its count), legs in a room by duration. One flat list of room
 * headers and leg rows, the shape a virtualised grid wants.
 */
import { cleanDisplayName } from './identity';
import { worldRoomOf } from './sandbox-world';
import {
  wallAddress,
  wallLegType,
  wallState,
  type WallLeg,
  type WallStateKey,
  type WallTransfer,
} from './wall';

export interface WallFilter {
  /** Part of a room's name ('' for every room). */
  room: string;
  /** A leg type ('pstn-dial-in'…) or '' for every kind. */
  kind: string;
  /** A state, 'live' (anything not ended or failed) or '' for all. */
  state: WallStateKey | 'live' | '';
  /** Part of a number, SIP address or name. */
  search: string;
  sort: 'longest' | 'shortest';
  /** A sandbox world (`?world=`): only its rooms. */
  world?: string;
}

export const DEFAULT_FILTER: WallFilter = {
  room: '',
  kind: '',
  state: 'live',
  search: '',
  sort: 'longest',
};

export interface WallRow {
  leg: WallLeg;
  transfer: WallTransfer | undefined;
  state: WallStateKey;
  name: string;
  /** When its duration counts from. */
  since: number;
}

export type WallItem =
  | { type: 'room'; room: string; label: string; count: number; sessionIds: string[] }
  | { type: 'leg'; row: WallRow };

/** The room as the supervisor reads it: `support` for `support.<world>` when a world is picked. */
export function roomLabel(room: string, world: string | undefined): string {
  if (!world) return room;
  const at = worldRoomOf(room);
  return at && at.world === world ? at.room : room;
}

export function inWorld(room: string, world: string | undefined): boolean {
  if (!world) return true;
  return worldRoomOf(room)?.world === world;
}

const digits = (s: string) => s.replace(/[^\d+]/g, '');

export function matches(row: WallRow, room: string, f: WallFilter): boolean {
  if (f.room && !room.toLowerCase().includes(f.room.trim().toLowerCase())) return false;
  if (f.kind && wallLegType(row.leg) !== f.kind) return false;
  if (f.state === 'live' && (row.state === 'ended' || row.state === 'failed')) return false;
  if (f.state && f.state !== 'live' && row.state !== f.state) return false;
  const q = f.search.trim().toLowerCase();
  if (!q) return true;
  const raw = `${row.leg.from_addr ?? ''} ${row.leg.to_addr ?? ''}`.toLowerCase();
  // The number as read ("+1 415 555 0124") is formatted only while a search needs it.
  const address = wallAddress(row.leg);
  if (row.name.toLowerCase().includes(q) || address.toLowerCase().includes(q)) return true;
  if (raw.includes(q)) return true;
  return digits(q).length >= 3 && digits(`${address} ${raw}`).includes(digits(q));
}

/** A leg's name for reading, once per row version (a changed row is a new object). */
const nameCache = new WeakMap<WallLeg, string>();
function nameOf(leg: WallLeg): string {
  let name = nameCache.get(leg);
  if (name === undefined) {
    name = cleanDisplayName(leg.display_name, leg.direction === 'dial-out' ? 'Dial-out' : 'Caller');
    nameCache.set(leg, name);
  }
  return name;
}

/** A leg and its latest transfer as the wall lists them. */
export function wallRow(
  leg: WallLeg,
  transfer: WallTransfer | undefined,
  firstSeen: (sessionId: string) => number,
): WallRow {
  return {
    leg,
    transfer,
    state: wallState(leg, transfer),
    name: nameOf(leg),
    since: leg.started_at ?? firstSeen(leg.session_id),
  };
}

/** Longest (sign 1) or shortest (-1) first; the session id breaks ties, so the order is one. */
export function byDuration(a: WallRow, b: WallRow, sign: 1 | -1): number {
  return (
    sign * (a.since - b.since) ||
    (a.leg.session_id < b.leg.session_id ? -1 : a.leg.session_id > b.leg.session_id ? 1 : 0)
  );
}

/** Where a leg without a room is listed. */
export const UNKNOWN_ROOM = '(unknown room)';

/**
 * Rooms (sorted) with their legs (by duration), as one list; and how many of each passed. The
 * whole derivation at once: the wall keeps the same result incrementally (`WallIndex`), and
 * its tests compare the two.
 */
export function wallItems(
  legs: Iterable<WallLeg>,
  latestTransfer: (sessionId: string) => WallTransfer | undefined,
  filter: WallFilter,
  firstSeen: (sessionId: string) => number,
): { items: WallItem[]; rooms: number; legs: number } {
  const byRoom = new Map<string, WallRow[]>();
  for (const leg of legs) {
    const room = leg.room ?? UNKNOWN_ROOM;
    if (!inWorld(room, filter.world)) continue;
    const row = wallRow(leg, latestTransfer(leg.session_id), firstSeen);
    if (!matches(row, roomLabel(room, filter.world), filter)) continue;
    const list = byRoom.get(room);
    if (list) list.push(row);
    else byRoom.set(room, [row]);
  }
  const items: WallItem[] = [];
  let count = 0;
  const sign = filter.sort === 'longest' ? 1 : -1;
  for (const room of [...byRoom.keys()].sort()) {
    const rows = byRoom.get(room)!.sort((a, b) => byDuration(a, b, sign));
    count += rows.length;
    items.push({
      type: 'room',
      room,
      label: roomLabel(room, filter.world),
      count: rows.length,
      sessionIds: rows.map((r) => r.leg.session_id),
    });
    for (const row of rows) items.push({ type: 'leg', row });
  }
  return { items, rooms: byRoom.size, legs: count };
}

/** The live region's summary of a window: "3 calls started, 1 ended in the last 10 s". */
export function churnSummary(started: number, ended: number, windowMs: number): string | undefined {
  if (!started && !ended) return undefined;
  const calls = (n: number) => `${n} call${n === 1 ? '' : 's'}`;
  const parts = [started ? `${calls(started)} started` : '', ended ? `${calls(ended)} ended` : ''];
  const what = parts.filter(Boolean).join(', ');
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} in the last ${Math.round(windowMs / 1000)} s`;
}
