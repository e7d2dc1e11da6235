import { TELEPHONY_METHODS } from '../domain/call-api';
import { cloneExportable } from './sandbox-util';

/** SDK methods whose next call `failNext()` can make fail. */
export const FAILABLE_METHODS = ['join', ...TELEPHONY_METHODS] as const;
export type FailableMethod = (typeof FAILABLE_METHODS)[number];

export function isFailableMethod(method: unknown): method is FailableMethod {
  return typeof method === 'string' && (FAILABLE_METHODS as readonly string[]).includes(method);
}

/** One SDK call as `window.sandbox.calls()` reports it. */
export interface SandboxCallRecord {
  method: string;
  args: unknown[];
}

interface PendingRequest {
  method: string;
  reject: (error: Error) => void;
}

/**
 * Book-keeping for SDK requests: the ordered call log (arguments deep-copied when the call is
 * made, before any validation), the FIFO queues of scripted failures, and the promises still
 * waiting for their simulated server round trip (rejected when the sandbox leaves the meeting,
 * so no caller waits forever).
 */
export class SandboxRequests {
  private readonly log: SandboxCallRecord[] = [];
  private readonly failures = new Map<FailableMethod, string[]>();
  private readonly pending = new Set<PendingRequest>();

  /** @param logLimit how many calls {@link calls} keeps (the oldest are dropped beyond it). */
  constructor(private readonly logLimit = 50_000) {}

  record(method: string, args: unknown[]): void {
    if (this.logLimit <= 0) return;
    this.log.push({ method, args: args.map((arg) => cloneExportable(arg)) });
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
  }

  calls(): SandboxCallRecord[] {
    return this.log.map((call) => ({
      method: call.method,
      args: cloneExportable(call.args) as unknown[],
    }));
  }

  /** Queues a failure for the next call of `method` (FIFO per method). */
  failNext(method: FailableMethod, message: string): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(message);
    this.failures.set(method, queue);
  }

  /** Drops every queued failure. */
  clearFailures(): void {
    this.failures.clear();
  }

  /** Consumes the oldest queued failure of `method`, if any. */
  takeFailure(method: FailableMethod): string | undefined {
    const queue = this.failures.get(method);
    const message = queue?.shift();
    if (queue && queue.length === 0) this.failures.delete(method);
    return message;
  }

  /** Tracks a waiting promise; call the returned function once it settles. */
  track(method: string, reject: (error: Error) => void): () => void {
    const request: PendingRequest = { method, reject };
    this.pending.add(request);
    return () => {
      this.pending.delete(request);
    };
  }

  /** Rejects every waiting promise (the sandbox left the meeting). */
  interruptAll(): void {
    const waiting = [...this.pending];
    this.pending.clear();
    for (const request of waiting) {
      // not verbatim daily-js
      request.reject(new Error(`${request.method}() was interrupted: the call left the meeting`));
    }
  }
}
