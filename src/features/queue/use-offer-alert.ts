import { useEffect } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';
import type { OfferView } from '../../domain/queue';
import { announce } from '../../ui/live-region';

/**
 * Makes an offer impossible to miss: a short tone (Web Audio; browsers allow it once the agent
 * has clicked in the page, which joining the room was), the tab's title, a desktop notification
 * when the agent allowed them, and the live region for screen readers. The title comes back
 * when the offer goes.
 */
export function useOfferAlert(offer: OfferView | null): void {
  const callId = offer?.callId;
  useEffect(() => {
    if (!offer) return;
    const who = formatAddressForReading(offer.from);
    const text = `Incoming call from ${who} in the ${offer.queue} queue`;
    announce(text);
    const title = document.title;
    document.title = `Incoming call: ${who} – ${title}`;
    ring();
    let note: Notification | undefined;
    if ('Notification' in window && Notification.permission === 'granted') {
      note = new Notification('Incoming call', { body: text, tag: offer.callId });
    }
    return () => {
      document.title = title;
      note?.close();
    };
    // One alert per offered call, not per update of the same offer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId]);
}

let audio: AudioContext | undefined;

/** Two short beeps; silent where the browser refuses audio (no gesture yet, no device). */
function ring(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume().catch(() => undefined);
    for (const at of [0, 0.35]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.2);
    }
  } catch {
    // No audio here: the title, notification and announcement still alert.
  }
}
