/** Kinds the event log can be filtered by. */
export const LOG_KINDS = [
  'participant',
  'dialin',
  'dialout',
  'error',
  'network',
  'meeting',
  'console',
  'webhook',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const LOG_KIND_LABELS: Record<LogKind, string> = {
  participant: 'Participants',
  dialin: 'Dial-in',
  dialout: 'Dial-out',
  error: 'Errors',
  network: 'Network',
  meeting: 'Meeting state',
  console: 'Console actions',
  webhook: "Daily's webhooks",
};

export interface LogEntry {
  id: number;
  at: number;
  kind: LogKind;
  action: string;
  sessionId?: string;
  /** Plain text for the agent; may contain untrusted names, rendered as text only. */
  summary: string;
  payload: unknown;
}

type Loose = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function participantOf(ev: Loose): Loose | undefined {
  const p = ev.participant;
  return p && typeof p === 'object' ? (p as Loose) : undefined;
}

/** A lean copy of a participant: enough to read the log, without tracks or media objects. */
function compactParticipant(p: Loose): Loose {
  return {
    session_id: p.session_id,
    user_id: p.user_id,
    user_name: p.user_name,
    participantType: p.participantType,
    joined_at: p.joined_at,
    local: p.local,
    owner: p.owner,
  };
}

/** Strips heavy or sensitive parts (media tracks, whole participant maps) from a payload. */
export function compactPayload(ev: Loose): Loose {
  const out: Loose = {};
  for (const [key, value] of Object.entries(ev)) {
    if (key === 'participant' && value && typeof value === 'object') {
      out[key] = compactParticipant(value as Loose);
    } else if (key === 'participants' && value && typeof value === 'object') {
      out[key] = { count: Object.keys(value).length };
    } else if (key === 'callClientId') {
      continue;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function kindOfAction(action: string): LogKind {
  if (action.startsWith('webhook:')) return 'webhook';
  if (action.startsWith('participant-')) return 'participant';
  if (action.startsWith('dialin-')) return action.endsWith('-error') ? 'error' : 'dialin';
  if (action.startsWith('dialout-')) return action.endsWith('-error') ? 'error' : 'dialout';
  if (action === 'error' || action === 'nonfatal-error') return 'error';
  if (action.startsWith('network-')) return 'network';
  if (action === 'dtmf-event') return 'dialin';
  return 'meeting';
}

/** Turns a Daily event into a log entry (without id/time, which the log assigns). */
export function normaliseDailyEvent(ev: { action: string } & Loose): Omit<LogEntry, 'id' | 'at'> {
  const action = ev.action;
  const participant = participantOf(ev);
  const sessionId = str(ev.sessionId) ?? (participant ? str(participant.session_id) : undefined);
  const who = participant ? (str(participant.user_name) ?? 'someone') : undefined;
  const error = str(ev.errorMsg);
  let summary: string;
  switch (action) {
    case 'participant-joined':
      summary = `${who} joined`;
      break;
    case 'participant-left':
      summary = `${who} left`;
      break;
    case 'participant-updated':
      summary = `${who} updated`;
      break;
    case 'dialin-connected':
      summary = `Dial-in connected${str(ev.sipFrom) ? ` from ${str(ev.sipFrom)}` : ''}`;
      break;
    case 'dialin-stopped':
      summary = 'Dial-in stopped';
      break;
    case 'dialout-connected':
      summary = `Dial-out ringing${str(ev.destination) ? ` ${str(ev.destination)}` : ''}`;
      break;
    case 'dialout-answered':
      summary = 'Dial-out answered';
      break;
    case 'dialout-stopped':
      summary = 'Dial-out stopped';
      break;
    case 'dtmf-event':
      summary = `DTMF received: ${str(ev.tone) ?? '?'}`;
      break;
    case 'network-connection':
      summary = `Network ${str(ev.type) ?? ''} ${str(ev.event) ?? ''}`.replace(/\s+/g, ' ').trim();
      break;
    case 'network-quality-change':
      summary = `Network quality ${str(ev.threshold) ?? ''}`.trim();
      break;
    default:
      summary = error ? `${action}: ${error}` : action;
  }
  if (error && !summary.includes(error)) summary = `${summary}: ${error}`;
  return { kind: kindOfAction(action), action, sessionId, summary, payload: compactPayload(ev) };
}
