import type { KeyboardEvent } from 'react';

/**
 * The call list's search by name or number. Enter (or ↓) goes to the first match, Escape
 * clears; how many calls match is said beside the field (and announced: it is a status).
 */
export function CallSearch({
  query,
  onChange,
  shown,
  total,
  onEnter,
}: {
  query: string;
  onChange: (query: string) => void;
  shown: number;
  total: number;
  onEnter: () => void;
}) {
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      onEnter();
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      onChange('');
    }
  }
  return (
    <div className="flex min-w-0 flex-1 items-center gap-2 max-sm:order-last max-sm:basis-full">
      <label className="flex min-w-0 flex-1 items-center gap-2 text-sm">
        <span className="shrink-0">Search calls</span>
        <input
          type="search"
          value={query}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Name or number"
          aria-keyshortcuts="/"
          className="w-full min-w-0 rounded border border-slate-400 px-2 py-1 max-sm:min-h-11"
        />
      </label>
      {query.trim() ? (
        <span role="status" className="shrink-0 text-sm text-slate-700">
          {shown} of {total}
        </span>
      ) : null}
    </div>
  );
}
