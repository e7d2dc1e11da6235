import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { User } from '../../shared/account-data';
import { AccountBar } from './account-bar';

// Only admins open it: its code loads on first use.
const AdminPanel = lazy(() => import('./admin-panel'));

/**
 * Who is signed in above `children` (the connect form); an admin's "Accounts" swaps the form
 * for the account list until it is closed.
 */
export function AccountArea({ user, children }: { user: User; children: ReactNode }) {
  const [admin, setAdmin] = useState(false);
  const isAdmin = user.role === 'admin';
  return (
    <>
      <AccountBar user={user} onAccounts={isAdmin ? () => setAdmin(true) : undefined} />
      {admin && isAdmin ? (
        <Suspense fallback={<p>Loading accounts…</p>}>
          <AdminPanel me={user.username} onClose={() => setAdmin(false)} />
        </Suspense>
      ) : (
        children
      )}
    </>
  );
}
