import { Button } from '../../ui/button';
import { useSignOut, type User } from '../../shared/account-data';

/** Who is signed in, and the way out. */
export function AccountBar({
  user,
  onAccounts,
}: {
  user: User;
  onAccounts?: (() => void) | undefined;
}) {
  const signOut = useSignOut();
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 text-sm">
      <span>
        Signed in as <strong>{user.displayName}</strong> ({user.role})
      </span>
      {user.role !== 'agent' ? (
        <a href="/history" className="text-blue-800 underline">
          History
        </a>
      ) : null}
      {onAccounts ? (
        <Button size="sm" variant="ghost" onClick={onAccounts}>
          Accounts
        </Button>
      ) : null}
      <Button size="sm" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out
      </Button>
    </div>
  );
}
