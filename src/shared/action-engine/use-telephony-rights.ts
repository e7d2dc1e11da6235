import {
  useLocalSessionId,
  useMeetingState,
  useParticipantProperty,
  usePermissions,
} from '@daily-co/daily-react';

export interface TelephonyRights {
  /** True when the local participant may transfer, refer, dial out and hang up. */
  allowed: boolean;
  /** Why not, in words for the agent (undefined when allowed). */
  reason?: string;
  role: 'owner' | 'admin' | 'participant' | 'unknown';
}

/** Whether telephony actions are available: joined, and owner or participant admin. */
export function useTelephonyRights(): TelephonyRights {
  const meetingState = useMeetingState();
  const localId = useLocalSessionId();
  const owner = useParticipantProperty(localId, 'owner');
  const { canAdminParticipants } = usePermissions();
  if (meetingState !== 'joined-meeting' || !localId) {
    return { allowed: false, reason: 'Join the room first.', role: 'unknown' };
  }
  if (owner) return { allowed: true, role: 'owner' };
  if (canAdminParticipants) return { allowed: true, role: 'admin' };
  return {
    allowed: false,
    role: 'participant',
    reason:
      'You joined without owner or participant-admin rights, so Daily will refuse transfers, refers, dial-outs and hang-ups. Rejoin with an owner or admin meeting token.',
  };
}
