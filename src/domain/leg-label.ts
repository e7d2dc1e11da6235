/**
 * Telling legs apart. A real room gives every dial-in caller the room's dial-in display name
 * ("Caller") unless the caller's SIP URI carries `x-daily_display_name`, so names repeat. A
 * label adds what tells a leg apart: its number or SIP address when known, otherwise an ordinal
 * (never reused for that name while the console runs) and the time the leg joined.
 *
 * Pure and framework-free; numbers are formatted for reading (libphonenumber's international
 * format, e.g. `+44 20 7183 8750`) but always copied and sent as E.164.
 */
import { parsePhoneNumberWithError } from 'libphonenumber-js/min';

const E164 = /^\+[1-9]\d{1,14}$/;

/** `+442071838750` → `+44 20 7183 8750`; SIP URIs and anything unparsable come back as given. */
export function formatAddressForReading(address: string): string {
  if (!E164.test(address)) return address;
  try {
    return parsePhoneNumberWithError(address).formatInternational();
  } catch {
    return address;
  }
}

/** What a leg is known by. */
export interface LegIdentity {
  sessionId: string;
  /** The display name, already cleaned. */
  name: string;
  /** 1 for the first leg seen with this name, 2 for the second, … */
  ordinal: number;
  /** ms epoch (Daily's `joined_at`). */
  joinedAt?: number;
  /** E.164 number or SIP URI, when Daily told this console. */
  address?: string;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * The leg's label among the present legs with the same name (`sameName`, itself included or
 * not): the bare name when it is alone; otherwise "name (number)" when the number is known and
 * no other leg of that name has it; otherwise "name #ordinal, joined hh:mm:ss".
 */
export function legLabel(self: LegIdentity, sameName: Iterable<LegIdentity>): string {
  let others = 0;
  let sharedAddress = false;
  for (const l of sameName) {
    if (l.sessionId === self.sessionId) continue;
    others++;
    if (self.address && l.address === self.address) sharedAddress = true;
  }
  if (others === 0) return self.name;
  if (self.address && !sharedAddress) {
    return `${self.name} (${formatAddressForReading(self.address)})`;
  }
  const joined = self.joinedAt !== undefined ? `, joined ${clock.format(self.joinedAt)}` : '';
  return `${self.name} #${self.ordinal}${joined}`;
}
