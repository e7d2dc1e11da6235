import { formatDuration } from '../../domain/identity';
import { outcomeWords } from '../../domain/conversation-outcome';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import type { Conversation } from './history-api';
import { callerText, dispositionText, formatWhen } from './history-words';

const TONE = {
  live: 'info',
  ended: 'neutral',
  failed: 'danger',
  transferred: 'success',
  referred: 'success',
} as const;

const COLUMNS = ['Started', 'Caller', 'Rooms', 'Agents', 'Outcome', 'Duration', 'Disposition'];

/** One page of conversations, newest first; each row opens its timeline. */
export function ConversationTable({
  conversations,
  onOpen,
}: {
  conversations: Conversation[];
  onOpen(c: Conversation): void;
}) {
  return (
    <table className="w-full border-collapse bg-white text-left text-sm shadow">
      <caption className="sr-only">Conversations, newest first</caption>
      <thead className="bg-slate-100">
        <tr>
          {COLUMNS.map((name) => (
            <th key={name} scope="col" className="p-2">
              {name}
            </th>
          ))}
          <th scope="col" className="p-2">
            <span className="sr-only">Timeline</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {conversations.map((c) => {
          const caller = callerText(c.caller, c.caller_name);
          return (
            <tr key={c.id} className="border-t border-slate-200">
              <td className="p-2 whitespace-nowrap">{formatWhen(c.started_at)}</td>
              <th scope="row" className="p-2 font-normal">
                {caller}
                <span className="block text-xs text-slate-600">
                  {c.direction ?? 'call'} · {c.network?.toUpperCase() ?? 'unknown network'} ·{' '}
                  {c.legs} {c.legs === 1 ? 'leg' : 'legs'}
                  {c.transfers ? ` · ${c.transfers} transfer${c.transfers === 1 ? '' : 's'}` : ''}
                </span>
              </th>
              <td className="p-2">{c.rooms.join(' → ')}</td>
              <td className="p-2">{c.agents.length ? c.agents.join(', ') : '—'}</td>
              <td className="p-2">
                <Badge tone={TONE[c.outcome]}>
                  {outcomeWords(c.outcome, { detail: c.detail, stage: c.stage })}
                </Badge>
              </td>
              <td className="p-2 tabular-nums">
                {c.ended_at === null ? '—' : formatDuration(c.ended_at - c.started_at)}
              </td>
              <td className="p-2">
                {dispositionText(c.wrap_up)}
                {c.wrap_up?.handled_by ? (
                  <span className="block text-xs text-slate-600">
                    by {c.wrap_up.handled_by}
                    {c.wrap_up.note ? ` · ${c.wrap_up.note}` : ''}
                  </span>
                ) : null}
              </td>
              <td className="p-2">
                <Button size="sm" onClick={() => onOpen(c)} aria-label={`Timeline of ${caller}`}>
                  Timeline
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
