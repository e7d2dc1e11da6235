import type {
  DailyParticipant,
  DailyParticipantPermissions,
  DailyParticipantTracks,
  DailyTrackState,
} from '@daily-co/daily-js';
import type { TelephonyType } from '../domain/telephony';

/** The local user's rights in the sandbox room (`?role=` in the page URL). */
export type SandboxRole = 'owner' | 'admin' | 'participant';

/*
 * Shared, frozen building blocks: a participant object is a dozen own fields pointing at these,
 * so 1,000 participants cost little, and daily-react's per-path subscriptions see stable values.
 */
const OFF_TRACK: DailyTrackState = Object.freeze({
  state: 'off',
  subscribed: false,
  off: Object.freeze({ byUser: true }),
});

/** Phone audio arrives through the SFU like any remote audio; there is no real track here. */
const PHONE_AUDIO: DailyTrackState = Object.freeze({ state: 'playable', subscribed: true });
/** Before media flows (a dial-in still negotiating, a dial-out not answered yet). */
const PHONE_AUDIO_LOADING: DailyTrackState = Object.freeze({ state: 'loading', subscribed: true });

const PHONE_TRACKS: DailyParticipantTracks = Object.freeze({
  audio: PHONE_AUDIO,
  video: OFF_TRACK,
  screenAudio: OFF_TRACK,
  screenVideo: OFF_TRACK,
});

const PHONE_TRACKS_LOADING: DailyParticipantTracks = Object.freeze({
  ...PHONE_TRACKS,
  audio: PHONE_AUDIO_LOADING,
});

const WEB_TRACKS: DailyParticipantTracks = Object.freeze({
  audio: OFF_TRACK,
  video: OFF_TRACK,
  screenAudio: OFF_TRACK,
  screenVideo: OFF_TRACK,
});

const REMOTE_PERMISSIONS: DailyParticipantPermissions = Object.freeze({
  hasPresence: true,
  canSend: true,
  canReceive: Object.freeze({ base: true }),
  canAdmin: false,
});

/**
 * The local participant's permissions for a role. Owners get `canAdmin: true` (every admin
 * right), admins `Set(['participants'])` — the right telephony needs — and participants none.
 * daily-react's `usePermissions().canAdminParticipants` reads either form.
 */
export function localPermissions(role: SandboxRole): DailyParticipantPermissions {
  return {
    hasPresence: true,
    canSend: true,
    canReceive: { base: true },
    canAdmin: role === 'owner' ? true : role === 'admin' ? new Set(['participants']) : false,
  };
}

/** What the participant factory needs. */
export interface ParticipantInit {
  sessionId: string;
  userName: string;
  /** Defaults to the session id, as in Daily. */
  userId?: string;
  local?: boolean;
  owner?: boolean;
  /** Set for SIP/PSTN legs only; web participants have no `participantType`. */
  participantType?: TelephonyType;
  /** Omitted for the local participant while joining (Daily sets it once joined). */
  joinedAt?: Date;
  permissions?: DailyParticipantPermissions;
  /** Phone legs: whether their audio is playable yet (default true). */
  audioPlayable?: boolean;
}

/** The same participant with its audio now playable (media started flowing). */
export function withPlayableAudio(p: DailyParticipant): DailyParticipant {
  return { ...p, tracks: PHONE_TRACKS };
}

/**
 * A realistic `DailyParticipant` (daily-js 0.92.2 shape): phone legs have audio (loading until
 * media flows, then playable) and
 * no video, web participants have everything off. Deprecated fields the type still requires
 * (`audio`, `video`, `screen`, `cam_info`, `screen_info`) are filled the way daily-js fills them.
 */
export function createParticipant(init: ParticipantInit): DailyParticipant {
  const phone = init.participantType !== undefined;
  return {
    session_id: init.sessionId,
    user_id: init.userId ?? init.sessionId,
    user_name: init.userName,
    ...(init.joinedAt ? { joined_at: init.joinedAt } : {}),
    local: init.local ?? false,
    owner: init.owner ?? false,
    record: false,
    will_eject_at: new Date(0),
    networkQualityState: 'good',
    ...(init.participantType ? { participantType: init.participantType } : {}),
    permissions: init.permissions ?? REMOTE_PERMISSIONS,
    tracks: phone
      ? init.audioPlayable === false
        ? PHONE_TRACKS_LOADING
        : PHONE_TRACKS
      : WEB_TRACKS,
    audio: phone,
    video: false,
    screen: false,
    cam_info: {},
    screen_info: {},
  };
}
