export { getRealCall, getSandboxSession } from './create-call';
export type { CallMode, SandboxSession } from './create-call';
export { callSdk, onSdkCall, sdkErrorMessage } from './sdk-call';
export type { SdkCallRecord, SdkMethod } from './sdk-call';
export type { SandboxCall, SandboxDriver } from '../sandbox';
export { relaySandboxWebhooks } from './sandbox-relay';
