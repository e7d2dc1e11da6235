import { useEffect, useMemo } from 'react';
import { DailyProvider } from '@daily-co/daily-react';
import type { CallMode } from '../daily';
import { roomUrlFromSearch } from '../domain/room-url';
import { ConnectScreen, useConnection } from '../features/connect';
import { SandboxPanel } from '../features/sandbox-panel';
import {
  actionStore,
  DialOutProgress,
  LegActions,
  openDialog,
  RecentActions,
} from '../features/leg-actions';
import { useTelephonyRights } from '../features/permissions';
import { Button } from '../ui/button';
import { DialogHost, preloadDialogs } from './dialog-host';
import { LiveRegion } from '../ui/live-region';
import { ConsoleScreen } from './console-screen';
import { EventBridge } from './event-bridge';
import { MeetingWatcher } from './meeting-watcher';

function initialMode(search: string): CallMode {
  const params = new URLSearchParams(search);
  return params.get('mode') === 'real' || params.has('room') ? 'real' : 'sandbox';
}

/** Picks sandbox or real mode, owns the call object, and shows connect or console. */
export function App() {
  const search = window.location.search;
  const mode = useMemo(() => initialMode(search), [search]);
  const initialRoom = useMemo(() => roomUrlFromSearch(search), [search]);
  const connection = useConnection(mode);
  const joined = connection.phase === 'joined';
  useEffect(() => {
    if (!joined) return;
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(preloadDialogs);
  }, [joined]);
  return (
    <DailyProvider callObject={connection.call}>
      <EventBridge extra={actionStore.ingestDailyEvent} />
      {joined ? <MeetingWatcher onEnded={connection.ended} /> : null}
      {joined ? (
        <ConsoleScreen
          connection={connection}
          RowActions={LegActions}
          toolbar={<DialOutButton />}
          aside={
            <>
              <DialOutProgress />
              <RecentActions />
            </>
          }
          sandboxPanel={connection.sandbox ? <SandboxPanel sandbox={connection.sandbox} /> : null}
        />
      ) : (
        <ConnectScreen connection={connection} initialRoom={initialRoom} />
      )}
      {joined ? <DialogHost /> : null}
      <LiveRegion />
    </DailyProvider>
  );
}

function DialOutButton() {
  const rights = useTelephonyRights();
  return (
    <Button
      variant="primary"
      disabled={!rights.allowed}
      title={rights.reason}
      onClick={() => openDialog({ kind: 'dial-out' })}
    >
      Dial out
    </Button>
  );
}
