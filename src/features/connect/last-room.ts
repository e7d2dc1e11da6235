/**
 * The room each account joined last on this browser, so the connect screen offers it first.
 * Only the room's name is kept (never a token); storage that is full or blocked just means the
 * first room is offered, as before.
 */
const key = (username: string) => `console.last-room.${username}`;

export function lastRoomOf(username: string): string | undefined {
  try {
    return window.localStorage.getItem(key(username)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberRoom(username: string, room: string): void {
  try {
    window.localStorage.setItem(key(username), room);
  } catch {
    // Not remembered: the connect screen offers the first room next time.
  }
}
