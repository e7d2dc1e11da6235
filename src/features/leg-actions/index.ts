export { actionStore } from './action-store';
export { runAction, callSdk } from './run-action';
export type { RunActionOptions } from './run-action';
export { dialogStore, openDialog, closeDialog } from './dialog-store';
export type { DialogKind, OpenDialog } from './dialog-store';
export { LegActions } from './leg-actions';
export { RecentActions } from './recent-actions';
export { DialOutProgress } from './dial-out-progress';
export { useLegAction } from './use-actions';
