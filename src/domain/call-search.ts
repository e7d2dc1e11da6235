/**
 * The call list's search: does a call match what the agent typed? By name (any case, any part)
 * or by number: a query with digits matches the number's digits wherever they are, so
 * "7946 0958", "0958" and "+442079460958" all find `+44 20 7946 0958`. SIP addresses match as
 * text. Pure, so it is tested without a browser.
 */
export interface SearchableCall {
  name?: string | undefined;
  /** E.164 number or SIP URI, when known. */
  address?: string | undefined;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

export function callMatches(query: string, call: SearchableCall): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const name = call.name?.toLowerCase() ?? '';
  const address = call.address?.toLowerCase() ?? '';
  if (name.includes(q) || address.includes(q)) return true;
  // Only digits and number punctuation: compare digits, whatever the spacing.
  if (/^[\d\s+().-]+$/.test(q)) {
    const digits = digitsOf(q);
    const number = digitsOf(address);
    // A national number's trunk 0 ("020 7946 0958") is not in the E.164 form.
    return (
      digits.length > 0 &&
      (number.includes(digits) || (digits.startsWith('0') && number.includes(digits.slice(1))))
    );
  }
  return false;
}

/**
 * `ids` with those `rank` puts lower first, keeping the list's own order within a rank (a
 * stable sort): how a feature puts a group of calls first, e.g. "Mine" before "Others".
 */
export function rankedFirst(ids: readonly string[], rank: (id: string) => number): string[] {
  return ids
    .map((id, index) => ({ id, index, rank: rank(id) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.id);
}
