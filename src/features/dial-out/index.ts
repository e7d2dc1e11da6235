export { DialOutDialog } from './dial-out-dialog';
