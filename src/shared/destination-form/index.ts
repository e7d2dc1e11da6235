export { DestinationFields } from './destination-fields';
export { useDestinationForm, defaultRegion } from './use-destination-form';
export type { DestinationFormValues, PhoneOptions } from './use-destination-form';
export { CostPreview } from './cost-preview';
