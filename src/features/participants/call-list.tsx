import { useCallback, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { useParticipantIds } from '@daily-co/daily-react';
import type { DailyParticipant } from '@daily-co/daily-js';
import { useVirtualizer } from '@tanstack/react-virtual';
import { callMatches, rankedFirst } from '../../domain/call-search';
import { cleanDisplayName } from '../../domain/identity';
import { isTelephonyType } from '../../domain/telephony';
import { callSelection, useSelectedCall } from '../../shared/call-selection';
import { legInfo } from '../../shared/leg-data';
import { PHONE_QUERY, useMediaQuery } from '../../ui/use-media-query';
import { CallRow, CALL_ROW_HEIGHT, PHONE_CALL_ROW_HEIGHT } from './call-row';
import { CallListEmpty } from './call-list-empty';
import { CallSearch } from './call-search';
import { useNewestCall } from './use-newest-call';
import { useRevealDialOut } from './use-reveal-dial-out';
import { useRowFocus } from './use-row-focus';

export interface CallListProps {
  /** Per-row actions (transfer, refer, …), composed in by the app. */
  RowActions?: ComponentType<{ sessionId: string }>;
  sandbox: boolean;
  /**
   * Puts a group of calls first: lower ranks first, the list's own order within a rank (e.g. a
   * queue's "Mine" 0, "Others" 1). Pass a stable function (`useCallback`): a new one re-sorts.
   */
  rank?: ((sessionId: string) => number) | undefined;
}

const everyone = () => true;
const phoneOnly = (p: DailyParticipant) => isTelephonyType(p.participantType);

/**
 * Every SIP/PSTN leg in the room, live and virtualised, filling the height it is given; a
 * search by name or number, a "Newest" marker, a toggle that shows everyone. The selected
 * row is what the keyboard shortcuts act on (see `use-row-focus.ts`).
 */
export function CallList({ RowActions, sandbox, rank }: CallListProps) {
  const [showEveryone, setShowEveryone] = useState(false);
  const [query, setQuery] = useState('');
  const base = showEveryone ? everyone : phoneOnly;
  const all = useParticipantIds({ filter: base });
  const matching = useCallback(
    (p: DailyParticipant) =>
      base(p) &&
      callMatches(query, {
        name: legInfo.label(p.session_id, cleanDisplayName(p.user_name, '')),
        address: legInfo.get(p.session_id)?.address,
      }),
    [base, query],
  );
  const found = useParticipantIds({ filter: query.trim() ? matching : base });
  const ids = useMemo(() => (rank ? rankedFirst(found, rank) : found), [found, rank]);
  const newest = useNewestCall(all);
  const selected = useSelectedCall();
  const phone = useMediaQuery(PHONE_QUERY);
  const rowHeight = phone ? PHONE_CALL_ROW_HEIGHT : CALL_ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 2,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  useRevealDialOut(ids, virtualizer);
  useRowFocus(ids, virtualizer, scrollRef, sectionRef);

  return (
    <section
      id="calls"
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby="calls-heading"
      className="flex min-h-[18rem] flex-1 flex-col gap-2 focus:outline-none max-sm:min-h-[70vh]"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="calls-heading" className="text-base font-semibold">
          Calls <span className="font-normal text-slate-600">({all.length})</span>
        </h2>
        <CallSearch
          query={query}
          onChange={setQuery}
          shown={ids.length}
          total={all.length}
          onEnter={() => callSelection.step('first')}
        />
        <label className="flex items-center gap-1 text-sm max-sm:min-h-11">
          <input
            type="checkbox"
            className="max-sm:size-5"
            checked={showEveryone}
            onChange={(e) => setShowEveryone(e.target.checked)}
          />
          Show everyone
        </label>
      </div>
      {all.length === 0 ? <CallListEmpty sandbox={sandbox} showEveryone={showEveryone} /> : null}
      <div
        ref={scrollRef}
        className={`min-h-0 flex-1 overflow-auto rounded border border-slate-300 bg-white ${all.length === 0 ? 'hidden' : ''}`}
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
                height={rowHeight}
                index={item.index}
                total={ids.length}
                selected={id === selected}
                newest={id === newest}
                RowActions={RowActions}
              />
            ) : null;
          })}
        </ul>
      </div>
    </section>
  );
}
