import { useState, useSyncExternalStore } from 'react';
import { isInFlight } from '../domain/leg-action';
import { phaseLabel } from '../domain/leg-action-words';
import { useSignedInUser, useSignOut } from '../shared/account-data';
import { actionStore } from '../shared/action-engine';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';

type Exit = 'leave' | 'sign-out';

/**
 * Leave, and (signed in to the server) Sign out, from the console's header. While an action
 * is still in flight either one asks first: leaving stops this console following it.
 */
export function LeaveControls({ onLeave }: { onLeave: () => void }) {
  const user = useSignedInUser();
  const signOut = useSignOut();
  // Re-read on every action change: what is in flight decides whether Leave asks first.
  useSyncExternalStore(actionStore.subscribe, actionStore.getVersion);
  const pending = actionStore.all().filter(isInFlight);
  const [asking, setAsking] = useState<Exit | null>(null);

  function exit(how: Exit) {
    setAsking(null);
    onLeave();
    if (how === 'sign-out') signOut.mutate();
  }
  const request = (how: Exit) => (pending.length > 0 ? setAsking(how) : exit(how));

  return (
    <>
      <Button onClick={() => request('leave')}>Leave</Button>
      {user ? (
        <Button disabled={signOut.isPending} onClick={() => request('sign-out')}>
          Sign out
        </Button>
      ) : null}
      {asking ? (
        <Dialog
          open
          onOpenChange={(open) => !open && setAsking(null)}
          title={`${asking === 'leave' ? 'Leave' : 'Sign out'} while calls are in progress?`}
          description="Leaving the room stops this console following what is in progress: its outcome will not show here, and a request Daily has not accepted yet may not be carried out."
        >
          <ul aria-label="In progress" className="mb-4 list-disc pl-5 text-sm">
            {pending.map((a) => (
              <li key={a.id}>
                {a.callerName}: {phaseLabel(a)}
              </li>
            ))}
          </ul>
          <DialogActions
            cancelLabel="Stay"
            submitLabel={asking === 'leave' ? 'Leave anyway' : 'Sign out anyway'}
            variant="danger"
            onSubmit={() => exit(asking)}
          />
        </Dialog>
      ) : null}
    </>
  );
}
