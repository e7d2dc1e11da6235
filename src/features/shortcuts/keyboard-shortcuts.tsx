import { useCallback, useState } from 'react';
import { Button } from '../../ui/button';
import { Dialog, DialogClose } from '../../ui/dialog';
import { SHORTCUTS } from './shortcut-keys';
import { useShortcuts } from './use-shortcuts';

/**
 * The console's keyboard shortcuts: the page-wide listener, a header button that lists them,
 * and the help dialog (also `?`).
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const openHelp = useCallback(() => setOpen(true), []);
  useShortcuts(openHelp);
  return (
    <>
      <Button aria-keyshortcuts="?" onClick={openHelp}>
        Shortcuts
      </Button>
      {open ? (
        <Dialog
          open
          onOpenChange={setOpen}
          title="Keyboard shortcuts"
          description="Single keys, acting on the selected call. They do nothing while you type in a field or while a dialog is open."
        >
          <table className="mb-4 w-full text-sm">
            <caption className="sr-only">Keyboard shortcuts</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="py-1 pr-4">
                  Key
                </th>
                <th scope="col" className="py-1">
                  Does
                </th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.shown} className="border-t border-slate-200">
                  <td className="py-1 pr-4">
                    <kbd className="rounded border border-slate-400 px-1.5 font-mono">
                      {s.shown}
                    </kbd>
                  </td>
                  <td className="py-1">{s.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button variant="primary">Close</Button>
            </DialogClose>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
