import { useState } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';
import { InlineError } from '../../ui/inline-error';
import { useQueueState, useQueueStream } from '../../shared/queue-data';
import { Button } from '../../ui/button';
import { OfferCard } from './offer-card';
import { StatusControl } from './status-control';
import { useFocusTakenCall } from './use-focus-taken-call';
import { useOfferAlert } from './use-offer-alert';
import { WrapUpForm } from './wrap-up-form';

function DesktopAlerts() {
  if (!('Notification' in window) || Notification.permission !== 'default') return null;
  return (
    <Button size="sm" variant="ghost" onClick={() => void Notification.requestPermission()}>
      Turn on desktop alerts
    </Button>
  );
}

/**
 * The agent's side of the queues: their status, the call offered to them, the call they took
 * and its wrap-up. Opens the queue stream for the whole console while it is shown.
 */
export function QueuePanel({ room }: { room: string }) {
  useQueueStream(room);
  const { me, live, board } = useQueueState();
  const [notice, setNotice] = useState<string>();
  useOfferAlert(me?.offer ?? null);
  useFocusTakenCall(me ?? null, board ?? null);
  return (
    <section
      aria-labelledby="queue-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <div className="flex items-center gap-2">
        <h2 id="queue-heading" className="text-base font-semibold">
          My queue
        </h2>
        <span className="ml-auto">
          <DesktopAlerts />
        </span>
      </div>
      {!me ? (
        <p className="text-sm text-slate-700">{live ? 'Loading…' : 'Connecting to the queues…'}</p>
      ) : (
        <>
          {live ? null : (
            <p className="text-sm text-amber-900">
              Reconnecting to the queues: offers reach you again once the server answers.
            </p>
          )}
          <StatusControl me={me} />
          {me.offer ? <OfferCard offer={me.offer} room={room} onError={setNotice} /> : null}
          <InlineError message={notice} />
          {me.call && me.call.state !== 'ended' ? (
            <p>
              On a call with{' '}
              <span className="font-medium">{formatAddressForReading(me.call.from)}</span> (
              {me.call.queue} queue){me.call.state === 'routing' ? ': connecting…' : ''}
            </p>
          ) : null}
          {me.call?.state === 'ended' ? (
            <WrapUpForm call={me.call} wrapUntil={me.wrapUntil} />
          ) : null}
        </>
      )}
    </section>
  );
}
