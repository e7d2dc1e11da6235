/**
 * The supervisor wall's cost meter: what a leg has cost so far, from Daily's billing rules
 * (spec §6) and rates a configuration file gives (`config/rates.json`: example values, since a
 * customer's contract is not known here).
 *
 * - A leg is billed per minute of its network (PSTN or SIP) from when it connected to when it
 *   stopped, or until now while it lasts.
 * - A transfer keeps Daily in the call path: the caller's leg stays billed until Daily says the
 *   transferred call completed, and the new leg is billed from when the target answered,
 *   at its own network's rate (PSTN→PSTN: two PSTN minutes per minute).
 * - A refer takes Daily out of the call once it starts: the caller's leg is billed until then,
 *   plus the one-time REFER fee.
 *
 * Pure: times are ms epochs and `now` is an argument.
 */
import type { LegNetwork } from './cost';

export interface Rates {
  currency: string;
  perMinute: Record<LegNetwork, number>;
  referFee: number;
  /** True while the file still holds its example values. */
  example?: boolean;
}

export interface MeterLeg {
  network: LegNetwork | null;
  startedAt: number | null;
  endedAt: number | null;
}

export interface MeterTransfer {
  toEndpoint: string;
  refer: boolean;
  initiatedAt: number | null;
  answeredAt: number | null;
  completedAt: number | null;
}

export interface LegCost {
  amount: number;
  minutes: Record<LegNetwork, number>;
  fees: number;
}

export const NO_COST: LegCost = Object.freeze({ amount: 0, minutes: { pstn: 0, sip: 0 }, fees: 0 });

/** The network a transfer's target is billed on: a number (or a SIP URI of one) is PSTN. */
export function addressNetwork(address: string): LegNetwork {
  const user = address.replace(/^sips?:/i, '').split('@')[0] ?? '';
  return /^\+?\d{6,15}$/.test(user) ? 'pstn' : /^sips?:/i.test(address) ? 'sip' : 'pstn';
}

const minutesBetween = (from: number | null, to: number): number =>
  from === null ? 0 : Math.max(0, to - from) / 60_000;

/** What one leg (and the legs its transfers added) has cost up to `now`. */
export function legCost(
  leg: MeterLeg,
  transfers: readonly MeterTransfer[],
  rates: Rates,
  now: number,
): LegCost {
  const minutes: Record<LegNetwork, number> = { pstn: 0, sip: 0 };
  let fees = 0;
  let end = leg.endedAt ?? now;
  for (const t of transfers) {
    if (t.refer) {
      fees += rates.referFee;
      if (t.initiatedAt !== null) end = Math.min(end, t.initiatedAt);
      continue;
    }
    if (t.initiatedAt === null) continue;
    // Daily stays anchored: the caller's leg runs on until the transferred call completes.
    end = Math.max(end, t.completedAt ?? now);
    minutes[addressNetwork(t.toEndpoint)] += minutesBetween(t.answeredAt, t.completedAt ?? now);
  }
  if (leg.network) minutes[leg.network] += minutesBetween(leg.startedAt, end);
  const amount = minutes.pstn * rates.perMinute.pstn + minutes.sip * rates.perMinute.sip + fees;
  return { amount, minutes, fees };
}

/** Sums costs (a room's legs, every room). */
export function addCosts(costs: Iterable<LegCost>): LegCost {
  const total = { amount: 0, minutes: { pstn: 0, sip: 0 }, fees: 0 };
  for (const c of costs) {
    total.amount += c.amount;
    total.minutes.pstn += c.minutes.pstn;
    total.minutes.sip += c.minutes.sip;
    total.fees += c.fees;
  }
  return total;
}

/**
 * One formatter per currency (null: a code `Intl` refuses): building an `Intl.NumberFormat` costs
 * far more than formatting with one, and the wall formats every visible row's cost every second.
 */
const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currency: string): Intl.NumberFormat | null {
  let format = moneyFormats.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: 3,
        maximumFractionDigits: 3,
      });
    } catch {
      format = null;
    }
    moneyFormats.set(currency, format);
  }
  return format;
}

/** `$0.053` — three decimals: a minute of SIP is a fraction of a cent. */
export function formatMoney(amount: number, currency: string): string {
  return moneyFormat(currency)?.format(amount) ?? `${amount.toFixed(3)} ${currency}`;
}
