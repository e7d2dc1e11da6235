import type { DailyCall } from '@daily-co/daily-js';

/**
 * The narrow slice of daily-js's DailyCall that this console (and daily-react underneath it)
 * actually uses. The sandbox implements exactly this, so every signature is checked against
 * daily-js's own types.
 */
export type ConsoleCallApi = Pick<
  DailyCall,
  | 'callClientId'
  | 'join'
  | 'leave'
  | 'destroy'
  | 'isDestroyed'
  | 'meetingState'
  | 'participants'
  | 'participantCounts'
  | 'updateParticipant'
  | 'meetingSessionSummary'
  | 'meetingSessionState'
  | 'getInputDevices'
  | 'enumerateDevices'
  | 'room'
  | 'getNetworkTopology'
  | 'on'
  | 'once'
  | 'off'
  | 'sipCallTransfer'
  | 'sipRefer'
  | 'startDialOut'
  | 'stopDialOut'
  | 'sendDTMF'
>;

/** The telephony methods the sandbox records in `window.sandbox.calls()`. */
export const TELEPHONY_METHODS = [
  'sipCallTransfer',
  'sipRefer',
  'startDialOut',
  'stopDialOut',
  'sendDTMF',
  'updateParticipant',
] as const;
export type TelephonyMethod = (typeof TELEPHONY_METHODS)[number];
