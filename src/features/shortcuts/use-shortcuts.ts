import { useEffect } from 'react';
import { acceptShortcut, callSelection } from '../../shared/call-selection';
import { announce } from '../../ui/live-region';
import { shortcutFor, type Shortcut } from './shortcut-keys';

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);

/** Focus is in something that takes text: a shortcut would steal the agent's keystroke. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

const dialogOpen = () => !!document.querySelector('[role="dialog"], [role="alertdialog"]');

function inCallList(target: EventTarget | null): boolean {
  if (target === document.body || target === null) return true;
  return target instanceof HTMLElement && !!target.closest('#calls');
}

/** The reason a disabled button gives (its aria-describedby text, or its title). */
function reasonOf(button: HTMLButtonElement): string {
  const ids = button.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  const text = ids
    .map((id) => document.getElementById(id)?.textContent?.trim())
    .filter(Boolean)
    .join(' ');
  return text || button.title || 'not possible now';
}

/** Presses the selected row's button itself: disabled stays disabled, and says why. */
function pressRowButton(which: string, does: string): void {
  const selected = callSelection.selected();
  if (selected === undefined) {
    announce('No call selected: press J or ↓ to pick one.');
    return;
  }
  const row = document.querySelector(`[data-session-id="${CSS.escape(selected)}"]`);
  const button = row?.querySelector<HTMLButtonElement>(`button[data-shortcut="${which}"]`);
  if (!button) {
    announce(`${does}: not available for this call.`);
    return;
  }
  if (button.disabled) {
    announce(`${button.getAttribute('aria-label') ?? does}: ${reasonOf(button)}`);
    return;
  }
  button.click();
}

function run(shortcut: Shortcut, openHelp: () => void): void {
  const action = shortcut.action;
  switch (action.kind) {
    case 'step':
      if (!callSelection.step(action.step)) announce('No calls to move between.');
      return;
    case 'row':
      return pressRowButton(action.button, shortcut.does);
    case 'accept':
      if (!acceptShortcut.run()) announce('No call is being offered to you.');
      return;
    case 'search':
      document.querySelector<HTMLInputElement>('#calls input[type="search"]')?.focus();
      return;
    case 'help':
      return openHelp();
  }
}

/**
 * Listens for the console's shortcuts on the whole page. Ignored while the agent types in a
 * field, while any dialog is open, and with Ctrl, Alt or ⌘ held (the browser's own keys).
 */
export function useShortcuts(openHelp: () => void): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.target) || dialogOpen()) return;
      const shortcut = shortcutFor(e.key);
      if (!shortcut || (shortcut.listOnly && !inCallList(e.target))) return;
      e.preventDefault();
      run(shortcut, openHelp);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openHelp]);
}
