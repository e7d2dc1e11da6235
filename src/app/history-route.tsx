import { lazy, Suspense } from 'react';
import { SignInScreen } from '../features/account';
import { useSession } from '../shared/account-data';
import { LiveRegion } from '../ui/live-region';

// Only supervisors and admins open it: its code loads on first use.
const HistoryPage = lazy(async () => ({
  default: (await import('../features/history')).HistoryPage,
}));

/**
 * `/history`: sign-in first; an agent gets a clear refusal (the server refuses its API too);
 * supervisors and admins get the history.
 */
export function HistoryRoute() {
  const session = useSession();
  let body;
  if (session.status === 'checking') body = null;
  else if (session.status === 'signed-out') body = <SignInScreen reason={session.reason} />;
  else if (session.status === 'no-server') {
    body = (
      <main className="p-6">
        <h1 className="text-2xl font-semibold">Conversation history</h1>
        <p role="alert">
          The history needs the console&apos;s server, and it can&apos;t be reached.
        </p>
      </main>
    );
  } else if (session.user.role === 'agent') {
    body = (
      <main className="mx-auto flex max-w-xl flex-col gap-3 p-6">
        <h1 className="text-2xl font-semibold">Conversation history</h1>
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
          The history is for supervisors and admins. You are signed in as {session.user.displayName}{' '}
          (agent).
        </p>
        <a href="/" className="text-blue-800 underline">
          Back to the console
        </a>
      </main>
    );
  } else {
    body = (
      <Suspense fallback={<p className="p-6">Loading the history…</p>}>
        <HistoryPage />
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
