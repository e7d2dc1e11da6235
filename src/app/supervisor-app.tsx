import { lazy, Suspense } from 'react';
import { SignInScreen } from '../features/account';
import { useSession } from '../shared/account-data';
import { LiveRegion } from '../ui/live-region';

/** Where the supervisor's wall lives (`/supervisor`, any query: `?world=` in the sandbox). */
export const WALL_PATH = '/supervisor';

// The wall's code loads only on its page.
const SupervisorGate = lazy(() =>
  import('../features/supervisor-wall').then((m) => ({ default: m.SupervisorGate })),
);

/**
 * The `/supervisor` page: sign in first, then the wall for supervisors and admins (an agent is
 * refused there, and the wall's API refuses it too). It joins no Daily room: none of the
 * console's call machinery is loaded.
 */
export function SupervisorApp() {
  const session = useSession();
  let body;
  if (session.status === 'checking') body = null;
  else if (session.status === 'signed-out') body = <SignInScreen reason={session.reason} />;
  else if (session.status === 'no-server') {
    body = (
      <main className="p-6">
        <h1 className="text-lg font-semibold">Supervisor wall</h1>
        <p>The supervisor wall needs the console's server: there is none here.</p>
      </main>
    );
  } else {
    body = (
      <Suspense fallback={<p className="p-6">Loading the wall…</p>}>
        <SupervisorGate user={session.user} />
      </Suspense>
    );
  }
  return (
    <>
      {body}
      <LiveRegion />
    </>
  );
}
