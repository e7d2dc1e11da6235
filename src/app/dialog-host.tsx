import { lazy, Suspense, useSyncExternalStore } from 'react';
import { closeDialog, dialogStore } from '../shared/action-engine';

// Dialogs (and libphonenumber with them) load on first use, not with the first screen.
const TransferDialog = lazy(() =>
  import('../features/transfer').then((m) => ({ default: m.TransferDialog })),
);
const ReferDialog = lazy(() =>
  import('../features/transfer').then((m) => ({ default: m.ReferDialog })),
);
const DialOutDialog = lazy(() =>
  import('../features/dial-out').then((m) => ({ default: m.DialOutDialog })),
);
const HangUpDialog = lazy(() =>
  import('../features/call-controls').then((m) => ({ default: m.HangUpDialog })),
);
const KeypadDialog = lazy(() =>
  import('../features/call-controls').then((m) => ({ default: m.KeypadDialog })),
);

/** Warm the dialog chunks once the console is idle, so a click opens a dialog at once. */
export function preloadDialogs(): void {
  void import('../features/transfer');
  void import('../features/dial-out');
  void import('../features/call-controls');
}

/** Renders whichever action dialog is open. */
export function DialogHost() {
  const open = useSyncExternalStore(dialogStore.subscribe, dialogStore.get);
  if (!open) return null;
  const props = { onClose: closeDialog, initialDestination: open.destination };
  return (
    <Suspense fallback={null}>
      {open.kind === 'dial-out' ? <DialOutDialog onClose={closeDialog} /> : null}
      {open.kind !== 'dial-out' && open.sessionId ? (
        <>
          {open.kind === 'transfer' ? (
            <TransferDialog sessionId={open.sessionId} {...props} />
          ) : null}
          {open.kind === 'refer' ? <ReferDialog sessionId={open.sessionId} {...props} /> : null}
          {open.kind === 'hang-up' ? <HangUpDialog sessionId={open.sessionId} {...props} /> : null}
          {open.kind === 'keypad' ? <KeypadDialog sessionId={open.sessionId} {...props} /> : null}
        </>
      ) : null}
    </Suspense>
  );
}
