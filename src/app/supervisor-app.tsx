import { lazy, Suspense } from 'react';
import { ServerPage } from './server-page';

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
  return (
    <ServerPage title="Supervisor wall">
      {(user) => (
        <Suspense fallback={<p className="p-6">Loading the wall…</p>}>
          <SupervisorGate user={user} />
        </Suspense>
      )}
    </ServerPage>
  );
}
