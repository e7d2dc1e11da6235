import { useMemo, useState } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import { parseDestination, type Destination } from '../../domain/destination';
import {
  checkDestination,
  type DestinationErrors,
  type PhoneOptions,
} from '../../domain/destination-check';

export interface DestinationFormValues {
  destination: Destination;
  phone: PhoneOptions;
}

/** The browser's region, as a default for national phone numbers (US when unknown). */
export function defaultRegion(): CountryCode {
  const tag = typeof navigator !== 'undefined' ? navigator.language : 'en-US';
  const region = tag.split('-')[1]?.toUpperCase();
  return (region && /^[A-Z]{2}$/.test(region) ? region : 'US') as CountryCode;
}

/**
 * State and validation for a destination plus the phone-only options (caller ID, extension,
 * wait). Nothing is sent until validate() says every field is right.
 */
export function useDestinationForm(opts: {
  allow: ReadonlyArray<'pstn' | 'sip'>;
  initial?: string;
}) {
  const [destination, setDestination] = useState(opts.initial ?? '');
  const [region, setRegion] = useState<CountryCode>(defaultRegion);
  const [callerId, setCallerId] = useState('');
  const [extension, setExtension] = useState('');
  const [wait, setWait] = useState('');
  const [errors, setErrors] = useState<DestinationErrors>({});

  // Live preview of what the destination parses to (no errors shown until submit).
  const preview = useMemo(
    () =>
      destination.trim()
        ? parseDestination(destination, { defaultRegion: region, allow: opts.allow })
        : undefined,
    [destination, region, opts.allow],
  );
  const isPhone = preview?.ok === true && preview.value.kind === 'pstn';

  function validate(): DestinationFormValues | undefined {
    const checked = checkDestination({
      destination,
      region,
      allow: opts.allow,
      callerId,
      extension,
      wait,
    });
    setErrors(checked.ok ? {} : checked.errors);
    return checked.ok ? { destination: checked.destination, phone: checked.phone } : undefined;
  }

  return {
    fields: { destination, region, callerId, extension, wait },
    set: { setDestination, setRegion, setCallerId, setExtension, setWait },
    errors,
    preview,
    /** What the destination typed so far parses to, when it parses (for the cost preview). */
    target: preview?.ok ? preview.value : undefined,
    isPhone,
    validate,
  };
}
