import type { ReactNode } from 'react';
import { Button } from './button';
import { DialogClose } from './dialog';

/**
 * A dialog's footer: Cancel (closes) and the primary submit button, disabled once submitted.
 * Sticky at the bottom of the dialog, so a long dialog in a short window scrolls its content
 * while the buttons stay in view.
 */
export function DialogActions(props: {
  submitLabel: ReactNode;
  submitted?: boolean;
  cancelLabel?: string;
  variant?: 'primary' | 'danger';
  onSubmit?: () => void;
}) {
  const { submitLabel, submitted = false, cancelLabel = 'Cancel', variant = 'primary' } = props;
  return (
    <div className="sticky -bottom-5 -mx-5 flex justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3">
      <DialogClose asChild>
        <Button>{cancelLabel}</Button>
      </DialogClose>
      <Button
        type={props.onSubmit ? 'button' : 'submit'}
        variant={variant}
        disabled={submitted}
        onClick={props.onSubmit}
      >
        {submitLabel}
      </Button>
    </div>
  );
}
