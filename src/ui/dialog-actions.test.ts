import * as RadixDialog from '@radix-ui/react-dialog';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DialogActions } from './dialog-actions';

/** The footer's markup: its submit button's opening tag and the reason's paragraph, if any. */
function footer(unavailable?: string) {
  const html = renderToStaticMarkup(
    h(RadixDialog.Root, { open: true }, h(DialogActions, { submitLabel: 'Transfer', unavailable })),
  );
  const reason = /<p id="([^"]+)"[^>]*>([^<]*)<\/p>/.exec(html);
  return {
    submit: /<button[^>]*type="submit"[^>]*>/.exec(html)?.[0] ?? '',
    reason: reason ? { id: reason[1]!, text: reason[2]! } : undefined,
  };
}

describe('DialogActions', () => {
  it('says why the submit is unavailable beside it, disabled and described by the reason', () => {
    const f = footer('The server is unreachable');
    expect(f.reason?.text).toBe('The server is unreachable');
    expect(f.submit).toContain('disabled=""');
    expect(f.submit).toContain(`aria-describedby="${f.reason!.id}"`);
  });

  it('submits when nothing stands in the way: enabled, no reason', () => {
    const f = footer();
    expect(f.reason).toBeUndefined();
    expect(f.submit).not.toContain('disabled=""');
    expect(f.submit).not.toContain('aria-describedby');
  });
});
