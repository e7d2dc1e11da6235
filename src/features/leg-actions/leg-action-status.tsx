import type { LegAction } from '../../domain/leg-action';
import {
  offersRetry,
  offersTransferInstead,
  outcomeTone,
  phaseLabel,
  rowShowsOwnState,
} from '../../domain/leg-action-words';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { openDialog, useActor } from '../../shared/action-engine';
import { actorPhrase } from '../../domain/console-action';

/**
 * The leg's current action, in words, with the latest warning Daily reported (a warning, not a
 * failure); a failed transfer or refer offers "Retry" (the same dialog, the same destination),
 * and a refer that did not move the caller offers "Transfer instead".
 */
export function LegActionStatus({ action }: { action: LegAction }) {
  const again = offersRetry(action) && action.sessionId;
  const actor = useActor(action);
  return (
    <span
      className="ml-auto flex min-w-0 items-center gap-1 max-sm:basis-full"
      data-testid="leg-action-status"
    >
      {rowShowsOwnState(action) ? null : (
        <span className="min-w-0 truncate" title={phaseLabel(action)}>
          <Badge tone={outcomeTone(action)}>{phaseLabel(action)}</Badge>
        </span>
      )}
      {actor && action.observed ? (
        <span className="truncate text-xs font-medium">{actorPhrase(actor)}</span>
      ) : null}
      {action.warning ? (
        <span className="min-w-0 truncate text-xs text-amber-800" title={action.warning}>
          Warning from Daily: {action.warning}
        </span>
      ) : null}
      {again ? (
        <Button
          size="sm"
          variant="primary"
          aria-label={`Retry ${action.method} of ${action.callerName}`}
          onClick={() =>
            openDialog({ kind: action.method, sessionId: again, destination: action.destination })
          }
        >
          Retry
        </Button>
      ) : null}
      {offersTransferInstead(action) && action.sessionId ? (
        <Button
          size="sm"
          variant="primary"
          onClick={() =>
            openDialog({
              kind: 'transfer',
              sessionId: action.sessionId,
              destination: action.destination,
            })
          }
        >
          Transfer instead
        </Button>
      ) : null}
    </span>
  );
}
