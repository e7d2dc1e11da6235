/**
 * The supervisor wall's opening read: every leg still live across all rooms (and those that
 * ended lately, so the wall's meter and its "ended" rows start complete), with their transfers.
 * Read from the projections the event store keeps; the wall then follows the stream from the
 * sequence number read before these rows (re-applying an event is harmless: a projection row
 * replaces the previous one whole).
 */
import type { LegRow, TransferRow } from '../domain/projection';
import type { Queryable } from './database';
import { legFrom, strip, transferFrom } from './event-store';

/** A wall holds at most this many live legs (the bench's 5,000 with room to spare)… */
export const WALL_MAX_LEGS = 20_000;
/** …and this many of the legs that ended lately (the newest). */
export const WALL_MAX_ENDED = 2_000;

export interface WallSnapshot {
  legs: LegRow[];
  transfers: TransferRow[];
}

/**
 * Legs not ended (and started within `liveSinceMs`: a leg whose end Daily never reported does
 * not stay on the wall for ever), the newest of those ended since `endedSinceMs`, and every
 * transfer of them.
 */
export async function wallSnapshot(
  db: Queryable,
  opts: { endedSinceMs: number; liveSinceMs: number },
): Promise<WallSnapshot> {
  const live = await db.query(
    `SELECT * FROM legs WHERE ended_at IS NULL AND (started_at IS NULL OR started_at >= $1)
      ORDER BY last_seq DESC LIMIT $2`,
    [opts.liveSinceMs, WALL_MAX_LEGS],
  );
  const ended = await db.query(
    'SELECT * FROM legs WHERE ended_at >= $1 ORDER BY ended_at DESC LIMIT $2',
    [opts.endedSinceMs, WALL_MAX_ENDED],
  );
  const legs = [...ended.reverse(), ...live.reverse()].map((r) => strip(legFrom(r)));
  if (!legs.length) return { legs, transfers: [] };
  const transferRows = await db.query(
    'SELECT * FROM transfers WHERE session_id = ANY($1) ORDER BY last_seq',
    [legs.map((l) => l.session_id)],
  );
  return { legs, transfers: transferRows.map((r) => strip(transferFrom(r))) };
}
