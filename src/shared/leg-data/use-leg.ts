import { useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName } from '../../domain/identity';
import { isTelephonyType, type TelephonyType } from '../../domain/telephony';
import { useLegLabel } from './use-leg-info';

/**
 * The caller's distinguishing label (see `useLegLabel`: legs may share a display name) and leg
 * type, for dialogs and the actions they start.
 */
export function useLeg(sessionId: string): { name: string; type: TelephonyType | undefined } {
  const [userName, type] = useParticipantProperty(sessionId, ['user_name', 'participantType']);
  return {
    name: useLegLabel(sessionId, cleanDisplayName(userName, 'caller')),
    type: isTelephonyType(type) ? type : undefined,
  };
}
