export { callSelection, type Step } from './call-selection-store';
export { acceptShortcut } from './accept-shortcut';
export { useSelectedCall } from './use-selected-call';
