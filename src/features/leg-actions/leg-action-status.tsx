import type { LegAction } from '../../domain/leg-action';
import { offersTransferInstead, outcomeTone, phaseLabel } from '../../domain/leg-action-words';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { openDialog } from '../../shared/action-engine';

/**
 * The leg's current action, in words, with the latest warning Daily reported (a warning, not a
 * failure); a refer that did not move the caller offers "Transfer instead".
 */
export function LegActionStatus({ action }: { action: LegAction }) {
  return (
    <span className="ml-auto flex min-w-0 items-center gap-1" data-testid="leg-action-status">
      <span className="truncate" title={phaseLabel(action)}>
        <Badge tone={outcomeTone(action)}>{phaseLabel(action)}</Badge>
      </span>
      {action.warning ? (
        <span className="truncate text-xs text-amber-800" title={action.warning}>
          Warning from Daily: {action.warning}
        </span>
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
