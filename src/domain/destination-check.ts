/**
 * The whole check of a transfer, refer or dial-out target as a person fills it in: the
 * destination, then — for a phone number only — caller ID, extension and wait. The console's
 * destination dialogs and the server's supervisor routes both run this one function, so a
 * target the dialog accepts is one the server accepts, with the same words when it is not.
 *
 * Pure. A SIP destination ignores the phone-only fields here (the dialog hides them); whether
 * sending them anyway is an error is the caller's decision (the server refuses it).
 */
import type { CountryCode } from 'libphonenumber-js/min';
import {
  parseDestination,
  validateCallerId,
  validateExtension,
  validateWaitSeconds,
  type Destination,
  type DestinationKind,
} from './destination';

/** The options Daily takes with a phone-number destination (the SDK's and REST's names). */
export interface PhoneOptions {
  callerId?: string;
  extension?: string;
  waitBeforeExtensionDialSec?: number;
}

/** Daily's arguments for the target: `sipCallTransfer`, `sipRefer` and dial-out's shape. */
export type DestinationArgs = { toEndPoint: string } & PhoneOptions;

/** The form's fields, in the order their problems are reported one at a time. */
export const DESTINATION_FIELDS = ['destination', 'callerId', 'extension', 'wait'] as const;
export type DestinationField = (typeof DESTINATION_FIELDS)[number];
export type DestinationErrors = Partial<Record<DestinationField, string>>;

/** What was typed (blank or absent means none), and what the field accepts. */
export interface DestinationInput {
  destination: string;
  /** Region for numbers typed without `+` and a country code. */
  region: CountryCode;
  allow: ReadonlyArray<DestinationKind>;
  callerId?: string;
  extension?: string;
  /** Seconds before the extension is dialled, as typed. */
  wait?: string;
}

export type CheckedDestination =
  | { ok: true; destination: Destination; phone: PhoneOptions; args: DestinationArgs }
  | { ok: false; errors: DestinationErrors };

/** Every field's problem at once, or the parsed destination with Daily's arguments for it. */
export function checkDestination(input: DestinationInput): CheckedDestination {
  const errors: DestinationErrors = {};
  const dest = parseDestination(input.destination, {
    defaultRegion: input.region,
    allow: input.allow,
  });
  if (!dest.ok) return { ok: false, errors: { destination: dest.error } };
  if (dest.value.kind === 'sip') {
    return { ok: true, destination: dest.value, phone: {}, args: { toEndPoint: dest.value.uri } };
  }
  const phone: PhoneOptions = {};
  const callerId = validateCallerId(input.callerId ?? '');
  if (!callerId.ok) errors.callerId = callerId.error;
  else if (callerId.value) phone.callerId = callerId.value;
  const extension = validateExtension(input.extension ?? '');
  if (!extension.ok) errors.extension = extension.error;
  else if (extension.value) phone.extension = extension.value;
  const wait = validateWaitSeconds(input.wait ?? '', !!(extension.ok && extension.value));
  if (!wait.ok) errors.wait = wait.error;
  else if (wait.value !== undefined) phone.waitBeforeExtensionDialSec = wait.value;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    destination: dest.value,
    phone,
    args: { toEndPoint: dest.value.e164, ...phone },
  };
}

/** The first problem in field order, for an answer that names one field. */
export function firstDestinationError(
  errors: DestinationErrors,
): { error: string; field: DestinationField } | undefined {
  const field = DESTINATION_FIELDS.find((f) => errors[f] !== undefined);
  return field ? { error: errors[field]!, field } : undefined;
}
