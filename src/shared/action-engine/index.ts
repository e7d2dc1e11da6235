export { actionStore } from './action-store';
export { runAction } from './run-action';
export type { RunActionOptions } from './run-action';
export { dialogStore, openDialog, closeDialog } from './dialog-store';
export type { DialogKind, OpenDialog } from './dialog-store';
export { useAllActions, useLegAction } from './use-actions';
export { useActionForm } from './use-action-form';
export { useTelephonyRights } from './use-telephony-rights';
export type { TelephonyRights } from './use-telephony-rights';
export {
  forgetServerLink,
  reportServerLink,
  useLinkUnavailable,
  useServerLink,
} from './server-link-store';
export { actorStore, setClaimSender, useActor } from './actor-store';
export type { Claim } from './actor-store';
