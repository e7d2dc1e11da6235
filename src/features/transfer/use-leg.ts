import { useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName } from '../../domain/identity';
import { isTelephonyType, type TelephonyType } from '../../domain/telephony';

/** The caller's display name and leg type, for dialogs. */
export function useLeg(sessionId: string): { name: string; type: TelephonyType | undefined } {
  const [userName, type] = useParticipantProperty(sessionId, ['user_name', 'participantType']);
  return {
    name: cleanDisplayName(userName, 'caller'),
    type: isTelephonyType(type) ? type : undefined,
  };
}
