import { useRef, useState, type FormEvent } from 'react';
import { useDaily } from '@daily-co/daily-react';
import type { DailyCall } from '@daily-co/daily-js';
import { focusFirstInvalid } from '../../ui/focus-invalid';
import { useLinkUnavailable } from './server-link-store';

/**
 * The submit of a dialog that starts an action: it starts it once (a double click submits
 * once), then closes the dialog; when the values are not valid it moves focus to the first
 * invalid field instead. `start` runs the action with the room's call object and says whether
 * it could (false: invalid values, nothing sent). `unavailable` says why it cannot submit now:
 * the server hosting the simulated Daily is unreachable (a dialog opened before it went keeps
 * its values; the link is only followed where actions need the server, never in real mode,
 * where the SDK reaches Daily without it).
 */
export function useActionForm(onClose: () => void) {
  const call = useDaily();
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const unavailable = useLinkUnavailable();
  const onSubmit = (start: (call: DailyCall) => boolean) => (e: FormEvent) => {
    e.preventDefault();
    if (submitted || unavailable || !call) return;
    if (!start(call)) return focusFirstInvalid(formRef.current);
    setSubmitted(true);
    onClose();
  };
  return { formRef, submitted, unavailable, onSubmit };
}
