import { lazy, Suspense } from 'react';
import { ServerPage } from './server-page';

// Only supervisors and admins open it: its code loads on first use.
const HistoryPage = lazy(async () => ({
  default: (await import('../features/history')).HistoryPage,
}));

/**
 * `/history`: sign-in first; an agent gets a clear refusal (the server refuses its API too);
 * supervisors and admins get the history.
 */
export function HistoryRoute() {
  return (
    <ServerPage title="Conversation history">
      {(user) =>
        user.role === 'agent' ? (
          <main className="mx-auto flex max-w-xl flex-col gap-3 p-6">
            <h1 className="text-2xl font-semibold">Conversation history</h1>
            <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3">
              The history is for supervisors and admins. You are signed in as {user.displayName}{' '}
              (agent).
            </p>
            <a href="/" className="text-blue-800 underline">
              Back to the console
            </a>
          </main>
        ) : (
          <Suspense fallback={<p className="p-6">Loading the history…</p>}>
            <HistoryPage />
          </Suspense>
        )
      }
    </ServerPage>
  );
}
