import { isDialOutType, type TelephonyType } from '../../domain/telephony';
import { Badge } from '../../ui/badge';
import type { LegInfo } from '../../shared/leg-data';

type Tone = 'success' | 'warning' | 'danger' | 'neutral';

/**
 * The leg's state from what is certain on any room: Daily's dial events (SDK or webhook) when
 * they reach this console (they may not: e.g. a dial-out another agent started), else presence
 * and whether the leg's audio is playable (for a dial-out: connected, never answered). `title` says where the answer comes from.
 */
export function legStatus(
  info: LegInfo | undefined,
  type: TelephonyType,
): { label: string; tone: Tone; why: string } {
  if (info?.status === 'failed') {
    return { label: 'Failed', tone: 'danger', why: info.detail ?? 'Daily reported an error' };
  }
  if (info?.status === 'ended') return { label: 'Ended', tone: 'neutral', why: 'Daily: stopped' };
  const audio = info?.audio === true;
  if (isDialOutType(type)) {
    if (info?.status === 'answered') {
      return { label: 'Answered', tone: 'success', why: 'Daily: dialout-answered' };
    }
    // Ringback is audio (Daily's dialout.connected: "the initiator will hear the call
    // ringing"), so playable audio never says answered: only dialout-answered does.
    if (info?.status === 'ringing') {
      const why = audio
        ? 'Daily: dialout-connected; the audio is ringback until Daily says answered'
        : 'Daily: dialout-connected';
      return { label: 'Ringing', tone: 'warning', why };
    }
    if (audio) {
      return {
        label: 'Connected',
        tone: 'success',
        why: 'Audio is flowing (ringback or the call): no dialout-answered reached this console',
      };
    }
    return { label: 'Connecting', tone: 'warning', why: 'Not answered yet: no audio' };
  }
  if (audio) return { label: 'Connected', tone: 'success', why: 'Audio is flowing' };
  if (info?.status === 'connected') {
    return { label: 'Connected', tone: 'success', why: 'Daily: dialin-connected' };
  }
  return { label: 'Connecting', tone: 'warning', why: 'In the room, no audio yet' };
}

/** The leg's connection state badge (see {@link legStatus}). */
export function LegStatusBadge({ info, type }: { info: LegInfo | undefined; type: TelephonyType }) {
  const status = legStatus(info, type);
  const why =
    info?.detail && status.tone !== 'danger' ? `${status.why}; ${info.detail}` : status.why;
  return (
    <span title={why}>
      <Badge tone={status.tone}>{status.label}</Badge>
      <span className="sr-only"> ({why})</span>
    </span>
  );
}
