import { formatAddressForReading } from '../../domain/leg-label';
import { formatDuration } from '../../domain/identity';
import { STATUS_LABELS } from '../../domain/queue';
import { useNow } from '../../ui/use-now';
import { useQueueState } from '../../shared/queue-data';

const WAITING = new Set(['waiting', 'routing']);

/** For supervisors: who is in which state, and the calls waiting (too long ones flagged). */
export function QueueBoard() {
  const { board } = useQueueState();
  const now = useNow();
  if (!board) return null;
  const waiting = board.calls.filter((c) => WAITING.has(c.state));
  return (
    <section
      aria-labelledby="queue-board-heading"
      className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="queue-board-heading" className="text-base font-semibold">
        Queues
      </h2>
      <table className="text-sm">
        <caption className="text-left font-medium">Agents</caption>
        <thead>
          <tr>
            <th scope="col" className="text-left">
              Agent
            </th>
            <th scope="col" className="text-left">
              Status
            </th>
            <th scope="col" className="text-left">
              For
            </th>
          </tr>
        </thead>
        <tbody>
          {board.agents.map((a) => (
            <tr key={a.username}>
              <td>{a.username}</td>
              <td>
                {STATUS_LABELS[a.status]}
                {a.online ? '' : ' (console closed)'}
              </td>
              <td>{formatDuration(now - a.since)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="text-sm font-medium">Waiting calls ({waiting.length})</h3>
      {waiting.length ? (
        <ul className="text-sm">
          {waiting.map((c) => (
            <li key={c.callId}>
              {formatAddressForReading(c.from)} · {c.queue} · {formatDuration(now - c.arrivedAt)}
              {c.late ? ' · waiting too long' : ''}
              {c.handledBy ? ` · taken by ${c.handledBy}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">None.</p>
      )}
    </section>
  );
}
