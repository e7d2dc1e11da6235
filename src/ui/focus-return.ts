/**
 * Where focus goes when a dialog closes and the element that opened it is gone (a transferred
 * caller's row, say): the page registers a fallback (the call list focuses the selected row),
 * so focus never falls to the page body, where a keyboard user would have to start again.
 */
let fallback: (() => void) | undefined;

/** Registers the fallback; returns the function that removes it. */
export function setFocusFallback(focus: () => void): () => void {
  fallback = focus;
  return () => {
    if (fallback === focus) fallback = undefined;
  };
}

/** Focuses `to` if it is still on the page, else the fallback. */
export function returnFocus(to: HTMLElement | null): void {
  if (to?.isConnected) to.focus();
  else fallback?.();
}
