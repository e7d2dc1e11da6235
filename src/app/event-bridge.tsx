import { useCallback, useEffect } from 'react';
import { useDailyEvent } from '@daily-co/daily-react';
import type { DailyEvent, DailyEventObject } from '@daily-co/daily-js';
import { onSdkCall, type SdkCallRecord } from '../daily';
import { eventLog } from '../shared/event-log-store';
import { legInfo } from '../shared/leg-data';

type Ingest = (ev: DailyEventObject) => void;

/** One subscription per Daily event; each is logged and fed to the stores that care. */
function useIngest(event: DailyEvent, ingest: Ingest) {
  useDailyEvent(event, ingest as (ev: DailyEventObject<typeof event>) => void);
}

function describeSdkCall(r: SdkCallRecord): string {
  const verb = r.outcome === 'requested' ? 'called' : r.outcome;
  return `${r.method}() ${verb}${r.error ? `: ${r.error}` : ''}`;
}

/** Wires Daily's events and the console's own SDK calls into the log and the leg stores. */
export function EventBridge({ extra }: { extra?: (ev: DailyEventObject) => void }) {
  const ingest = useCallback<Ingest>(
    (ev) => {
      const loose = ev as unknown as { action: string } & Record<string, unknown>;
      eventLog.pushDailyEvent(loose);
      legInfo.ingest(loose);
      if (loose.action === 'left-meeting') legInfo.clear();
      extra?.(ev);
    },
    [extra],
  );
  useIngest('joining-meeting', ingest);
  useIngest('joined-meeting', ingest);
  useIngest('left-meeting', ingest);
  useIngest('error', ingest);
  useIngest('nonfatal-error', ingest);
  useIngest('participant-joined', ingest);
  useIngest('participant-updated', ingest);
  useIngest('participant-left', ingest);
  useIngest('dialin-ready', ingest);
  useIngest('dialin-connected', ingest);
  useIngest('dialin-stopped', ingest);
  useIngest('dialin-error', ingest);
  useIngest('dialin-warning', ingest);
  useIngest('dialout-connected', ingest);
  useIngest('dialout-answered', ingest);
  useIngest('dialout-stopped', ingest);
  useIngest('dialout-error', ingest);
  useIngest('dialout-warning', ingest);
  useIngest('network-connection', ingest);
  useIngest('network-quality-change', ingest);
  // Inbound DTMF: emitted by daily-js but missing from its DailyEvent union (spec gotcha 3).
  useIngest('dtmf-event' as DailyEvent, ingest);

  useEffect(
    () =>
      onSdkCall((r) => {
        const args = (r.args ?? {}) as { sessionId?: unknown };
        eventLog.push({
          kind: 'console',
          action: `console:${r.method}`,
          sessionId: typeof args.sessionId === 'string' ? args.sessionId : undefined,
          summary: describeSdkCall(r),
          payload: { args: r.args, outcome: r.outcome, error: r.error },
        });
      }),
    [],
  );
  return null;
}
