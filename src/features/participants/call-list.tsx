import { useCallback, useRef, useState, type ComponentType } from 'react';
import { useParticipantIds } from '@daily-co/daily-react';
import type { DailyParticipant } from '@daily-co/daily-js';
import { useVirtualizer } from '@tanstack/react-virtual';
import { isTelephonyType } from '../../domain/telephony';
import { CallRow, CALL_ROW_HEIGHT } from './call-row';
import { CallListEmpty } from './call-list-empty';
import { useRevealDialOut } from './use-reveal-dial-out';

export interface CallListProps {
  /** Per-row actions (transfer, refer, …), composed in by the app. */
  RowActions?: ComponentType<{ sessionId: string }>;
  sandbox: boolean;
}

const everyone = () => true;

/** Every SIP/PSTN leg in the room, live and virtualised; a toggle shows everyone. */
export function CallList({ RowActions, sandbox }: CallListProps) {
  const [showEveryone, setShowEveryone] = useState(false);
  const phoneOnly = useCallback((p: DailyParticipant) => isTelephonyType(p.participantType), []);
  const ids = useParticipantIds({ filter: showEveryone ? everyone : phoneOnly });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CALL_ROW_HEIGHT,
    overscan: 2,
  });
  useRevealDialOut(ids, virtualizer);

  return (
    <section aria-labelledby="calls-heading" className="flex min-h-0 flex-col gap-2">
      <div className="flex items-center gap-3">
        <h2 id="calls-heading" className="text-base font-semibold">
          Calls <span className="font-normal text-slate-600">({ids.length})</span>
        </h2>
        <label className="ml-auto flex items-center gap-1 text-sm">
          <input
            type="checkbox"
            checked={showEveryone}
            onChange={(e) => setShowEveryone(e.target.checked)}
          />
          Show everyone
        </label>
      </div>
      {ids.length === 0 ? <CallListEmpty sandbox={sandbox} showEveryone={showEveryone} /> : null}
      <div
        ref={scrollRef}
        className={`h-[26rem] overflow-auto rounded border border-slate-300 bg-white ${ids.length === 0 ? 'hidden' : ''}`}
      >
        <ul
          aria-label="Calls"
          className="relative m-0 list-none p-0"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const id = ids[item.index];
            return id ? (
              <CallRow
                key={id}
                sessionId={id}
                top={item.start}
                index={item.index}
                total={ids.length}
                RowActions={RowActions}
              />
            ) : null;
          })}
        </ul>
      </div>
    </section>
  );
}
