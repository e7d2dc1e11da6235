import { useEffect, useRef } from 'react';
import type { JoinProblem } from '../../domain/join-error';
import { Button } from '../../ui/button';

export interface JoinProblemNoticeProps {
  problem: JoinProblem;
  onRetry: () => void;
  onUseSandbox?: (() => void) | undefined;
}

/** A failed join: what happened, what to do, and the SDK's own words. */
export function JoinProblemNotice({ problem, onRetry, onUseSandbox }: JoinProblemNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [problem]);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="flex flex-col gap-2 rounded-lg border border-red-300 bg-red-50 p-4"
    >
      <h2 className="font-semibold text-red-900">{problem.title}</h2>
      <p className="text-sm text-red-900">{problem.detail}</p>
      <details className="text-xs text-slate-700">
        <summary>Technical details</summary>
        <p className="font-mono break-all">{problem.technical}</p>
      </details>
      <div className="flex gap-2">
        <Button variant="primary" onClick={onRetry}>
          Retry
        </Button>
        {onUseSandbox ? <Button onClick={onUseSandbox}>Use sandbox</Button> : null}
      </div>
    </div>
  );
}
