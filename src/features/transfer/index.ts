export { TransferDialog } from './transfer-dialog';
export type { LegDialogProps } from './transfer-dialog';
export { ReferDialog } from './refer-dialog';
export { DestinationFields } from './destination-fields';
export { useDestinationForm } from './use-destination-form';
export { CostPreview } from './cost-preview';
export { useLeg } from './use-leg';
