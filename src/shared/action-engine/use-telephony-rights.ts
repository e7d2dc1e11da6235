import {
  useLocalSessionId,
  useMeetingState,
  useParticipantProperty,
  usePermissions,
} from '@daily-co/daily-react';
import { LINK_DOWN_REASON } from '../../domain/server-link';
import { useServerLink } from './server-link-store';

export interface TelephonyRights {
  /** True when the local participant may transfer, refer, dial out and hang up. */
  allowed: boolean;
  /** Why not, in words for the agent (undefined when allowed). */
  reason?: string;
  role: 'owner' | 'admin' | 'participant' | 'unknown';
}

/**
 * Whether telephony actions are available: joined, the server hosting the room reachable (the
 * shared sandbox), and owner or participant admin.
 */
export function useTelephonyRights(): TelephonyRights {
  const meetingState = useMeetingState();
  const localId = useLocalSessionId();
  const owner = useParticipantProperty(localId, 'owner');
  const { canAdminParticipants } = usePermissions();
  const link = useServerLink();
  if (meetingState !== 'joined-meeting' || !localId) {
    return { allowed: false, reason: 'Join the room first.', role: 'unknown' };
  }
  // The server hosting the simulated Daily is away: the calls shown are as last seen.
  if (link.status !== 'live') {
    const role = owner ? 'owner' : canAdminParticipants ? 'admin' : 'participant';
    return { allowed: false, reason: LINK_DOWN_REASON, role };
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
