import { lazy, Suspense, useEffect, useMemo } from 'react';
import type { CallMode } from '../daily';
import { roomUrlFromSearch } from '../domain/room-url';
import { AccountArea, SignInScreen } from '../features/account';
import { ConnectScreen, useConnection } from '../features/connect';
import { useSession } from '../shared/account-data';
import { LiveRegion } from '../ui/live-region';
import { whenIdle } from '../ui/when-idle';

const loadConsole = () => import('./console-root');
const ConsoleRoot = lazy(loadConsole);

/** Loads the console part and waits until its event bridge listens. */
async function consoleReady(): Promise<void> {
  await (
    await loadConsole()
  ).bridgeReady;
}

function initialMode(search: string): CallMode {
  const params = new URLSearchParams(search);
  return params.get('mode') === 'real' || params.has('room') ? 'real' : 'sandbox';
}

/** Picks sandbox or real mode, owns the call object, and shows connect or console. */
export function App() {
  const search = window.location.search;
  const mode = useMemo(() => initialMode(search), [search]);
  const initialRoom = useMemo(() => roomUrlFromSearch(search), [search]);
  const session = useSession();
  // Sandbox: the server's shared simulated cloud once signed in to a sandbox-mode server; a
  // room simulated in this tab when there is no server.
  const sharedSandbox =
    session.status === 'no-server'
      ? false
      : session.status === 'signed-in'
        ? session.mode === 'sandbox'
        : undefined;
  const connection = useConnection(mode, consoleReady, sharedSandbox);
  // A server in real mode: the console joins real rooms (its rooms, its tokens).
  const serverMode = session.status === 'signed-in' ? session.mode : undefined;
  const { setMode } = connection;
  useEffect(() => {
    if (serverMode === 'real') setMode('real');
  }, [serverMode, setMode]);
  const preferredRoom = useMemo(
    () => new URLSearchParams(search).get('sandboxRoom') ?? undefined,
    [search],
  );
  // Warm the console chunk once the first screen is up, so Join does not wait for it.
  useEffect(() => {
    whenIdle(() => void loadConsole(), 100);
  }, []);
  return (
    <>
      <Suspense fallback={null}>
        <ConsoleRoot connection={connection} />
      </Suspense>
      {connection.phase === 'joined' ? null : session.status ===
        'checking' ? null : session.status === 'signed-out' ? (
        <SignInScreen reason={session.reason} />
      ) : (
        <ConnectScreen
          connection={connection}
          initialRoom={initialRoom}
          server={
            session.status === 'signed-in'
              ? { user: session.user, mode: session.mode, preferredRoom }
              : undefined
          }
          accountArea={
            session.status === 'signed-in'
              ? (form) => <AccountArea user={session.user}>{form}</AccountArea>
              : undefined
          }
        />
      )}
      <LiveRegion />
    </>
  );
}
