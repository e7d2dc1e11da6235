/**
 * The simulated Daily cloud (sandbox mode only): worlds of rooms, each room one simulated Daily
 * room (`cloud-room.ts`: the framework-free `SandboxCall` core from `src/sandbox`, run here as
 * the room's engine), shared by every console that joins it.
 *
 * A world is a namespace of rooms: the default world is shared by every tab; a test picks its
 * own (`?world=` in the page URL) so parallel tests never see each other's calls. Worlds,
 * rooms and consoles are bounded; an idle world is dropped first when the bound is reached.
 */
import {
  CLOUD_METHODS,
  HEARTBEAT_HEADER,
  type CloudMessage,
  type CloudMethod,
  type RoomState,
  type SandboxWebhook,
} from '../../src/sandbox/engine';
import {
  CLOUD_ROOM,
  DEFAULT_WORLD,
  WORLD_NAME,
  webhookRoomName,
} from '../../src/domain/sandbox-world';
import { CloudError } from './cloud-error';
import { CloudRoom, type ConsoleSink } from './cloud-room';

export { CLOUD_METHODS, CloudError, CloudRoom, DEFAULT_WORLD, HEARTBEAT_HEADER, WORLD_NAME };
export type { CloudMessage, CloudMethod, ConsoleSink, RoomState };

export interface CloudLimits {
  worlds: number;
  roomsPerWorld: number;
  consolesPerRoom: number;
  /** Callers `addParticipants` may bring into one room, in all (it is shared by its consoles). */
  callersPerRoom: number;
}

export const DEFAULT_LIMITS: CloudLimits = {
  worlds: 200,
  roomsPerWorld: 500,
  consolesPerRoom: 100,
  callersPerRoom: 20_000,
};

export interface CloudOptions {
  /** Daily's webhook for a happening in `room` of `world`. */
  onWebhook?: (world: string, webhook: SandboxWebhook) => void;
  limits?: Partial<CloudLimits>;
  /** Engine timings for new rooms (tests make them short). */
  timings?: { latencyMs?: number; ringMs?: number; transferDelayMs?: number };
}

/** Every world, created on first use. */
export class SandboxCloud {
  readonly limits: CloudLimits;
  private readonly worlds = new Map<string, World>();

  constructor(readonly options: CloudOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /**
   * @param by the account that uses it (the first one is its creator, who may reset it).
   * @throws CloudError 400 for a bad name, 503 when every world is in use.
   */
  world(name: string = DEFAULT_WORLD, by?: number): World {
    if (!WORLD_NAME.test(name)) {
      throw new CloudError(400, 'world: 1-64 letters, digits, "-" or "_"');
    }
    let world = this.worlds.get(name);
    if (world) {
      // Most recently used last: eviction takes the oldest idle world.
      this.worlds.delete(name);
      this.worlds.set(name, world);
      return world;
    }
    if (this.worlds.size >= this.limits.worlds) this.evictIdleWorld();
    world = new World(name, this, name === DEFAULT_WORLD ? undefined : by);
    this.worlds.set(name, world);
    return world;
  }

  /** An existing world, or undefined (reads never create one). */
  peek(name: string): World | undefined {
    return this.worlds.get(name);
  }

  private evictIdleWorld(): void {
    for (const [name, world] of this.worlds) {
      if (world.consoleCount === 0 && !world.trafficRunning) {
        world.reset();
        this.worlds.delete(name);
        return;
      }
    }
    throw new CloudError(503, 'the sandbox cloud is full: every world has consoles in it');
  }

  /** Stops every world (server shutdown): consoles are told why their room closed. */
  close(): void {
    for (const world of this.worlds.values()) world.reset('the sandbox server is shutting down');
    this.worlds.clear();
  }
}

/** A namespace of rooms; rooms are created when first joined or dialled. */
export class World {
  private readonly rooms = new Map<string, CloudRoom>();
  private trafficStop: (() => void) | undefined;
  /** The running (or last) traffic's counts, for the summary. */
  trafficStats: { started: number; skipped: number; live: number } | undefined;

  constructor(
    readonly name: string,
    readonly cloud: SandboxCloud,
    /** The account that first used it; none for the shared default world. */
    readonly creator?: number,
  ) {}

  /**
   * Why `account` may not reset this world (everyone's consoles in it would close), else
   * undefined: admins may reset any world, others only one they created.
   */
  resetRefusal(account: { id: number; role: string }): string | undefined {
    if (account.role === 'admin' || (this.creator !== undefined && this.creator === account.id)) {
      return undefined;
    }
    return 'Only an admin or the account that started this sandbox world may reset it';
  }

  get consoleCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.consoles.size;
    return n;
  }

  get trafficRunning(): boolean {
    return this.trafficStop !== undefined;
  }

  /** @throws CloudError 400 for a bad room name, 503 past the room limit. */
  room(name: string): CloudRoom {
    if (!CLOUD_ROOM.test(name)) {
      throw new CloudError(400, 'room: not a valid Daily room name (letters, digits, "-", "_")');
    }
    let room = this.rooms.get(name);
    if (!room) {
      if (this.rooms.size >= this.cloud.limits.roomsPerWorld) {
        throw new CloudError(503, `a world holds at most ${this.cloud.limits.roomsPerWorld} rooms`);
      }
      room = new CloudRoom(name, this);
      this.rooms.set(name, room);
    }
    return room;
  }

  peek(name: string): CloudRoom | undefined {
    return this.rooms.get(name);
  }

  /** The room a SIP URI reaches: `sip:<room>@sandbox.sip.daily.co`, else undefined. */
  roomForSipUri(uri: string): CloudRoom | undefined {
    const match = /^sips?:([^@]+)@sandbox\.sip\.daily\.co$/i.exec(uri.split(/[;?]/)[0] ?? '');
    if (!match?.[1]) return undefined;
    try {
      return this.room(match[1]);
    } catch {
      return undefined;
    }
  }

  summary(): { name: string; legs: number; consoles: number; events: number }[] {
    return [...this.rooms.values()].map((r) => ({
      name: r.name,
      legs: r.engine.telephonySessions().length,
      consoles: r.consoles.size,
      events: r.eventCount,
    }));
  }

  /** Hands a room's webhook to the relay, its room named per world ({@link webhookRoomName}). */
  webhook(webhook: SandboxWebhook): void {
    const room = webhook.payload.room;
    const named =
      typeof room === 'string'
        ? { ...webhook, payload: { ...webhook.payload, room: webhookRoomName(room, this.name) } }
        : webhook;
    this.cloud.options.onWebhook?.(this.name, named);
  }

  /** Empties the world: every room closes (its consoles' streams end), traffic stops. */
  reset(reason = 'the sandbox world was reset'): void {
    this.trafficStop?.();
    this.trafficStop = undefined;
    for (const room of this.rooms.values()) room.close(reason);
    this.rooms.clear();
  }

  setTraffic(stop: (() => void) | undefined): void {
    this.trafficStop?.();
    this.trafficStop = stop;
  }
}
