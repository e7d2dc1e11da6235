import { useState } from 'react';
import type { SandboxDriver } from '../../daily';
import { cleanDisplayName } from '../../domain/identity';
import { Button } from '../../ui/button';
import { InlineError } from '../../ui/inline-error';
import { useSandboxAction } from './use-sandbox-action';
import { useSandboxSessions } from './use-sandbox-sessions';

const MAX_CHOICES = 50;

/**
 * Per-leg far-end simulation: hang up, key presses, a warning, a fatal error, and whether the
 * originator accepts SIP REFER.
 */
export function FarEndControls({ sandbox }: { sandbox: SandboxDriver }) {
  const all = useSandboxSessions(sandbox);
  // A crowd (addParticipants) would make a select of thousands: offer the latest legs.
  const sessions = all.slice(-MAX_CHOICES);
  const [selected, setSelected] = useState('');
  const [keys, setKeys] = useState('1');
  const { error, run } = useSandboxAction();
  const current = sessions.find((s) => s.sessionId === selected) ?? sessions[0];
  if (!current) return <p className="text-sm text-slate-600">No phone legs to act on yet.</p>;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col text-sm">
        Far-end leg
        <select
          className="rounded border border-slate-400 px-1 py-1.5"
          value={current.sessionId}
          onChange={(e) => setSelected(e.target.value)}
        >
          {sessions.map((s) => (
            <option key={s.sessionId} value={s.sessionId}>
              {cleanDisplayName(s.name, 'Caller')} — {s.address}
            </option>
          ))}
        </select>
      </label>
      {all.length > MAX_CHOICES ? (
        <span className="text-xs text-slate-600">
          Latest {MAX_CHOICES} of {all.length} legs; window.sandbox.hangUp reaches any.
        </span>
      ) : null}
      <Button variant="danger" onClick={() => void run(() => sandbox.hangUp(current.sessionId))}>
        Far end hangs up
      </Button>
      <Button onClick={() => void run(() => sandbox.pressKeys(current.sessionId, keys))}>
        Caller presses keys
      </Button>
      <label className="flex flex-col text-sm">
        Keys
        <input
          className="w-20 rounded border border-slate-400 px-1 py-1"
          value={keys}
          onChange={(e) => setKeys(e.target.value)}
        />
      </label>
      <Button
        onClick={() =>
          void run(() => sandbox.simulateWarning(current.sessionId, 'Codec fallback to PCMU'))
        }
      >
        Warning on this leg
      </Button>
      <Button
        variant="danger"
        onClick={() =>
          void run(() => sandbox.simulateError(current.sessionId, 'SDP negotiation failed'))
        }
      >
        Fatal error on this leg
      </Button>
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          checked={current.referSupported}
          onChange={(e) =>
            void run(() => sandbox.setReferSupport(current.sessionId, e.target.checked))
          }
        />
        Originator accepts SIP REFER
      </label>
      <InlineError message={error} />
    </div>
  );
}
