import type { DailyCall } from '@daily-co/daily-js';
import { sdkErrorMessage } from '../domain/sdk-error';

export { sdkErrorMessage };

export type SdkMethod =
  | 'sipCallTransfer'
  | 'sipRefer'
  | 'startDialOut'
  | 'stopDialOut'
  | 'sendDTMF'
  | 'eject'
  | 'join'
  | 'leave';

export interface SdkCallRecord {
  method: SdkMethod;
  args: unknown;
  at: number;
  outcome: 'requested' | 'resolved' | 'rejected';
  error?: string;
}

const listeners = new Set<(record: SdkCallRecord) => void>();

/** Subscribe to every SDK call the console makes (the event log shows them as console actions). */
export function onSdkCall(listener: (record: SdkCallRecord) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(record: SdkCallRecord) {
  for (const l of [...listeners]) l(record);
}

/** A deep copy of plain arguments (a JSON round trip for anything structuredClone refuses). */
export function snapshot(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return structuredClone(value);
  } catch {
    return JSON.parse(JSON.stringify(value)) as unknown;
  }
}

/** What each console method calls on the SDK. Tokens are never part of these arguments. */
const INVOKE: Record<SdkMethod, (call: DailyCall, args: never) => Promise<unknown>> = {
  sipCallTransfer: (call, args: Parameters<DailyCall['sipCallTransfer']>[0]) =>
    call.sipCallTransfer(args),
  sipRefer: (call, args: Parameters<DailyCall['sipRefer']>[0]) => call.sipRefer(args),
  startDialOut: (call, args: Parameters<DailyCall['startDialOut']>[0]) => call.startDialOut(args),
  stopDialOut: (call, args: Parameters<DailyCall['stopDialOut']>[0]) => call.stopDialOut(args),
  sendDTMF: (call, args: Parameters<DailyCall['sendDTMF']>[0]) => call.sendDTMF(args),
  eject: (call, args: { sessionId: string }) => {
    call.updateParticipant(args.sessionId, { eject: true });
    return Promise.resolve();
  },
  join: (call, args: Parameters<DailyCall['join']>[0]) => call.join(args),
  leave: (call) => call.leave(),
};

type ArgsOf<M extends SdkMethod> = M extends 'eject'
  ? { sessionId: string }
  : M extends 'leave'
    ? undefined
    : M extends keyof DailyCall
      ? DailyCall[M] extends (arg: infer A) => unknown
        ? A
        : never
      : never;

/**
 * Calls a daily-js method, reporting the request and its outcome to onSdkCall listeners.
 * Synchronous throws (daily-js does that for some guards) become rejections.
 */
export async function callSdk<M extends SdkMethod>(
  call: DailyCall,
  method: M,
  args: ArgsOf<M>,
  argsToLog: unknown = args,
): Promise<unknown> {
  // daily-js adds keys (useSipRefer, provider, method, digitDurationMs…) to the object it is
  // given: log a copy taken before the call, i.e. exactly what the console asked for.
  const logArgs = snapshot(argsToLog);
  emit({ method, args: logArgs, at: Date.now(), outcome: 'requested' });
  try {
    const result = await INVOKE[method](call, args as never);
    emit({ method, args: logArgs, at: Date.now(), outcome: 'resolved' });
    return result;
  } catch (error) {
    emit({
      method,
      args: logArgs,
      at: Date.now(),
      outcome: 'rejected',
      error: sdkErrorMessage(error),
    });
    throw error;
  }
}
