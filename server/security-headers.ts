/**
 * Headers every response carries: a strict Content-Security-Policy (scripts only from this
 * origin and daily-js's call bundle from Daily's CDN, as its `avoidEval` mode loads it; no
 * inline script, no eval; inline styles allowed, as the dialogs library writes one;
 * connections to this origin and Daily's), no framing by anyone (clickjacking), no MIME
 * sniffing, no referrer, and no caching of API answers.
 */
import type { MiddlewareHandler } from 'hono';

const DAILY_SCRIPTS = 'https://c.daily.co';
const DAILY_CONNECT = 'https://*.daily.co wss://*.daily.co https://*.pluot.blue wss://*.pluot.blue';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${DAILY_SCRIPTS}`,
  `worker-src 'self' blob: ${DAILY_SCRIPTS}`,
  // Radix's dialogs add a <style> element (scroll lock): inline styles, never inline scripts.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  `connect-src 'self' ${DAILY_CONNECT}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    c.header('x-frame-options', 'DENY');
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) {
      c.header('cache-control', 'no-store');
    }
  };
}
