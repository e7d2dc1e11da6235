/** Small helpers shared by the sandbox modules. */
import type { SandboxRole } from './sandbox-participants';

/**
 * A random v4 UUID. `crypto.randomUUID()` exists only in secure contexts (https, localhost), so
 * a page served over plain http on a LAN address falls back to `crypto.getRandomValues()`.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short random token, as used in SIP `tag=` parameters. */
export function randomTag(): string {
  return randomId().replace(/-/g, '').slice(0, 10);
}

/**
 * A deep copy that survives `structuredClone` and Playwright's `page.evaluate` serialisation:
 * plain objects and arrays are copied, Dates are kept (as new Dates), Sets and Maps become
 * arrays / plain objects, functions and symbols are dropped, and cycles become `'[Circular]'`.
 */
export function cloneExportable(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  let copy: unknown;
  if (Array.isArray(value) || value instanceof Set) {
    copy = Array.from(value as Iterable<unknown>, (item) => cloneExportable(item, seen));
  } else if (value instanceof Map) {
    copy = Object.fromEntries(
      Array.from(value, ([k, v]: [unknown, unknown]) => [String(k), cloneExportable(v, seen)]),
    );
  } else {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const cloned = cloneExportable(item, seen);
      if (cloned !== undefined || item === undefined) out[key] = cloned;
    }
    copy = out;
  }
  seen.delete(value);
  return copy;
}

/** The claims of a JWT-shaped meeting token (not verified: the sandbox only reads them). */
export function tokenClaims(token: string): Record<string, unknown> | undefined {
  const body = token.split('.')[1];
  if (!body) return undefined;
  try {
    const json = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rights a meeting token grants, as the sandbox reads them: owner (`o`, as in Daily's
 * tokens), participant admin (`p.canAdmin` holding `'participants'`: the REST double's own
 * encoding of the token's `permissions`, as Daily's is not documented), else none.
 */
export function tokenRole(claims: Record<string, unknown> | undefined): SandboxRole {
  if (claims?.o === true) return 'owner';
  const p = claims?.p;
  const canAdmin = p && typeof p === 'object' ? (p as { canAdmin?: unknown }).canAdmin : undefined;
  return Array.isArray(canAdmin) && canAdmin.includes('participants') ? 'admin' : 'participant';
}
