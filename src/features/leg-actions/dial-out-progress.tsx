import { isTerminal } from '../../domain/leg-action';
import { phaseLabel } from '../../domain/leg-action-words';
import { cleanDisplayName } from '../../domain/identity';
import { Badge } from '../../ui/badge';
import { useAllActions } from '../../shared/action-engine';

/** Dial-outs in progress, visible from the moment they are requested. */
export function DialOutProgress() {
  const pending = useAllActions().filter((a) => a.method === 'dial-out' && !isTerminal(a));
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="dialouts-heading" className="flex flex-col gap-1">
      <h2 id="dialouts-heading" className="text-base font-semibold">
        Dial-outs
      </h2>
      <ul aria-label="Dial-outs" className="rounded border border-slate-300 bg-white">
        {pending.map((a) => (
          <li key={a.id} className="flex items-center gap-2 px-3 py-2 text-sm">
            <span className="font-medium">{cleanDisplayName(a.callerName, 'New call')}</span>
            <span className="font-mono">{a.destination}</span>
            <span className="ml-auto">
              <Badge tone="info">{phaseLabel(a)}</Badge>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
