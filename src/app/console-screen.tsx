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
}

/** The joined console: header, permission notice, live call list, event log, sandbox panel. */
export function ConsoleScreen({
  connection,
  RowActions,
  toolbar,
  aside,
  sandboxPanel,
}: ConsoleScreenProps) {
  const localId = useLocalSessionId();
  const userName = useParticipantProperty(localId, 'user_name');
  const rights = useTelephonyRights();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-300 bg-white px-4 py-2">
        <h1 className="text-lg font-semibold">Agent console</h1>
        <Badge tone={connection.mode === 'sandbox' ? 'warning' : 'info'}>
          {connection.mode === 'sandbox' ? 'Sandbox' : 'Daily'}
        </Badge>
        <span className="truncate text-sm text-slate-700">{connection.roomLabel}</span>
        <span className="text-sm text-slate-700">
          {cleanDisplayName(userName, 'You')} · {rights.role === 'unknown' ? '' : rights.role}
        </span>
        <div className="ml-auto flex items-center gap-2">
          {toolbar}
          <LeaveControls onLeave={connection.leave} />
        </div>
      </header>
      <main className="grid flex-1 grid-cols-1 gap-4 p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-4">
          <PermissionNotice />
          <CallList RowActions={RowActions} sandbox={connection.mode === 'sandbox'} />
          {aside}
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <EventLogView />
          {sandboxPanel}
        </div>
      </main>
    </div>
  );
}
