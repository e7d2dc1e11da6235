import type { ClipboardEvent } from 'react';
import { formatAddressForReading } from '../../domain/leg-label';

/**
 * A leg's number or SIP address: shown for reading (`+44 20 7183 8750`), copied as E.164
 * (`+442071838750`) whether the agent selects the text or presses the copy button.
 */
export function LegAddress({ address }: { address: string }) {
  const shown = formatAddressForReading(address);
  function onCopy(e: ClipboardEvent) {
    e.preventDefault();
    e.clipboardData.setData('text/plain', address);
  }
  return (
    <span className="flex min-w-0 items-center gap-1">
      <span className="truncate font-mono text-sm" onCopy={onCopy} data-e164={address}>
        {shown}
      </span>
      {shown !== address ? (
        <button
          type="button"
          className="shrink-0 rounded px-1 text-xs text-slate-600 underline hover:text-slate-900 max-sm:min-h-11 max-sm:min-w-11"
          aria-label={`Copy ${shown} as ${address}`}
          onClick={() => void navigator.clipboard?.writeText(address).catch(() => undefined)}
        >
          Copy
        </button>
      ) : null}
    </span>
  );
}
