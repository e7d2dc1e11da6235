import { useMemo, useState } from 'react';
import type { CountryCode } from 'libphonenumber-js';
import {
  parseDestination,
  validateCallerId,
  validateExtension,
  validateWaitSeconds,
  type Destination,
} from '../../domain/destination';

export interface PhoneOptions {
  callerId?: string;
  extension?: string;
  waitBeforeExtensionDialSec?: number;
}

export interface DestinationFormValues {
  destination: Destination;
  phone: PhoneOptions;
}

type FieldName = 'destination' | 'callerId' | 'extension' | 'wait';

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
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

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
    const next: Partial<Record<FieldName, string>> = {};
    const dest = parseDestination(destination, { defaultRegion: region, allow: opts.allow });
    if (!dest.ok) next.destination = dest.error;
    const phone: PhoneOptions = {};
    if (dest.ok && dest.value.kind === 'pstn') {
      const c = validateCallerId(callerId);
      if (!c.ok) next.callerId = c.error;
      else if (c.value) phone.callerId = c.value;
      const x = validateExtension(extension);
      if (!x.ok) next.extension = x.error;
      else if (x.value) phone.extension = x.value;
      const w = validateWaitSeconds(wait, !!(x.ok && x.value));
      if (!w.ok) next.wait = w.error;
      else if (w.value !== undefined) phone.waitBeforeExtensionDialSec = w.value;
    }
    setErrors(next);
    if (!dest.ok || Object.keys(next).length > 0) return undefined;
    return { destination: dest.value, phone };
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
