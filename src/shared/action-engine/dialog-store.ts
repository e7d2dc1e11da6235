import { createStore } from '../../domain/store';

export type DialogKind = 'transfer' | 'refer' | 'hang-up' | 'keypad' | 'dial-out';

export interface OpenDialog {
  kind: DialogKind;
  sessionId?: string;
  /** Pre-filled destination (e.g. "Transfer instead" after a failed refer). */
  destination?: string;
}

/** Which action dialog is open; one at a time. */
export const dialogStore = createStore<OpenDialog | null>(null);

export function openDialog(dialog: OpenDialog): void {
  dialogStore.set(dialog);
}

export function closeDialog(): void {
  dialogStore.set(null);
}
