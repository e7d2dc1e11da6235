/**
 * What a supervisor's REST hang-up may act on: only a SIP/PSTN leg the store knows from Daily's
 * webhooks (every row of the leg projection is one), still live. Anything else, an agent's
 * session id included, is refused with why, and Daily is not asked.
 */
import type { LegRow } from './projection';

/** Why a REST hang-up may not act on `leg` (unknown, or already ended), else undefined. */
export function hangUpRefusal(
  leg: LegRow | undefined,
  sessionId: string,
): { status: 404 | 409; error: string } | undefined {
  if (!leg) {
    return {
      status: 404,
      error: `No SIP/PSTN leg ${sessionId} in this room (agents are not hung up)`,
    };
  }
  if (leg.ended_at !== null) return { status: 409, error: `Leg ${sessionId} has already ended` };
  return undefined;
}
