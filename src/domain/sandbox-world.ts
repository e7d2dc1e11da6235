/**
 * Worlds of the server's simulated Daily cloud (sandbox mode): each is a cloud of its own, so
 * parallel tests never meet. Shared by the cloud, its wire protocol and the console (which
 * follows its room's webhooks under the world's name for it).
 */

/** A world's name (`?world=`): letters, digits, `-` and `_`, at most 64. */
export const WORLD_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A room of the simulated cloud: Daily's own rule (letters, digits, `-`, `_`; no "."), so that
 * `<room>.<world>` names exactly one room of one world.
 */
export const CLOUD_ROOM = /^[A-Za-z0-9_-]{1,128}$/;

/** The world every console joins unless its page asks for another (`?world=`). */
export const DEFAULT_WORLD = 'default';

/** The world a page asks for with `?world=`, when it is a valid name. */
export function worldFromSearch(search: string): string | undefined {
  const world = new URLSearchParams(search).get('world');
  return world && WORLD_NAME.test(world) ? world : undefined;
}

/**
 * The room name the simulated cloud's webhooks carry (`payload.room`), and so the room a
 * console's webhook feed follows: the room's own name in the default world, `<room>.<world>`
 * in any other. Each world is a cloud of its own, so its rooms are other rooms: a test in world
 * `t1` never sees the webhooks of `support` in world `t2`. Daily's room names have no ".", so
 * the two forms never collide.
 */
export function webhookRoomName(room: string, world: string | undefined): string {
  return !world || world === DEFAULT_WORLD ? room : `${room}.${world}`;
}

/** The world and room a webhook room name stands for (the inverse of {@link webhookRoomName}). */
export function worldRoomOf(name: string): { world: string; room: string } | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return CLOUD_ROOM.test(name) ? { world: DEFAULT_WORLD, room: name } : undefined;
  const [room, world] = [name.slice(0, dot), name.slice(dot + 1)];
  return CLOUD_ROOM.test(room) && WORLD_NAME.test(world) ? { world, room } : undefined;
}
