import type { CountryCode } from 'libphonenumber-js';
import { Field } from '../../ui/field';
import { CallerIdPicker } from './caller-id-picker';
import { RoomDestinationPicker } from './room-destination-picker';
import type { useDestinationForm } from './use-destination-form';

const REGIONS: [CountryCode, string][] = [
  ['US', 'United States (+1)'],
  ['CA', 'Canada (+1)'],
  ['GB', 'United Kingdom (+44)'],
  ['IE', 'Ireland (+353)'],
  ['DE', 'Germany (+49)'],
  ['FR', 'France (+33)'],
  ['ES', 'Spain (+34)'],
  ['NL', 'Netherlands (+31)'],
  ['AU', 'Australia (+61)'],
  ['IN', 'India (+91)'],
  ['BR', 'Brazil (+55)'],
  ['MX', 'Mexico (+52)'],
  ['JP', 'Japan (+81)'],
];

type Form = ReturnType<typeof useDestinationForm>;

function describe(preview: Form['preview']): string {
  if (!preview)
    return 'A phone number (e.g. +1 415 555 0100 or a national number) or a SIP address (sip:user@host).';
  if (!preview.ok) return 'Not recognised yet.';
  const d = preview.value;
  if (d.kind === 'pstn') return `Phone number ${d.display} (${d.e164})`;
  return d.isDailyRoom
    ? `Another Daily room's SIP address (${d.host})`
    : `External SIP address at ${d.host}`;
}

/** Destination with live recognition, plus caller ID / extension / wait for phone numbers. */
export function DestinationFields({
  form,
  phoneOptions,
  sipOnly,
  roomPicker,
  callRoom,
}: {
  form: Form;
  phoneOptions: boolean;
  sipOnly?: boolean;
  /** Offer the domain's other rooms (signed in to the server). */
  roomPicker?: boolean;
  /** The call's own room, left out of the picker (default: the room this console joined). */
  callRoom?: string;
}) {
  const { fields, set, errors } = form;
  const sip =
    form.preview?.ok && form.preview.value.kind === 'sip' ? form.preview.value : undefined;
  // The country only reads national phone numbers: not asked once the entry is a SIP address.
  const looksSip = !!sip || /^sips?:|@/i.test(fields.destination.trim());
  const regions = REGIONS.some(([c]) => c === fields.region)
    ? REGIONS
    : [[fields.region, fields.region] as [CountryCode, string], ...REGIONS];
  return (
    <div className="flex flex-col gap-3">
      <Field
        label="Destination"
        name="destination"
        autoComplete="off"
        spellCheck={false}
        value={fields.destination}
        onChange={(e) => set.setDestination(e.target.value)}
        error={errors.destination}
        placeholder={
          sipOnly
            ? 'sip:support@sip.example.com'
            : '+1 415 555 0100 or sip:room-b@example.sip.daily.co'
        }
        hint={<span aria-live="polite">{describe(form.preview)}</span>}
      />
      {roomPicker ? <RoomDestinationPicker onPick={set.setDestination} exclude={callRoom} /> : null}
      {!sipOnly && !looksSip ? (
        <label className="flex flex-col gap-1 text-sm font-medium">
          Country for national numbers
          <select
            className="rounded border border-slate-400 px-1 py-1.5 font-normal"
            value={fields.region}
            onChange={(e) => set.setRegion(e.target.value as CountryCode)}
          >
            {regions.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {phoneOptions && sip ? (
        <p className="text-sm text-slate-700">
          {sip.isDailyRoom
            ? 'No caller ID for a room transfer: '
            : 'No caller ID or extension for a SIP address: '}
          Daily takes those only for calls to phone numbers.
        </p>
      ) : null}
      {phoneOptions && form.isPhone ? (
        <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Phone options</legend>
          <CallerIdPicker
            value={fields.callerId}
            onChange={set.setCallerId}
            error={errors.callerId}
          />
          <div className="flex gap-3">
            <Field
              label="Extension (optional)"
              name="extension"
              autoComplete="off"
              value={fields.extension}
              onChange={(e) => set.setExtension(e.target.value)}
              error={errors.extension}
              hint="Up to 20 of 0-9 A-D * #, dialled after the call connects."
              className="flex-1"
            />
            <Field
              label="Wait before extension (seconds)"
              name="wait"
              inputMode="numeric"
              autoComplete="off"
              value={fields.wait}
              onChange={(e) => set.setWait(e.target.value)}
              error={errors.wait}
              disabled={!fields.extension.trim()}
              hint="0–60, only with an extension."
              className="flex-1"
            />
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
