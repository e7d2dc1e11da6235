import { memo } from 'react';
import { TELEPHONY_TYPES, legKindLabel } from '../../domain/telephony';
import { WALL_STATES } from '../../domain/wall';
import type { WallFilter } from '../../domain/wall-view';
import { Field } from '../../ui/field';

const KINDS = [
  ['', 'All kinds'],
  ...TELEPHONY_TYPES.map((t) => [t, legKindLabel(t)] as const),
] as const;
const STATES = [
  ['live', 'Live (not ended)'],
  ['', 'All, ended included'],
  ...WALL_STATES.map((s) => [s.key, s.label] as const),
] as const;
const TEXT_FILTERS = [
  ['search', 'Search number or name'],
  ['room', 'Room'],
] as const;
const SORTS = [
  ['longest', 'Longest calls first'],
  ['shortest', 'Shortest calls first'],
] as const;

function Select(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** [value, label] pairs. */
  options: readonly (readonly [string, string])[];
}) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {props.label}
      <select
        className="rounded border border-slate-400 px-1 py-1.5 font-normal"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Room, kind, state, a search by number or name, and the sort by duration (drawn again only when the filter changes). */
export const WallFilters = memo(function WallFilters({
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
      {TEXT_FILTERS.map(([key, label]) => (
        <Field
          key={key}
          label={label}
          type="search"
          value={filter[key]}
          onChange={(e) => set(key, e.target.value)}
          autoComplete="off"
        />
      ))}
      <Select label="Kind" value={filter.kind} onChange={(v) => set('kind', v)} options={KINDS} />
      <Select
        label="State"
        value={filter.state}
        onChange={(v) => set('state', v as WallFilter['state'])}
        options={STATES}
      />
      <Select
        label="Sort"
        value={filter.sort}
        onChange={(v) => set('sort', v as WallFilter['sort'])}
        options={SORTS}
      />
    </search>
  );
});
