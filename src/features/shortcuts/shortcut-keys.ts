/**
 * The console's keyboard shortcuts, one table for the handler and the help dialog. Single
 * keys, no modifier: they never fire while the agent types in a field or while a dialog is
 * open (see `use-shortcuts.ts`), so they cannot steal a letter from a name or a number.
 */
export type ShortcutAction =
  | { kind: 'step'; step: 'next' | 'previous' | 'first' | 'last' }
  | { kind: 'row'; button: 'transfer' | 'refer' | 'hang-up' }
  | { kind: 'accept' }
  | { kind: 'search' }
  | { kind: 'help' };

export interface Shortcut {
  /** `KeyboardEvent.key` values that trigger it. */
  keys: string[];
  /** How the help dialog writes the keys. */
  shown: string;
  does: string;
  action: ShortcutAction;
  /** Only while focus is on the page or in the call list (arrows scroll other regions). */
  listOnly?: boolean;
}

export const SHORTCUTS: Shortcut[] = [
  {
    keys: ['j', 'ArrowDown'],
    shown: 'J or ↓',
    does: 'Next call',
    action: { kind: 'step', step: 'next' },
  },
  {
    keys: ['k', 'ArrowUp'],
    shown: 'K or ↑',
    does: 'Previous call',
    action: { kind: 'step', step: 'previous' },
  },
  { keys: ['Home'], shown: 'Home', does: 'First call', action: { kind: 'step', step: 'first' } },
  { keys: ['End'], shown: 'End', does: 'Last call', action: { kind: 'step', step: 'last' } },
  { keys: ['/'], shown: '/', does: 'Search calls by name or number', action: { kind: 'search' } },
  {
    keys: ['t'],
    shown: 'T',
    does: 'Transfer the selected call',
    action: { kind: 'row', button: 'transfer' },
  },
  {
    keys: ['r'],
    shown: 'R',
    does: 'Refer the selected call (SIP callers)',
    action: { kind: 'row', button: 'refer' },
  },
  {
    keys: ['h'],
    shown: 'H',
    does: 'Hang up the selected call (asks first)',
    action: { kind: 'row', button: 'hang-up' },
  },
  {
    keys: ['a'],
    shown: 'A',
    does: 'Accept the call offered to you (when one is offered)',
    action: { kind: 'accept' },
  },
  { keys: ['?'], shown: '?', does: 'Show these shortcuts', action: { kind: 'help' } },
];

// Arrows, Home and End also scroll whatever has focus: claimed only in the call list.
for (const s of SHORTCUTS) {
  if (s.keys.some((k) => k.length > 1)) s.listOnly = true;
}

/** The shortcut a key triggers (letters in either case), else undefined. */
export function shortcutFor(key: string): Shortcut | undefined {
  const k = key.length === 1 ? key.toLowerCase() : key;
  return SHORTCUTS.find((s) => s.keys.includes(k));
}
