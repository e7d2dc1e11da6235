import type { ReactNode } from 'react';
import { Button } from './button';
import { DialogClose } from './dialog';

/** A dialog's footer: Cancel (closes) and the primary submit button, disabled once submitted. */
export function DialogActions(props: {
  submitLabel: ReactNode;
  submitted?: boolean;
  cancelLabel?: string;
  variant?: 'primary' | 'danger';
  onSubmit?: () => void;
}) {
  const { submitLabel, submitted = false, cancelLabel = 'Cancel', variant = 'primary' } = props;
  return (
    <div className="flex justify-end gap-2">
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
