import { useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName } from '../../domain/identity';
import {
  isDialOutType,
  isTelephonyType,
  isPstnType,
  REFER_NEEDS_SIP,
} from '../../domain/telephony';
import { isInFlight } from '../../domain/leg-action';
import { Button } from '../../ui/button';
import { openDialog, useLegAction, useTelephonyRights } from '../../shared/action-engine';
import { useLegLabel } from '../../shared/leg-data';
import { LegActionStatus } from './leg-action-status';

/**
 * Transfer / Refer / Hang up / Keypad for one SIP or PSTN leg, with its live action status. The
 * buttons never shrink (the status truncates instead); `data-shortcut` names each for the
 * keyboard shortcuts, which press the button itself (disabled stays disabled, for one reason).
 */
export function LegActions({ sessionId }: { sessionId: string }) {
  const [userName, type] = useParticipantProperty(sessionId, ['user_name', 'participantType']);
  const rights = useTelephonyRights();
  const action = useLegAction(sessionId);
  const name = useLegLabel(sessionId, cleanDisplayName(userName, 'caller'));
  if (!isTelephonyType(type)) return null;
  const busy = !!action && isInFlight(action);
  const blocked = !rights.allowed || busy;
  const reasonId = `leg-reason-${sessionId}`;
  const reason = !rights.allowed
    ? rights.reason
    : busy
      ? 'An action is already in progress on this call.'
      : undefined;
  const pstn = isPstnType(type);
  const referReasonId = `refer-reason-${sessionId}`;
  // Daily sends DTMF to dial-out sessions only (its REST path is /dialOut/sendDTMF).
  const keypad = isDialOutType(type);
  const keypadReasonId = `keypad-reason-${sessionId}`;
  return (
    <div className="flex min-w-0 items-center gap-1.5 text-sm max-sm:flex-wrap">
      <Button
        size="sm"
        aria-label={`Transfer ${name}`}
        aria-describedby={reason ? reasonId : undefined}
        disabled={blocked}
        data-shortcut="transfer"
        onClick={() => openDialog({ kind: 'transfer', sessionId })}
      >
        Transfer
      </Button>
      <Button
        size="sm"
        aria-label={`Refer ${name}`}
        aria-describedby={pstn ? referReasonId : reason ? reasonId : undefined}
        title={pstn ? REFER_NEEDS_SIP : undefined}
        disabled={blocked || pstn}
        data-shortcut="refer"
        onClick={() => openDialog({ kind: 'refer', sessionId })}
      >
        Refer
      </Button>
      <Button
        size="sm"
        variant="danger"
        aria-label={`Hang up ${name}`}
        aria-describedby={reason ? reasonId : undefined}
        disabled={blocked}
        data-shortcut="hang-up"
        onClick={() => openDialog({ kind: 'hang-up', sessionId })}
      >
        Hang up
      </Button>
      {keypad ? (
        <Button
          size="sm"
          aria-label={`Keypad ${name}`}
          aria-describedby={!rights.allowed ? reasonId : undefined}
          disabled={!rights.allowed}
          data-shortcut="keypad"
          onClick={() => openDialog({ kind: 'keypad', sessionId })}
        >
          Keypad
        </Button>
      ) : (
        <span id={keypadReasonId} className="shrink-0 text-xs whitespace-nowrap text-slate-600">
          No keypad<span className="sr-only">: Daily sends DTMF tones only to dial-out calls</span>
        </span>
      )}
      {pstn ? (
        // Said once, where it helps: as the disabled Refer button's description (and its
        // tooltip), not as a standing line on every phone row.
        <span id={referReasonId} className="sr-only">
          {REFER_NEEDS_SIP}
        </span>
      ) : null}
      {reason ? (
        <span id={reasonId} className="sr-only">
          {reason}
        </span>
      ) : null}
      {action ? <LegActionStatus action={action} /> : null}
    </div>
  );
}
