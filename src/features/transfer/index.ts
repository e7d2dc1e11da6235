export { TransferDialog } from './transfer-dialog';
export { ReferDialog } from './refer-dialog';
