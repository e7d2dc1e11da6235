import { addCosts, legCost, NO_COST, type LegCost, type Rates } from '../../domain/cost-meter';
import { wallLegNetwork, type WallLeg, type WallTransfer } from '../../domain/wall';
import { wallStore } from './wall-store';

/** One leg's meter, from its projection rows (the wire's snake case to the meter's fields). */
export function wallLegCost(
  leg: WallLeg,
  transfers: readonly WallTransfer[],
  rates: Rates | undefined,
  now: number,
): LegCost {
  if (!rates) return NO_COST;
  return legCost(
    { network: wallLegNetwork(leg), startedAt: leg.started_at, endedAt: leg.ended_at },
    transfers.map((t) => ({
      toEndpoint: t.to_endpoint,
      refer: t.refer,
      initiatedAt: t.initiated_at,
      answeredAt: t.answered_at,
      completedAt: t.completed_at,
    })),
    rates,
    now,
  );
}

/** The sum over some legs of the store (a room's, or all of them). */
export function costOf(
  sessionIds: Iterable<string>,
  rates: Rates | undefined,
  now: number,
): LegCost {
  if (!rates) return NO_COST;
  const costs: LegCost[] = [];
  for (const id of sessionIds) {
    const leg = wallStore.leg(id);
    if (leg) costs.push(wallLegCost(leg, wallStore.transfersOf(id), rates, now));
  }
  return addCosts(costs);
}
