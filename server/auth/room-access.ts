/**
 * Least privilege for the meeting tokens the server mints: which rooms a role may join, and
 * which rights its token carries there.
 *
 * Rooms: supervisors and admins may join every room of the domain (they watch and act across
 * the floor); agents only the rooms in `AGENT_ROOMS` (comma-separated names) when it is set —
 * unset, every room of the domain, as before (a sandbox's rooms are made up as it goes).
 *
 * Rights: what the console's own actions need and no more. Transfers, refers, dial-outs, DTMF
 * and the eject behind Hang up need "a room owner or participant admin" (Daily's method pages
 * and its refusal text; see docs/daily-api.md), so every role gets participant admin
 * (`permissions: { canAdmin: ['participants'] }`) and **no owner**: an owner token also
 * carries the room's other owner powers, which no console action uses. Should a real account
 * show a call that needs owner after all, `OWNER_TOKEN_ROLES` (comma-separated roles) gives
 * those roles owner tokens again without a code change.
 */
import type { MeetingTokenRequest } from '../daily/rest-client';
import { ROOM_NAME } from '../domain/room-name';
import { ROLES, type Role } from './accounts';

export interface RoomAccess {
  /** The rooms agents may join; undefined: every room of the domain. */
  agentRooms?: ReadonlySet<string>;
  /** Roles whose tokens are owner tokens (none by default). */
  ownerRoles: ReadonlySet<Role>;
}

type Env = Record<string, string | undefined>;

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** `AGENT_ROOMS` and `OWNER_TOKEN_ROLES`, each bad entry named in `errors`. */
export function parseRoomAccess(env: Env, errors: string[]): RoomAccess {
  const rooms = list(env.AGENT_ROOMS);
  for (const r of rooms.filter((r) => !ROOM_NAME.test(r))) {
    errors.push(`AGENT_ROOMS: "${r}" is not a room name (letters, digits, ".", "_" or "-")`);
  }
  const roles = list(env.OWNER_TOKEN_ROLES);
  for (const r of roles.filter((r) => !(ROLES as readonly string[]).includes(r))) {
    errors.push(`OWNER_TOKEN_ROLES: "${r}" is not one of ${ROLES.join(', ')}`);
  }
  return {
    ...(rooms.length ? { agentRooms: new Set(rooms) } : {}),
    ownerRoles: new Set(roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r))),
  };
}

/** Whether `role` may join `room` (and so be given a token for it). */
export function mayJoin(access: RoomAccess, role: Role, room: string): boolean {
  if (role !== 'agent' || !access.agentRooms) return true;
  return access.agentRooms.has(room);
}

/**
 * The rooms whose data `role` may read (events, calls, counts): the rooms it may join, so an
 * agent on a server with `AGENT_ROOMS` learns nothing of the others; undefined: every room.
 */
export function readableRooms(access: RoomAccess, role: Role): ReadonlySet<string> | undefined {
  return role === 'agent' ? access.agentRooms : undefined;
}

/** The refusal for a room outside what the account may read. */
export const roomRefusal = (room: string) => ({
  error: `Agents may not see ${room} on this server (AGENT_ROOMS)`,
});

/** The rights part of a meeting token for `role`: participant admin, or owner where configured. */
export function tokenRights(
  access: RoomAccess,
  role: Role,
): Pick<MeetingTokenRequest, 'is_owner' | 'permissions'> {
  if (access.ownerRoles.has(role)) return { is_owner: true };
  return { is_owner: false, permissions: { canAdmin: ['participants'] } };
}
