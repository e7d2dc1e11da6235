export { DestinationFields } from './destination-fields';
export { useDestinationForm, defaultRegion } from './use-destination-form';
export type { DestinationFormValues } from './use-destination-form';
export type { PhoneOptions } from '../../domain/destination-check';
export { CostPreview } from './cost-preview';
