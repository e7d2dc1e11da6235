import { lazy, Suspense, useEffect, useMemo } from 'react';
import type { CallMode } from '../daily';
import { roomUrlFromSearch } from '../domain/room-url';
import { ConnectScreen, useConnection } from '../features/connect';
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
  const connection = useConnection(mode, consoleReady);
  // Warm the console chunk once the first screen is up, so Join does not wait for it.
  useEffect(() => {
    whenIdle(() => void loadConsole(), 100);
  }, []);
  return (
    <>
      <Suspense fallback={null}>
        <ConsoleRoot connection={connection} />
      </Suspense>
      {connection.phase === 'joined' ? null : (
        <ConnectScreen connection={connection} initialRoom={initialRoom} />
      )}
      <LiveRegion />
    </>
  );
}
