import { isDialOutType, isPstnType, type TelephonyType } from './telephony';

/**
 * Billing explanations for the transfer, refer and dial-out dialogs (spec §6 and Daily's
 * "SIP Call Transfer and SIP REFER" page). No prices: Daily quotes those on daily.co/pricing
 * or on request; these notices only explain which minutes and fees apply.
 */

/** The network a leg is billed on. */
export type LegNetwork = 'pstn' | 'sip';

/** A few agent-facing sentences: a headline and the lines under it. */
export interface CostNotice {
  headline: string;
  lines: string[];
}

/** 'pstn' for PSTN dial-in/dial-out legs, 'sip' for SIP ones. */
export function networkOfLeg(type: TelephonyType): LegNetwork {
  return isPstnType(type) ? 'pstn' : 'sip';
}

function networkName(network: LegNetwork): string {
  return network === 'pstn' ? 'PSTN' : 'SIP';
}

function legName(type: TelephonyType): string {
  return `${networkName(networkOfLeg(type))} ${isDialOutType(type) ? 'dial-out' : 'dial-in'}`;
}

function transferRate(from: LegNetwork, to: LegNetwork): string {
  if (from === to) {
    const name = networkName(from);
    return `Rate: 2 ${name} minutes per minute of the transferred call (1 for each leg).`;
  }
  return (
    'Rate: 1 SIP minute + 1 PSTN minute per minute of the transferred call. ' +
    "This mixed rate is Daily's implied rule, not a quoted price."
  );
}

/**
 * What a sipCallTransfer costs: the caller leaves this room, Daily stays in the call path, and
 * both legs keep being billed for the whole transferred call at a rate set by the leg kinds.
 */
export function transferCostNotice(from: TelephonyType, to: LegNetwork): CostNotice {
  const fromNetwork = networkOfLeg(from);
  const lines = [
    `Caller: ${legName(from)} → new leg: ${networkName(to)}`,
    'The caller leaves this room, but Daily stays in the call path: the call remains anchored on Daily.',
    "Both legs — the caller's original leg and the new one — keep being billed for the whole transferred call.",
    transferRate(fromNetwork, to),
    'Per-minute prices: see daily.co/pricing or ask Daily.',
  ];
  if (fromNetwork === 'sip') {
    lines.push(
      "To hand the call off without Daily staying in it, use Refer instead (only if the caller's SIP system accepts REFER).",
    );
  }
  return { headline: 'Transfer keeps Daily in the call — both legs are billed', lines };
}

/**
 * What a sipRefer costs: Daily hands the call back to the originating SIP system and leaves it
 * for good; a one-time SIP REFER fee may apply; it needs an originator that accepts REFER.
 */
export function referCostNotice(): CostNotice {
  return {
    headline: 'Refer hands the call back to the originating SIP system',
    lines: [
      'Daily hands the call back to the originating SIP system and leaves the call for good — there is no way back from this console.',
      'A one-time SIP REFER fee may apply each time a refer is invoked (contact Daily for pricing).',
      'Once the refer succeeds, Daily is out of the call and its per-minute usage for this call stops.',
      'It only works if the originating SIP system accepts REFER — otherwise use Transfer (Daily then stays in the call and both legs keep being billed).',
    ],
  };
}

/** What a startDialOut costs: a new SIP/PSTN leg in this room, billed per minute while connected. */
export function dialOutCostNotice(to: LegNetwork): CostNotice {
  const name = networkName(to);
  return {
    headline: `Dial-out adds a new ${name} leg to this room`,
    lines: [
      `Daily calls the ${to === 'pstn' ? 'phone number' : 'SIP address'} and brings it into this room as a new ${name} leg.`,
      `The new leg is billed per minute (${name} minutes) while it is connected.`,
      'Hang up the leg to stop its billing. Per-minute prices: see daily.co/pricing or ask Daily.',
    ],
  };
}
