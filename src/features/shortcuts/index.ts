export { KeyboardShortcuts } from './keyboard-shortcuts';
