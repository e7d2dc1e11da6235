export { PermissionNotice } from './permission-notice';
export { useTelephonyRights } from './use-telephony-rights';
export type { TelephonyRights } from './use-telephony-rights';
