import type { ActionInput } from './leg-action';

type Ev = { action: string } & Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** `{ userId }` when the event carries one (Daily echoes startDialOut's userId). */
function withUser(ev: Ev): { userId?: string } {
  const userId = str(ev.userId);
  return userId ? { userId } : {};
}

interface ParticipantLike {
  session_id?: unknown;
  user_id?: unknown;
  tracks?: { audio?: { state?: unknown } };
}

/** True when a participant object's audio track is playable (media is flowing). */
export function audioPlayable(participant: unknown): boolean {
  return (participant as ParticipantLike | undefined)?.tracks?.audio?.state === 'playable';
}

/** Maps a Daily event to the input the leg-action state machine understands (or undefined). */
export function actionInputFromEvent(ev: Ev): ActionInput | undefined {
  const sessionId = str(ev.sessionId);
  switch (ev.action) {
    case 'participant-joined':
    case 'participant-updated':
    case 'participant-left': {
      const p = ev.participant as ParticipantLike | undefined;
      const id = str(p?.session_id);
      if (!id) return undefined;
      if (ev.action === 'participant-left') return { type: 'participant-left', sessionId: id };
      if (ev.action === 'participant-updated') {
        return audioPlayable(p) ? { type: 'audio-playable', sessionId: id } : undefined;
      }
      const userId = str(p?.user_id);
      return {
        type: 'participant-joined',
        sessionId: id,
        ...(userId ? { userId } : {}),
        ...(audioPlayable(p) ? { playable: true as const } : {}),
      };
    }
    case 'dialin-stopped':
    case 'dialout-stopped':
      return sessionId ? { type: 'stopped', sessionId, ...withUser(ev) } : undefined;
    case 'dialout-connected':
      return sessionId ? { type: 'dialout-connected', sessionId, ...withUser(ev) } : undefined;
    case 'dialout-answered':
      return sessionId ? { type: 'dialout-answered', sessionId, ...withUser(ev) } : undefined;
    case 'dialin-error':
    case 'dialout-error':
      return {
        type: 'error',
        message: str(ev.errorMsg) ?? `${ev.action} without a message`,
        ...(sessionId ? { sessionId } : {}),
        ...withUser(ev),
      };
    case 'dialin-warning':
    case 'dialout-warning':
      return sessionId || str(ev.userId)
        ? {
            type: 'warning',
            message: str(ev.errorMsg) ?? ev.action,
            ...(sessionId ? { sessionId } : {}),
            ...withUser(ev),
          }
        : undefined;
    default:
      return undefined;
  }
}
