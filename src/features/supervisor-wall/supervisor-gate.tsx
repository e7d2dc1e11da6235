import { useSignOut, type User } from '../../shared/account-data';
import { Button } from '../../ui/button';
import { WallPage } from './wall-page';

/** Who may see the wall: supervisors and admins. An agent is told so, plainly. */
export function SupervisorGate({ user }: { user: User }) {
  const signOut = useSignOut();
  if (user.role === 'supervisor' || user.role === 'admin') return <WallPage user={user} />;
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-3 p-6">
      <h1 className="text-lg font-semibold">Supervisor wall</h1>
      <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
        The supervisor wall is for supervisors and admins. You are signed in as {user.displayName} (
        {user.role}), so it is not shown.
      </p>
      <p className="flex items-center gap-3">
        <Button size="sm" onClick={() => signOut.mutate()}>
          Sign out
        </Button>
        <a className="text-blue-800 underline" href={`/${window.location.search}`}>
          Back to the agent console
        </a>
      </p>
    </main>
  );
}
