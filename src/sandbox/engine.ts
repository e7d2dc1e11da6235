/**
 * The sandbox's one door for the server: the room engine the simulated cloud runs per room
 * (`server/sandbox/`), the wire protocol and method table it answers, and the console-side
 * client the server's tests and benchmarks drive. The console loads the sandbox through
 * `index.ts` instead (lazily, from `src/daily`). Lint keeps every server import of `src/`
 * to this module and `src/domain`.
 */
export { SandboxCall } from './sandbox-call';
export type { TelephonySession } from './sandbox-call';
export type { SandboxEventRecord } from './sandbox-events';
export { sipEndpointFor } from './sandbox-legs';
export { createParticipant } from './sandbox-participants';
export { tokenRole } from './sandbox-util';
export { EJECT_NOT_ALLOWED, notAllowedMessage, serverRejection } from './sandbox-telephony';
export type { SandboxWebhook } from './sandbox-webhooks';
export { SandboxTimers } from './sandbox-timers';
export {
  CLOUD_METHODS,
  HEARTBEAT_HEADER,
  isSdkMethod,
  readMessages,
  wireError,
  type CloudMessage,
  type CloudMethod,
  type RoomState,
} from './cloud-protocol';
export { CloudSandboxCall } from './cloud-call';
