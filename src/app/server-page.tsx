import type { ReactNode } from 'react';
import { SignInScreen } from '../features/account';
import { useSession, type User } from '../shared/account-data';
import { LiveRegion } from '../ui/live-region';

/**
 * A page of the console's server that is not the agent console (`/supervisor`, `/history`):
 * sign-in first; without a server it says so plainly (these pages have nothing to show without
 * one); signed in, `children` decides by role. The live region is always mounted, so what the
 * page announces is heard.
 */
export function ServerPage({
  title,
  children,
}: {
  title: string;
  children: (user: User) => ReactNode;
}) {
  const session = useSession();
  let body: ReactNode;
  if (session.status === 'checking') body = null;
  else if (session.status === 'signed-out') body = <SignInScreen reason={session.reason} />;
  else if (session.status === 'no-server') {
    body = (
      <main className="p-6">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p role="alert">
          The {title.toLowerCase()} needs the console&apos;s server, and it can&apos;t be reached.
        </p>
      </main>
    );
  } else body = children(session.user);
  return (
    <>
      {body}
      <LiveRegion />
    </>
  );
}
