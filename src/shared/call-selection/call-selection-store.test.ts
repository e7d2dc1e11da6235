import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptShortcut } from './accept-shortcut';
import { callSelection } from './call-selection-store';

afterEach(() => {
  callSelection.publish([]);
  callSelection.select(undefined);
});

describe('callSelection', () => {
  it('steps along the shown calls, stopping at either end, and asks for focus each time', () => {
    callSelection.publish(['a', 'b', 'c']);
    const before = callSelection.focusRequests();
    expect(callSelection.step('next')).toBe(true);
    expect(callSelection.selected()).toBe('a');
    callSelection.step('last');
    expect(callSelection.selected()).toBe('c');
    callSelection.step('next');
    expect(callSelection.selected()).toBe('c');
    callSelection.step('previous');
    callSelection.step('previous');
    callSelection.step('previous');
    expect(callSelection.selected()).toBe('a');
    expect(callSelection.focusRequests()).toBe(before + 6);
  });

  it('"previous" with nothing selected starts from the last call; no calls, no step', () => {
    callSelection.publish(['a', 'b']);
    callSelection.step('previous');
    expect(callSelection.selected()).toBe('b');
    callSelection.publish([]);
    callSelection.select(undefined);
    expect(callSelection.step('next')).toBe(false);
    expect(callSelection.selected()).toBeUndefined();
  });

  it('selecting without focus (a click, Tab into a row) asks for no focus', () => {
    const before = callSelection.focusRequests();
    callSelection.select('x');
    expect(callSelection.selected()).toBe('x');
    expect(callSelection.focusRequests()).toBe(before);
  });
});

describe('acceptShortcut', () => {
  it('runs the registered handler until it is unregistered', () => {
    expect(acceptShortcut.run()).toBe(false);
    const accept = vi.fn();
    const unregister = acceptShortcut.register(accept);
    expect(acceptShortcut.run()).toBe(true);
    expect(accept).toHaveBeenCalledTimes(1);
    unregister();
    expect(acceptShortcut.run()).toBe(false);
  });

  it("an old offer's cleanup does not remove a newer offer's handler", () => {
    const first = acceptShortcut.register(vi.fn());
    const second = vi.fn();
    const unregisterSecond = acceptShortcut.register(second);
    first();
    expect(acceptShortcut.run()).toBe(true);
    expect(second).toHaveBeenCalledTimes(1);
    unregisterSecond();
  });
});
