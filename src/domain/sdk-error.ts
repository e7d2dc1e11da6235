/**
 * The SDK's reason for a rejection, as text. Pure, so the console (`src/daily`) and the
 * server's simulated cloud (which answers the REST double with the engine's reasons) share it
 * without either reaching into the other.
 */

/** The SDK's reason, as text: daily-js rejects with Error, string, or { errorMsg } objects. */
export function sdkErrorMessage(error: unknown): string {
  if (typeof error === 'string' && error) return error;
  if (error instanceof Error && error.message) return error.message;
  if (error && typeof error === 'object') {
    const o = error as Record<string, unknown>;
    for (const key of ['errorMsg', 'msg', 'message', 'error']) {
      const v = o[key];
      if (typeof v === 'string' && v) return v;
      if (v && typeof v === 'object') return sdkErrorMessage(v);
    }
  }
  return 'Daily rejected the request without a reason';
}
