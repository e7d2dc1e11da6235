/** What every dialog about one leg is given (transfer, refer, hang-up, keypad). */
export interface LegDialogProps {
  sessionId: string;
  /** Pre-filled destination (e.g. "Transfer instead" after a refer that did not move the caller). */
  initialDestination?: string | undefined;
  onClose: () => void;
}
