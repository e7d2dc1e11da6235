/**
 * The wire protocol between a console (`CloudSandboxCall`) and the server's simulated cloud
 * (`server/sandbox/cloud.ts`): the one table of methods the cloud answers, what comes down the
 * console's stream (one JSON object per line), and how rejections cross it. Shared by both
 * sides; framework-free.
 */
import type { DailyParticipant } from '@daily-co/daily-js';
import { TELEPHONY_METHODS, type TelephonyMethod } from '../domain/call-api';
import type { SandboxBehaviour } from './sandbox-behaviour';
import type { TelephonySession } from './sandbox-call';
import type { SandboxSettings } from './sandbox-context';

/**
 * Every sandbox control (`window.sandbox`, the sandbox panel) and who answers it:
 * - `room`: the room's engine (`SandboxCall`). The in-tab sandbox is the engine; a console of
 *   the shared cloud forwards the call by name (`CloudSandboxCall`) and the cloud dispatches it
 *   by name to its room's engine (`server/sandbox/cloud.ts`).
 * - `console`: the console's own object (its logs, its view of the room).
 * - `world`: the shared cloud's world endpoints (reset, traffic); the in-tab sandbox answers
 *   them itself.
 *
 * A new room control takes two edits: an entry here and its method on `SandboxCall`; its type
 * (`SandboxControl`), `window.sandbox`, the console's forwarding and the cloud's dispatch
 * follow from them.
 */
export const SANDBOX_CONTROLS = {
  dialIn: 'room',
  hangUp: 'room',
  failNext: 'room',
  calls: 'console',
  events: 'console',
  addParticipants: 'room',
  addAgent: 'room',
  setDialOutOutcome: 'room',
  setReferSupport: 'room',
  setTransferDelay: 'room',
  setRingTime: 'room',
  setLatency: 'room',
  dtmfSent: 'room',
  simulateWarning: 'room',
  setBehaviour: 'room',
  behaviour: 'console',
  setDialInDisplayName: 'room',
  dialOutElsewhere: 'room',
  pressKeys: 'room',
  simulateError: 'room',
  simulateNetworkChurn: 'console',
  simulateBlip: 'console',
  telephonySessions: 'console',
  reset: 'world',
  traffic: 'world',
} as const satisfies Record<string, 'room' | 'console' | 'world'>;

export type SandboxControlName = keyof typeof SANDBOX_CONTROLS;
export type ControlSite<K extends SandboxControlName> = (typeof SANDBOX_CONTROLS)[K];

/** The controls the room's engine answers (the table's `room` entries). */
export type RoomControl = {
  [K in SandboxControlName]: ControlSite<K> extends 'room' ? K : never;
}[SandboxControlName];

export const SANDBOX_CONTROL_NAMES = Object.keys(SANDBOX_CONTROLS) as SandboxControlName[];

export const ROOM_CONTROLS = SANDBOX_CONTROL_NAMES.filter(
  (name): name is RoomControl => SANDBOX_CONTROLS[name] === 'room',
);

/** The SDK methods a console of the cloud calls on its room (the telephony methods). */
export const SDK_METHODS = TELEPHONY_METHODS;

/** Every method a console may call on the cloud: the SDK's, then the room controls. */
export type CloudMethod = TelephonyMethod | RoomControl;
export const CLOUD_METHODS: readonly CloudMethod[] = [...SDK_METHODS, ...ROOM_CONTROLS];

export function isSdkMethod(method: string): method is TelephonyMethod {
  return (SDK_METHODS as readonly string[]).includes(method);
}

/**
 * The connect answer's header naming the server's heartbeat (ms between `ping`s): a console
 * that hears nothing for a few of them takes the stream as lost (a network that drops without a
 * reset) and reconnects.
 */
export const HEARTBEAT_HEADER = 'x-heartbeat-ms';

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
