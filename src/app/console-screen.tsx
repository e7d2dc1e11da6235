import type { ComponentType, ReactNode } from 'react';
import { useLocalSessionId, useParticipantProperty } from '@daily-co/daily-react';
import { cleanDisplayName } from '../domain/identity';
import { Badge } from '../ui/badge';
import { CallList } from '../features/participants';
import { EventLogView } from '../features/event-log';
import { PermissionNotice } from '../features/permissions';
import { useTelephonyRights } from '../shared/action-engine';
import type { Connection } from '../features/connect';
import { LeaveControls } from './leave-controls';

export interface ConsoleScreenProps {
  connection: Connection;
  RowActions?: ComponentType<{ sessionId: string }>;
  toolbar?: ReactNode;
  aside?: ReactNode;
  sandboxPanel?: ReactNode;
  /** Puts a group of calls first in the list (see `CallListProps.rank`). */
  rank?: ((sessionId: string) => number) | undefined;
}

/**
 * The joined console: a skip link, the header, the permission notice and the live call list
 * filling the height, beside recent actions, the event log and the sandbox panel.
 */
export function ConsoleScreen({
  connection,
  RowActions,
  toolbar,
  aside,
  sandboxPanel,
  rank,
}: ConsoleScreenProps) {
  const localId = useLocalSessionId();
  const userName = useParticipantProperty(localId, 'user_name');
  const rights = useTelephonyRights();
  return (
    <div className="flex min-h-screen flex-col lg:h-screen">
      <a
        href="#calls"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to calls
      </a>
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-300 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold">Agent console</h1>
        <Badge tone={connection.mode === 'sandbox' ? 'warning' : 'info'}>
          {connection.mode === 'sandbox' ? 'Sandbox' : 'Daily'}
        </Badge>
        <span className="truncate text-sm text-slate-700">{connection.roomLabel}</span>
        <span className="text-sm text-slate-700">
          {cleanDisplayName(userName, 'You')} · {rights.role === 'unknown' ? '' : rights.role}
        </span>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {toolbar}
          <LeaveControls onLeave={connection.leave} />
        </div>
      </header>
      {/* On a wide screen the page is the window's height: the call list takes all the height
          its column has, and the other column scrolls on its own. */}
      <main className="grid min-h-0 flex-1 grid-cols-1 gap-4 p-4 max-sm:p-2 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-h-0 min-w-0 flex-col gap-4">
          <PermissionNotice />
          <CallList RowActions={RowActions} sandbox={connection.mode === 'sandbox'} rank={rank} />
        </div>
        <div className="flex min-h-0 min-w-0 flex-col gap-4 *:shrink-0 lg:overflow-y-auto">
          {aside}
          <EventLogView />
          {sandboxPanel}
        </div>
      </main>
    </div>
  );
}
