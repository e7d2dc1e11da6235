import { describe, expect, it } from 'vitest';
import type { WallLeg, WallTransfer } from './wall';
import { WallIndex } from './wall-index';
import { DEFAULT_FILTER, wallItems, type WallFilter, type WallItem } from './wall-view';

const leg = (i: number, over: Partial<WallLeg> = {}): WallLeg => ({
  session_id: `s${i}`,
  room: `room-${i % 7}.w${i % 2}`,
  direction: i % 3 ? 'dial-in' : 'dial-out',
  network: i % 4 ? 'pstn' : 'sip',
  from_addr: i % 4 ? `+1415555${String(1000 + i)}` : `sip:c${i}@pbx.example.com`,
  to_addr: null,
  display_name: `Caller ${i}`,
  started_at: i % 5 ? 1_000 * (i % 11) : null,
  ended_at: null,
  state: 'connected',
  detail: null,
  ...over,
});

const shape = (items: WallItem[]) =>
  items.map((i) =>
    i.type === 'room' ? `${i.label}:${i.count}` : `${i.row.leg.session_id}:${i.row.state}`,
  );

/** A deterministic sequence (no flaky seeds): the same runs every time. */
function* steps(n: number) {
  let x = 7;
  for (let k = 0; k < n; k++) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x;
  }
}

describe('the wall index', () => {
  it('lists what the whole derivation lists, after any mix of changes, for every filter', () => {
    const legs = new Map<string, WallLeg>();
    const transfers = new Map<string, WallTransfer>();
    const index = new WallIndex({
      leg: (id) => legs.get(id),
      latestTransfer: (id) => transfers.get(id),
      firstSeen: () => 500,
    });
    const filters: WallFilter[] = [
      DEFAULT_FILTER,
      { ...DEFAULT_FILTER, sort: 'shortest', state: '' },
      { ...DEFAULT_FILTER, world: 'w1', kind: 'pstn-dial-in' },
      { ...DEFAULT_FILTER, search: '555 10', room: 'room-3' },
      { ...DEFAULT_FILTER, state: 'transferring' },
    ];
    let checked = 0;
    for (const x of steps(300)) {
      const i = x % 40;
      const id = `s${i}`;
      const op = (x >> 8) % 5;
      if (op === 0) legs.delete(id);
      else if (op === 1 && legs.has(id))
        legs.set(id, { ...legs.get(id)!, ended_at: 20_000, state: 'ended' });
      else if (op === 2)
        transfers.set(id, {
          session_id: id,
          to_endpoint: '+12025550188',
          room: legs.get(id)?.room ?? null,
          from_endpoint: null,
          refer: false,
          triggered_at: 1,
          initiated_at: (x >> 12) % 2 ? 2 : null,
          answered_at: null,
          completed_at: null,
          outcome: 'requested',
        });
      else if (op === 3) legs.set(id, leg(i, { room: `moved-${(x >> 10) % 3}` }));
      else legs.set(id, leg(i));
      index.touch(id);
      const filter = filters[(x >> 14) % filters.length]!;
      const whole = wallItems(
        legs.values(),
        (s) => transfers.get(s),
        filter,
        () => 500,
      );
      const kept = index.view(filter);
      expect(shape(kept.items)).toEqual(shape(whole.items));
      expect([kept.rooms, kept.legs]).toEqual([whole.rooms, whole.legs]);
      checked += kept.legs;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('answers the same object while nothing changed, and keeps unchanged rows', () => {
    const legs = new Map([0, 1, 2].map((i) => [`s${i}`, leg(i, { room: 'a' })]));
    const index = new WallIndex({
      leg: (id) => legs.get(id),
      latestTransfer: () => undefined,
      firstSeen: () => 0,
    });
    for (const id of legs.keys()) index.touch(id);
    const first = index.view(DEFAULT_FILTER);
    expect(index.view(DEFAULT_FILTER)).toBe(first);
    legs.set('s1', leg(1, { room: 'a', display_name: 'Renamed' }));
    index.touch('s1');
    const second = index.view(DEFAULT_FILTER);
    expect(second).not.toBe(first);
    const row = (v: typeof first, id: string) =>
      v.items.find((i) => i.type === 'leg' && i.row.leg.session_id === id);
    expect(row(second, 's0')).toEqual(row(first, 's0'));
    expect(row(second, 's1')).not.toEqual(row(first, 's1'));
  });
});
