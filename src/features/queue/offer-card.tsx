import { useId, useState } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';
import { formatDuration } from '../../domain/identity';
import type { OfferView } from '../../domain/queue';
import { Button } from '../../ui/button';
import { useNow } from '../../ui/use-now';
import { queueApi } from '../../shared/queue-data';

/**
 * An offered call: who calls, on which queue, how long it rings for, Accept and Decline. The
 * server decides who wins; losing the race is said here ("Ann took this call").
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
  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    onError(undefined);
    try {
      await action();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-2 rounded border-2 border-blue-700 bg-blue-50 p-3"
    >
      <h3 id={`${id}-title`} className="font-semibold">
        Incoming call
      </h3>
      <p>
        <span className="font-medium">{formatAddressForReading(offer.from)}</span> · {offer.queue}{' '}
        queue · waiting {formatDuration(now - offer.arrivedAt)}
      </p>
      <p className="text-xs text-slate-600">
        Rings here for {formatDuration(Math.max(0, offer.expiresAt - now))} more.
      </p>
      <div className="flex gap-2">
        <Button
          variant="primary"
          disabled={busy}
          onClick={() => void act(() => queueApi.accept(offer.callId, room))}
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
