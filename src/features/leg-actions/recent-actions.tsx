import { isTerminal, type LegAction } from '../../domain/leg-action';
import { outcomeTone, phaseLabel } from '../../domain/leg-action-words';
import { cleanDisplayName } from '../../domain/identity';
import { formatAddressForReading } from '../../domain/leg-label';
import { Badge } from '../../ui/badge';
import { useActor, useAllActions } from '../../shared/action-engine';
import { actorPhrase } from '../../domain/console-action';

const METHOD_LABELS: Record<LegAction['method'], string> = {
  transfer: 'Transfer',
  refer: 'Refer',
  'dial-out': 'Dial-out',
  'hang-up': 'Hang-up',
};

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function RecentItem({ action }: { action: LegAction }) {
  // Who asked for it, when it was not this console (another agent, a supervisor on the wall).
  const actor = useActor(action);
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-0.5 border-b border-slate-100 px-3 py-2 text-sm">
      <span className="font-medium">
        {formatAddressForReading(cleanDisplayName(action.callerName, 'Caller'))}
      </span>
      <span>{METHOD_LABELS[action.method]}</span>
      {action.destination ? (
        <span className="font-mono">→ {formatAddressForReading(action.destination)}</span>
      ) : null}
      <Badge tone={outcomeTone(action)}>{phaseLabel(action)}</Badge>
      {action.observed ? (
        <span className="text-xs text-slate-600">
          {actor ? (
            <strong className="font-medium text-slate-800">{actorPhrase(actor)}</strong>
          ) : null}{' '}
          {actor ? '(started elsewhere)' : 'started elsewhere (Daily webhook)'}
        </span>
      ) : null}
      {action.warning ? (
        <span className="text-xs text-amber-800">Warning from Daily: {action.warning}</span>
      ) : null}
      <span className="ml-auto text-xs text-slate-600">
        <time dateTime={new Date(action.startedAt).toISOString()}>
          {clock.format(action.startedAt)}
        </time>
        {action.endedAt ? (
          <>
            {' – '}
            <time dateTime={new Date(action.endedAt).toISOString()}>
              {clock.format(action.endedAt)}
            </time>
          </>
        ) : null}
      </span>
    </li>
  );
}

/** Every finished action, newest first: caller, method, destination, outcome and times. */
export function RecentActions() {
  const finished = useAllActions().filter(isTerminal).reverse();
  return (
    <section aria-labelledby="recent-heading" className="flex flex-col gap-2">
      <h2 id="recent-heading" className="text-base font-semibold">
        Recent transfers
      </h2>
      {finished.length === 0 ? (
        <p className="text-sm text-slate-600">
          Finished transfers, refers, dial-outs and hang-ups stay listed here.
        </p>
      ) : null}
      <ul
        aria-label="Recent transfers"
        className="max-h-64 overflow-auto rounded border border-slate-300 bg-white"
      >
        {finished.slice(0, 200).map((a) => (
          <RecentItem key={a.id} action={a} />
        ))}
      </ul>
    </section>
  );
}
