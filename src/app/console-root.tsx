import { useEffect } from 'react';
import { DailyAudio, DailyProvider } from '@daily-co/daily-react';
import { SandboxPanel } from '../features/sandbox-panel';
import { DialOutProgress, LegActions, RecentActions } from '../features/leg-actions';
import { actionStore, openDialog, useTelephonyRights } from '../shared/action-engine';
import type { Connection } from '../features/connect';
import { WebhookFeed } from '../features/webhook-feed';
import { KeyboardShortcuts } from '../features/shortcuts';
import { QueueBoard, QueuePanel } from '../features/queue';
import { QueueAdminButton } from '../features/queue-admin';
import { useSignedInUser } from '../shared/account-data';
import { Button } from '../ui/button';
import { whenIdle } from '../ui/when-idle';
import { DialogHost, preloadDialogs } from './dialog-host';
import { ConsoleScreen } from './console-screen';
import { EventBridge } from './event-bridge';
import { MeetingWatcher } from './meeting-watcher';
import { ServerLinkBanner } from './server-link-banner';

// Sandbox only: `?actionTimeoutMs=` shortens every action's bound (request, confirmation, ring,
// answer) so timeouts can be exercised without waiting the real 15–60 s.
const params = new URLSearchParams(window.location.search);
const override = Number(params.get('actionTimeoutMs'));
if (params.get('mode') !== 'real' && !params.has('room') && override > 0) {
  actionStore.setTimeouts({
    request: override,
    confirm: override,
    ring: override,
    answer: override,
  });
}

let markReady: () => void = () => undefined;
/** Resolves once the event bridge listens, so no event of a join is missed. */
export const bridgeReady = new Promise<void>((resolve) => (markReady = resolve));

function Ready() {
  useEffect(() => markReady(), []);
  return null;
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

/** The queues, for a console signed in to a server: the agent's panel, the board for supervisors. */
function QueueArea({ room }: { room: string }) {
  const user = useSignedInUser();
  if (!user || !room) return null;
  return (
    <>
      <QueuePanel room={room} />
      {user.role === 'agent' ? null : <QueueBoard />}
    </>
  );
}

function QueueAdmin() {
  return useSignedInUser()?.role === 'admin' ? <QueueAdminButton /> : null;
}

/**
 * Everything after the connect screen, loaded on demand (the first screen does not need it):
 * the event bridge (mounted before joining), and once joined the console itself.
 */
export default function ConsoleRoot({ connection }: { connection: Connection }) {
  const joined = connection.phase === 'joined';
  useEffect(() => {
    if (!joined) return;
    whenIdle(preloadDialogs, 200);
  }, [joined]);
  return (
    <DailyProvider callObject={connection.call}>
      <EventBridge extra={actionStore.ingestDailyEvent} />
      <Ready />
      {joined ? (
        <>
          <MeetingWatcher onEnded={connection.ended} />
          <ServerLinkBanner sandbox={connection.sandbox} />
          {/* Real rooms: the agent hears the callers (the sandbox has no media). */}
          {connection.mode === 'real' ? <DailyAudio /> : null}
          <ConsoleScreen
            connection={connection}
            RowActions={LegActions}
            toolbar={
              <>
                {connection.roomName ? (
                  <WebhookFeed room={connection.roomName} sandbox={connection.sandbox} />
                ) : null}
                <QueueAdmin />
                <DialOutButton />
                <KeyboardShortcuts />
              </>
            }
            aside={
              <>
                <QueueArea room={connection.roomName} />
                <DialOutProgress />
                <RecentActions />
              </>
            }
            sandboxPanel={connection.sandbox ? <SandboxPanel sandbox={connection.sandbox} /> : null}
          />
          <DialogHost />
        </>
      ) : null}
    </DailyProvider>
  );
}
