/**
 * The wire protocol between a console (`CloudSandboxCall`) and the server's simulated cloud
 * (`server/sandbox/cloud.ts`): what comes down the console's stream, one JSON object per line,
 * and how rejections cross it. Shared by both sides; framework-free.
 */
import type { DailyParticipant } from '@daily-co/daily-js';
import type { SandboxBehaviour } from './sandbox-behaviour';
import type { TelephonySession } from './sandbox-call';
import type { SandboxSettings } from './sandbox-context';

/** A rejection as it crosses the wire: daily-js hands over strings, Errors or objects. */
export type WireError =
  | { kind: 'string'; message: string }
  | { kind: 'error'; name: string; message: string }
  | { kind: 'object'; value: unknown };

/** What the sandbox panel shows of a room (pushed on every change, coalesced per tick). */
export interface RoomState {
  legs: TelephonySession[];
  behaviour: SandboxBehaviour;
  settings: Omit<SandboxSettings, 'role' | 'userName' | 'behaviour'>;
}

/** What a console receives, in the order it happened. */
export type CloudMessage =
  | {
      t: 'joined';
      consoleId: string;
      sessionId: string;
      roomId: string;
      sipEndpoint: string;
      remotes: DailyParticipant[];
      present: number;
      state: RoomState;
    }
  | { t: 'event'; action: string; data: Record<string, unknown> }
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: WireError }
  | { t: 'state'; state: RoomState }
  | { t: 'ended'; reason: string }
  | { t: 'ping' };

/** A rejection, as the console will rethrow it (same shape, same message). */
export function wireError(error: unknown): WireError {
  if (typeof error === 'string') return { kind: 'string', message: error };
  if (error instanceof Error) return { kind: 'error', name: error.name, message: error.message };
  return { kind: 'object', value: error };
}

/** A rejection rebuilt in the shape the room's engine gave it (daily-js's varying shapes). */
export function unwire(error: WireError): unknown {
  if (error.kind === 'string') return error.message;
  if (error.kind === 'object') return error.value;
  const Ctor = ({ TypeError, RangeError } as Record<string, ErrorConstructor>)[error.name] ?? Error;
  return new Ctor(error.message);
}

/**
 * Reads a stream of JSON lines, calling `onMessage` for each; stops early when it returns
 * false. Resolves when the stream ended (or was stopped); rejects if it broke.
 */
export async function readMessages(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: CloudMessage) => boolean | void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line && onMessage(JSON.parse(line) as CloudMessage) === false) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  }
}
