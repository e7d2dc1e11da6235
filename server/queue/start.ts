/**
 * The queues, started with the server: the store, the engine (loaded from the store, so calls
 * waiting before a restart are offered again), its clock tick, the dial-in events it follows,
 * the route it uses (Daily's `pinlessCallUpdate` to the agent's room's SIP URI) and, in sandbox
 * mode, the simulated pinless line.
 */
import type { Config } from '../config';
import { DailyApiError, type DailyClient } from '../daily/rest-client';
import type { Logger } from '../log';
import type { SandboxCloud } from '../sandbox/cloud';
import type { DailyDouble } from '../sandbox/daily-double';
import { PinlessLine } from '../sandbox/pinless-line';
import type { Database } from '../store/database';
import type { EventStore } from '../store/event-store';
import { QueueEngine, type RouteOutcome } from './engine';
import { followLegs } from './leg-follower';
import { createQueueStore, type QueueCall } from './queue-store';

const TICK_MS = 500;

export async function startQueues(deps: {
  config: Config;
  db: Database;
  store: EventStore;
  daily: DailyClient;
  log: Logger;
  cloud: SandboxCloud | undefined;
  double: DailyDouble | undefined;
  selfUrl: () => string;
  now: () => number;
}) {
  const { daily, log } = deps;
  const store = createQueueStore(deps.db);
  const route = async (call: QueueCall, room: string): Promise<RouteOutcome> => {
    let sipUri: string | undefined;
    try {
      sipUri = (await daily.getRoom(room)).config.sip_uri?.endpoint ?? undefined;
    } catch (error) {
      return {
        ok: false,
        gone: false,
        error: `Could not look up your room: ${String((error as Error).message)}`,
      };
    }
    if (!sipUri)
      return {
        ok: false,
        gone: false,
        error: `Room ${room} has no SIP URI (enable dial-in on it)`,
      };
    try {
      await daily.pinlessCallUpdate({ callId: call.callId, callDomain: call.callDomain, sipUri });
      return { ok: true };
    } catch (error) {
      // ASSUMPTION: Daily answers 404 for a call no longer on hold (docs/daily-api.md).
      const gone = error instanceof DailyApiError && error.kind === 'not-found';
      log.warn({ err: error, callId: call.callId }, 'queue: pinlessCallUpdate failed');
      return {
        ok: false,
        gone,
        error: `Daily did not connect the caller: ${(error as Error).message}`,
      };
    }
  };
  const engine = new QueueEngine({
    store,
    route,
    log,
    timings: deps.config.queueTimings,
    now: deps.now,
  });
  await engine.start();
  const tick = setInterval(
    () =>
      void engine.tick().catch((error: unknown) => log.error({ err: error }, 'queue: tick failed')),
    TICK_MS,
  );
  tick.unref();
  const unfollow = await followLegs(deps.db, deps.store, engine, log);
  const pinless =
    deps.cloud && deps.double && deps.config.pinlessSecret
      ? new PinlessLine({
          cloud: deps.cloud,
          numbers: () => deps.double!.numbers.map((n) => n.number),
          secret: deps.config.pinlessSecret,
          target: () => `${deps.selfUrl()}/webhooks/pinless`,
          log,
        })
      : undefined;
  return {
    engine,
    store,
    pinless,
    async stop() {
      clearInterval(tick);
      pinless?.close();
      await unfollow();
    },
  };
}
