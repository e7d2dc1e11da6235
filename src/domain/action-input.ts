import type { ActionInput } from './leg-action';

type Ev = { action: string } & Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Maps a Daily event to the input the leg-action state machine understands (or undefined). */
export function actionInputFromEvent(ev: Ev): ActionInput | undefined {
  const sessionId = str(ev.sessionId);
  switch (ev.action) {
    case 'participant-left': {
      const p = ev.participant as { session_id?: unknown } | undefined;
      const id = str(p?.session_id);
      return id ? { type: 'participant-left', sessionId: id } : undefined;
    }
    case 'dialin-stopped':
    case 'dialout-stopped':
      return sessionId ? { type: 'stopped', sessionId } : undefined;
    case 'dialout-connected':
      return sessionId ? { type: 'dialout-connected', sessionId } : undefined;
    case 'dialout-answered':
      return sessionId ? { type: 'dialout-answered', sessionId } : undefined;
    case 'dialin-error':
    case 'dialout-error':
      return {
        type: 'error',
        message: str(ev.errorMsg) ?? `${ev.action} without a message`,
        ...(sessionId ? { sessionId } : {}),
      };
    case 'dialin-warning':
    case 'dialout-warning':
      return sessionId
        ? { type: 'warning', sessionId, message: str(ev.errorMsg) ?? ev.action }
        : undefined;
    default:
      return undefined;
  }
}
