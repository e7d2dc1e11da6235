export { CallList } from './call-list';
export { legInfo } from './leg-info-store';
export type { LegInfo } from './leg-info-store';
export { useLegInfo, useLegLabel } from './use-leg-info';
