import { useEffect, useId, useRef, useState } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';
import { formatDuration } from '../../domain/identity';
import type { OfferView } from '../../domain/queue';
import { Button } from '../../ui/button';
import { useNow } from '../../ui/use-now';
import { acceptShortcut } from '../../shared/call-selection';
import { queueApi } from '../../shared/queue-data';
import { announce } from '../../ui/live-region';

/**
 * An offered call: who calls, on which queue, how long it rings for, Accept and Decline. The
 * server decides who wins; losing the race is said here ("Ann took this call"). While it shows,
 * the A shortcut accepts it.
 */
export function OfferCard({
  offer,
  room,
  onError,
}: {
  offer: OfferView;
  room: string;
  /** Said outside the card: a refused accept usually means the offer is gone with the card. */
  onError: (message: string | undefined) => void;
}) {
  const id = useId();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const acting = useRef(false);
  async function act(action: () => Promise<unknown>) {
    if (acting.current) return;
    acting.current = true;
    setBusy(true);
    onError(undefined);
    try {
      await action();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      acting.current = false;
      setBusy(false);
    }
  }
  const from = formatAddressForReading(offer.from);
  const accept = () =>
    act(async () => {
      await queueApi.accept(offer.callId, room);
      announce(`Accepted the call from ${from}: connecting them to your room.`);
    });
  // The A key accepts while this offer shows (re-registered each render: the latest `accept`).
  useEffect(() => acceptShortcut.register(() => void accept()));
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-2 rounded border-2 border-blue-700 bg-blue-50 p-3"
    >
      <h3 id={`${id}-title`} className="font-semibold">
        Incoming call
      </h3>
      <p>
        <span className="font-medium">{from}</span> · {offer.queue} queue · waiting{' '}
        {formatDuration(now - offer.arrivedAt)}
      </p>
      <p className="text-xs text-slate-600">
        Rings here for {formatDuration(Math.max(0, offer.expiresAt - now))} more.
      </p>
      <div className="flex gap-2">
        <Button
          variant="primary"
          disabled={busy}
          onClick={() => void accept()}
          aria-keyshortcuts="A"
        >
          Accept
        </Button>
        <Button disabled={busy} onClick={() => void act(() => queueApi.decline(offer.callId))}>
          Decline
        </Button>
      </div>
    </section>
  );
}
