import { useId, type ReactNode } from 'react';
import { Button } from './button';
import { DialogClose } from './dialog';

/**
 * A dialog's footer: Cancel (closes) and the primary submit button, disabled once submitted.
 * Sticky at the bottom of the dialog, so a long dialog in a short window scrolls its content
 * while the buttons stay in view. `unavailable`: why the submit cannot be used right now (said
 * beside it and tied to it, so a screen reader reads the reason with the disabled button).
 */
export function DialogActions(props: {
  submitLabel: ReactNode;
  submitted?: boolean;
  cancelLabel?: string;
  variant?: 'primary' | 'danger';
  onSubmit?: () => void;
  unavailable?: string | undefined;
}) {
  const { submitLabel, submitted = false, cancelLabel = 'Cancel', variant = 'primary' } = props;
  const reasonId = useId();
  return (
    <div className="sticky -bottom-5 -mx-5 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3">
      {props.unavailable && (
        <p id={reasonId} className="mr-auto basis-full text-sm text-amber-800">
          {props.unavailable}
        </p>
      )}
      <DialogClose asChild>
        <Button>{cancelLabel}</Button>
      </DialogClose>
      <Button
        type={props.onSubmit ? 'button' : 'submit'}
        variant={variant}
        disabled={submitted || props.unavailable !== undefined}
        {...(props.unavailable ? { 'aria-describedby': reasonId } : {})}
        onClick={props.onSubmit}
      >
        {submitLabel}
      </Button>
    </div>
  );
}
