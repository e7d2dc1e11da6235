export { HangUpDialog } from './hang-up-dialog';
export { KeypadDialog } from './keypad-dialog';
