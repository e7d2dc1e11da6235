/**
 * `traffic()`: realistic calls across many rooms of a world, for demos, the supervisor wall and
 * benchmarks. Callers dial in (alternating PSTN and SIP, unique names "Traffic 000001"…), talk
 * for about `holdS` seconds (half to one and a half times it), then: 70 % hang up, 20 % are
 * transferred to another of the rooms (they arrive there and hang up after another hold), 10 %
 * are transferred out to a PSTN number. New calls stop after `durationS`; calls under way end
 * on their own. At most `TRAFFIC_LIMITS.liveLegs` traffic legs are live at once (more are
 * skipped, and counted).
 *
 * Through queues (`queues`): that share of the calls are PSTN callers dialling the queues'
 * numbers on the simulated pinless line instead, so they are held, offered to agents and routed
 * into the room of whoever accepts; such a caller hangs up about `holdS` after reaching the
 * agent (or gives up on hold when nobody takes the call: the line's timeout message).
 */
import { SandboxTimers } from '../../src/sandbox/engine';
import { CloudError, type CloudRoom, type World } from './cloud';
import type { HeldState } from './pinless-line';

export const TRAFFIC_LIMITS = {
  rooms: 500,
  callsPerMinute: 6_000,
  durationS: 3_600,
  liveLegs: 5_000,
} as const;

export interface TrafficPlan {
  rooms: number | string[];
  callsPerMinute: number;
  durationS: number;
  holdS?: number;
  /** Calls already under way at the start (spread over the rooms), for a steady state at once. */
  initialCalls?: number;
  /** Send calls through queues: `share` (default all) of them dial these numbers, in turn. */
  queues?: { numbers: string[]; share?: number };
}

/** The simulated pinless line (`PinlessLine`), as traffic through queues uses it. */
export interface TrafficLine {
  dial(input: {
    world: string;
    from: string;
    to: string;
    name: string;
  }): Promise<{ callId: string; state: HeldState }>;
  hangUp(callId: string): unknown;
  watch(callId: string, fn: (state: HeldState) => void): void;
}

export interface TrafficStats {
  started: number;
  skipped: number;
  live: number;
  /** Of `started`, the calls that dialled a queue's number. */
  queued?: number;
}

/** Starts traffic in a world (replacing any already running); returns what it will do. */
export function startTraffic(
  world: World,
  plan: TrafficPlan,
  random: () => number = Math.random,
  line?: TrafficLine,
): { rooms: string[]; callsPerMinute: number; durationS: number; holdS: number } {
  const queued = plan.queues?.numbers.length ? plan.queues : undefined;
  if (queued && !line) throw new CloudError(400, 'queues: this server has no pinless line');
  const names =
    typeof plan.rooms === 'number'
      ? Array.from({ length: plan.rooms }, (_, i) => `traffic-${String(i + 1).padStart(3, '0')}`)
      : [...new Set(plan.rooms)];
  if (names.length > world.cloud.limits.roomsPerWorld) {
    throw new CloudError(400, `rooms: at most ${world.cloud.limits.roomsPerWorld}`);
  }
  const rooms = names.map((n) => world.room(n));
  const holdS = plan.holdS ?? 60;
  const stats: TrafficStats = { started: 0, skipped: 0, live: 0, ...(queued ? { queued: 0 } : {}) };
  const timers = new SandboxTimers();
  let stopped = false;
  // A call still dialling when traffic stops schedules nothing more.
  const later = (ms: number, fn: () => void) => {
    if (!stopped) timers.after(ms, fn);
  };
  const hold = () => holdS * 1000 * (0.5 + random());

  const hangUpLater = (room: CloudRoom, sessionId: string, ms = hold()) =>
    later(ms, () => {
      stats.live--;
      try {
        room.engine.hangUp(sessionId);
      } catch {
        // Already gone (an agent transferred or hung up on it).
      }
    });

  /** Whether call `n` goes through a queue: `share` of the calls, spread evenly. */
  const share = Math.min(Math.max(queued?.share ?? 1, 0), 1);
  const throughQueue = (n: number) =>
    !!queued && Math.floor(n * share) !== Math.floor((n - 1) * share);

  /** A PSTN caller dials a queue's number; live until they hang up after reaching an agent. */
  const dialQueue = async (n: number, id: string) => {
    const to = queued!.numbers[n % queued!.numbers.length]!;
    stats.queued!++;
    stats.live++;
    try {
      const from = `+1415${String(5_000_000 + (n % 5_000_000))}`;
      const call = await line!.dial({ world: world.name, from, to, name: `Traffic ${id}` });
      line!.watch(call.callId, (state) => {
        if (state !== 'routed') return void stats.live--;
        later(hold(), () => {
          stats.live--;
          line!.hangUp(call.callId);
        });
      });
    } catch {
      stats.live--;
    }
  };

  const place = async (index: number, firstHoldMs?: number) => {
    if (stats.live >= TRAFFIC_LIMITS.liveLegs) {
      stats.skipped++;
      return;
    }
    const n = ++stats.started;
    const id = String(n).padStart(6, '0');
    if (throughQueue(n)) return dialQueue(n, id);
    const room = rooms[index % rooms.length]!;
    const pstn = n % 2 === 1;
    const from = pstn
      ? `+1415${String(5_000_000 + (n % 5_000_000))}`
      : `sip:caller${id}@sip.example.com`;
    stats.live++;
    let sessionId: string;
    try {
      await room.ready;
      sessionId = await room.engine.dialIn({
        kind: pstn ? 'pstn' : 'sip',
        from,
        name: `Traffic ${id}`,
      });
    } catch {
      stats.live--;
      return;
    }
    const fate = random();
    if (fate < 0.7 || rooms.length < 2) return hangUpLater(room, sessionId, firstHoldMs);
    later(firstHoldMs ?? hold(), () => {
      const toRoom = fate < 0.9;
      const target = rooms[(index + 1 + Math.floor(random() * (rooms.length - 1))) % rooms.length]!;
      const toEndPoint = toRoom ? `sip:${target.name}@sandbox.sip.daily.co` : '+12025550188';
      room.engine.sipCallTransfer({ sessionId, toEndPoint }).then(
        () => {
          if (!toRoom) return void stats.live--;
          // The caller arrives in the target room; it hangs up there after another hold.
          later(room.engine.settings().transferDelayMs + 2_000, () => {
            const arrived = target.engine
              .telephonySessions()
              .find((l) => l.name === `Traffic ${id}`);
            if (arrived) hangUpLater(target, arrived.sessionId);
            else stats.live--;
          });
        },
        () => void stats.live--,
      );
    });
  };

  // Calls already under way: each is somewhere in its talk time.
  for (let i = 0; i < Math.min(plan.initialCalls ?? 0, TRAFFIC_LIMITS.liveLegs); i++) {
    void place(i, random() * hold());
  }
  const everyMs = 60_000 / plan.callsPerMinute;
  const startedAt = Date.now();
  let index = 0;
  const tick = () => {
    const due = Math.floor((Date.now() - startedAt) / everyMs);
    while (index <= due && Date.now() - startedAt < plan.durationS * 1000) void place(index++);
    if (Date.now() - startedAt < plan.durationS * 1000) later(Math.max(everyMs, 20), tick);
  };
  tick();
  world.setTraffic(() => {
    stopped = true;
    timers.cancelAll();
  });
  world.trafficStats = stats;
  return { rooms: names, callsPerMinute: plan.callsPerMinute, durationS: plan.durationS, holdS };
}
