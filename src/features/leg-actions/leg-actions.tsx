import { useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName } from '../../domain/identity';
import {
  isDialOutType,
  isTelephonyType,
  isPstnType,
  REFER_NEEDS_SIP,
} from '../../domain/telephony';
import { mayStartOver } from '../../domain/leg-action';
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
  // An agent can always end a call: only a hang-up already under way holds Hang up back.
  const busy = !mayStartOver(action, 'refer');
  const blocked = !rights.allowed || busy;
  // A refer Daily warned about may be replaced by a transfer at once ("Transfer instead").
  const transferBlocked = !rights.allowed || !mayStartOver(action, 'transfer');
  const hangUpBlocked = !rights.allowed || !mayStartOver(action, 'hang-up');
  const reasonId = `leg-reason-${sessionId}`;
  const reason = !rights.allowed
    ? rights.reason
    : busy
      ? 'An action is already in progress on this call.'
      : undefined;
  const hangUpReason = !rights.allowed
    ? rights.reason
    : hangUpBlocked
      ? 'Already hanging up.'
      : undefined;
  const hangUpReasonId = `hang-up-reason-${sessionId}`;
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
        aria-describedby={reason && transferBlocked ? reasonId : undefined}
        disabled={transferBlocked}
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
        aria-describedby={hangUpReason ? hangUpReasonId : undefined}
        disabled={hangUpBlocked}
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
      {hangUpReason ? (
        <span id={hangUpReasonId} className="sr-only">
          {hangUpReason}
        </span>
      ) : null}
      {action ? <LegActionStatus action={action} /> : null}
    </div>
  );
}
