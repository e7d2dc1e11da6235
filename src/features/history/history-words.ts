/**
 * How the history reads: times with the date and seconds (a timeline's steps with
 * milliseconds), callers formatted for reading, and each webhook of a timeline in words.
 */
import { formatAddressForReading } from '../../domain/leg-label';
import type { WrapUpRecord } from '../../domain/queue';
import type { Step } from './history-api';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
});
const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
});

export const formatWhen = (ms: number) => dateTime.format(ms);
export const formatClock = (ms: number) => clock.format(ms);

export function callerText(caller: string | null, name: string | null): string {
  const address = caller ? formatAddressForReading(caller) : 'Unknown caller';
  return name ? `${name} (${address})` : address;
}

const WORDS: Record<string, string> = {
  'dialin.connected': 'Caller dialled in',
  'dialin.stopped': 'Dial-in ended',
  'dialin.error': 'Dial-in failed',
  'dialin.warning': 'Dial-in warning',
  'dialout.connected': 'Dial-out ringing',
  'dialout.answered': 'Dial-out answered',
  'dialout.stopped': 'Dial-out ended',
  'dialout.error': 'Dial-out failed',
  'dialout.warning': 'Dial-out warning',
  'calltransfer.triggered': 'Transfer accepted by Daily',
  'calltransfer.initiated': 'Transfer initiated: the caller left the room',
  'calltransfer.answered': 'Transfer answered by the target',
  'calltransfer.completed': 'Transfer completed',
};

/** One timeline step in words: what happened, and to where or why. */
export function stepWords(step: Step): string {
  const refer = step.detail.is_sip_refer === true;
  let words = WORDS[step.type] ?? step.type;
  if (refer) words = words.replace('Transfer', 'Refer');
  const to = step.detail.to_endpoint;
  const why = step.detail.error_msg ?? step.detail.error ?? step.detail.message;
  if (typeof to === 'string' && step.type === 'calltransfer.triggered') {
    words += ` → ${formatAddressForReading(to)}`;
  }
  if (typeof step.detail.destination === 'string' && step.type === 'dialout.connected') {
    words += ` → ${formatAddressForReading(step.detail.destination)}`;
  }
  if (typeof why === 'string') words += `: ${why}`;
  return words;
}

/** A queue call's disposition as the list shows it: its label (the code if it was removed). */
export function dispositionText(w: WrapUpRecord | null | undefined): string {
  if (!w) return '—';
  if (w.disposition) return w.disposition_label ?? w.disposition;
  return w.filed_at === null ? 'Wrap-up open' : 'None filed';
}

/** The wrap-up as one timeline entry's words. */
export function wrapUpWords(w: WrapUpRecord): string {
  const who = w.handled_by ?? 'nobody';
  if (w.filed_at === null) return `${w.queue} queue call handled by ${who}: wrap-up not filed yet`;
  const code = w.disposition
    ? `${w.disposition_label ?? w.disposition} (${w.disposition})`
    : 'no disposition (wrap-up time ran out)';
  return `Wrap-up filed by ${who} (${w.queue} queue): ${code}`;
}
