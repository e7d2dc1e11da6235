import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { returnFocus } from './focus-return';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  children: ReactNode;
}

/**
 * An accessible modal dialog (Radix): role dialog, labelled by its heading, focus moved in on
 * open and restored to the trigger on close (or, if it is gone, to the page's fallback: see
 * `focus-return.ts`), Escape closes. It fits a short window: at most 90% of its height, the
 * content scrolls and the footer's buttons stay in view (`DialogActions` is sticky).
 */
export function Dialog({ open, onOpenChange, title, description, children }: DialogProps) {
  // Dialogs open from app state, not a Radix trigger: remember what had focus to restore it.
  const [returnTo] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <RadixDialog.Content
          className="fixed top-1/2 left-1/2 max-h-[90dvh] w-[min(36rem,95vw)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl"
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            returnFocus(returnTo);
          }}
        >
          <RadixDialog.Title asChild>
            <h2 className="mb-2 text-lg font-semibold">{title}</h2>
          </RadixDialog.Title>
          <RadixDialog.Description asChild>
            <div className="mb-3 text-sm text-slate-700">{description}</div>
          </RadixDialog.Description>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;
