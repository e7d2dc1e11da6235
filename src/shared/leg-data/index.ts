export { legInfo } from './leg-info-store';
export type { LegEventStatus, LegInfo } from './leg-info-store';
export { useLegInfo, useLegLabel } from './use-leg-info';
export { useLeg } from './use-leg';
export type { LegDialogProps } from './leg-dialog-props';
