export { PermissionNotice } from './permission-notice';
