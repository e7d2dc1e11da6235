import { worldRoomOf } from '../../src/domain/sandbox-world';

/**
 * A room name as the server accepts it in a path or a query (Daily's names are letters,
 * digits, "-" and "_"; "." is let through but not first, so no name reads as a path segment).
 */
export const ROOM_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;
export const ROOM_NAME_RULE = 'Room name: letters, digits, ".", "_" or "-" only (at most 128)';

/**
 * A room as webhooks name it and the event stream filters it: a room name, or a sandbox world's
 * `<room>.<world>` — the world naming's own reading of it (`worldRoomOf`), not a second rule.
 */
export function isWebhookRoom(name: string): boolean {
  return ROOM_NAME.test(name) || worldRoomOf(name) !== undefined;
}
export const WEBHOOK_ROOM_RULE =
  'Room: a room name, or a sandbox world’s <room>.<world> (letters, digits, ".", "_" or "-"; at most 193)';
