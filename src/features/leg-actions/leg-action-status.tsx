import { isTerminal, phaseLabel, type LegAction } from '../../domain/leg-action';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { openDialog } from './dialog-store';

function tone(action: LegAction) {
  if (!isTerminal(action)) return 'info' as const;
  return action.phase === 'done' ? ('success' as const) : ('danger' as const);
}

/** The leg's current action, in words; a failed refer offers "Transfer instead". */
export function LegActionStatus({ action }: { action: LegAction }) {
  const referFailed =
    action.method === 'refer' && (action.phase === 'failed' || action.phase === 'timed-out');
  return (
    <span className="ml-auto flex min-w-0 items-center gap-1" data-testid="leg-action-status">
      <span className="truncate" title={phaseLabel(action)}>
        <Badge tone={tone(action)}>{phaseLabel(action)}</Badge>
      </span>
      {referFailed && action.sessionId ? (
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
