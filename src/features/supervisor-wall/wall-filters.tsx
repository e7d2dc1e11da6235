import { TELEPHONY_TYPES, legKindLabel } from '../../domain/telephony';
import { WALL_STATES } from '../../domain/wall';
import type { WallFilter } from '../../domain/wall-view';
import { Field } from '../../ui/field';

const SELECT = 'rounded border border-slate-400 px-1 py-1.5 font-normal';

/** Room, kind, state, a search by number or name, and the sort by duration. */
export function WallFilters({
  filter,
  onChange,
}: {
  filter: WallFilter;
  onChange: (next: WallFilter) => void;
}) {
  const set = <K extends keyof WallFilter>(key: K, value: WallFilter[K]) =>
    onChange({ ...filter, [key]: value });
  return (
    <search aria-label="Filter calls" className="flex flex-wrap items-end gap-3">
      <Field
        label="Search number or name"
        type="search"
        value={filter.search}
        onChange={(e) => set('search', e.target.value)}
        autoComplete="off"
      />
      <Field
        label="Room"
        type="search"
        value={filter.room}
        onChange={(e) => set('room', e.target.value)}
        autoComplete="off"
      />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Kind
        <select
          className={SELECT}
          value={filter.kind}
          onChange={(e) => set('kind', e.target.value)}
        >
          <option value="">All kinds</option>
          {TELEPHONY_TYPES.map((t) => (
            <option key={t} value={t}>
              {legKindLabel(t)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        State
        <select
          className={SELECT}
          value={filter.state}
          onChange={(e) => set('state', e.target.value as WallFilter['state'])}
        >
          <option value="live">Live (not ended)</option>
          <option value="">All, ended included</option>
          {WALL_STATES.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Sort
        <select
          className={SELECT}
          value={filter.sort}
          onChange={(e) => set('sort', e.target.value as WallFilter['sort'])}
        >
          <option value="longest">Longest calls first</option>
          <option value="shortest">Shortest calls first</option>
        </select>
      </label>
    </search>
  );
}
