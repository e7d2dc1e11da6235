import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Rates } from '../../domain/cost-meter';
import type { WallFilter, WallItem } from '../../domain/wall-view';
import type { WallActing } from './wall-action-dialog';
import { WALL_COLUMNS, WALL_ROW_HEIGHT, WallLegRow } from './wall-leg-row';
import { WALL_ROOM_HEIGHT, WallRoomRow } from './wall-room-row';
import { wallStore } from './wall-store';

/** One empty list for every room without agents (a new `[]` per render would redraw each room row). */
const NO_AGENTS: string[] = [];
const HEADERS = ['Caller', 'Kind', 'Number or SIP address', 'Duration', 'State', 'Cost', 'Actions'];

interface Props {
  items: WallItem[];
  rates: Rates | undefined;
  presence: Record<string, string[]>;
  sort: WallFilter['sort'];
  onSort: (sort: WallFilter['sort']) => void;
  onAct: (acting: WallActing) => void;
}

/** Keys that move between rows: how far, or to which end. */
const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i) => i + 10,
  PageUp: (i) => i - 10,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/**
 * Every leg that passes the filters, grouped by room, in one ARIA grid: column headers, one
 * row per room and per leg, only the rows in view in the DOM (virtualised: 5,000 legs are a
 * few dozen elements). Arrow keys, Page Up/Down, Home and End move between rows (one tab stop:
 * the current row); Tab goes on to its buttons.
 */
export function WallGrid({ items, rates, presence, sort, onSort, onAct }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusAfterMove = useRef(false);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.type === 'room' ? WALL_ROOM_HEIGHT : WALL_ROW_HEIGHT),
    getItemKey: (i) => {
      const item = items[i];
      return item?.type === 'room' ? `room:${item.room}` : (item?.row.leg.session_id ?? i);
    },
    overscan: 4,
  });
  const current = Math.min(active, Math.max(0, items.length - 1));
  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    scrollRef.current?.querySelector<HTMLElement>(`[data-row="${current + 2}"]`)?.focus();
  });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[e.key];
    if (!move || !items.length || (e.target as HTMLElement).getAttribute('role') !== 'row') return;
    e.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, move(current, items.length)));
    setActive(next);
    focusAfterMove.current = true;
    virtualizer.scrollToIndex(next);
  };
  const durationSort = sort === 'longest' ? 'descending' : 'ascending';
  return (
    <div
      role="grid"
      aria-label="Live calls"
      aria-rowcount={items.length + 1}
      aria-colcount={HEADERS.length}
      // Focus sits on one row at a time (roving); the grid itself is reached through it.
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="flex min-h-0 flex-col rounded border border-slate-300 bg-white"
    >
      <div role="rowgroup">
        <div
          role="row"
          aria-rowindex={1}
          className={`${WALL_COLUMNS} gap-2 border-b border-slate-300 px-3 py-2 text-sm font-semibold`}
        >
          {HEADERS.map((h) =>
            h === 'Duration' ? (
              <span key={h} role="columnheader" aria-sort={durationSort}>
                <button
                  type="button"
                  className="underline decoration-dotted"
                  onClick={() => onSort(sort === 'longest' ? 'shortest' : 'longest')}
                >
                  Duration {sort === 'longest' ? '↓' : '↑'}
                  <span className="sr-only">
                    , sort {sort === 'longest' ? 'shortest' : 'longest'} first
                  </span>
                </button>
              </span>
            ) : (
              <span key={h} role="columnheader">
                {h}
              </span>
            ),
          )}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="relative h-[60vh] overflow-auto">
        {items.length === 0 ? (
          <div role="row" aria-rowindex={2} className="p-3 text-sm text-slate-700">
            <span role="gridcell">No calls match.</span>
          </div>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            const common = {
              rowIndex: v.index + 2,
              top: v.start,
              active: v.index === current,
              rates,
            };
            return item.type === 'room' ? (
              <WallRoomRow
                key={v.key}
                {...common}
                room={item.room}
                label={item.label}
                count={item.count}
                sessionIds={item.sessionIds}
                agents={presence[item.room] ?? NO_AGENTS}
              />
            ) : (
              <WallLegRow
                key={v.key}
                {...common}
                row={item.row}
                handledBy={wallStore.handledBy(item.row.leg.session_id)}
                roomLabel={roomOf(items, v.index)}
                onAct={onAct}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The label of the room a leg row sits under. */
function roomOf(items: WallItem[], index: number): string {
  for (let i = index; i >= 0; i--) {
    const item = items[i];
    if (item?.type === 'room') return item.label;
  }
  return '';
}
