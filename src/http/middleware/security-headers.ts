// Security headers on every response. Pages load only our own stylesheet, script and pictures (even
// thumbnails and avatars are served by us, from /media/): a reader's browser asks no third party;
// nobody may frame us. An https site (PAPERBOY_BASE_URL) also
// sends Strict-Transport-Security, so a browser that has seen it never tries plain http again.
import type { MiddlewareHandler } from 'hono';

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(options: { https: boolean } = { https: false }): MiddlewareHandler {
  return async function securityHeadersMiddleware(c, next) {
    await next();
    // Emails shown in the browser set a stricter policy of their own (no script, inline styles).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    // A page may ask for less (the sign-in link page, whose URL holds a token, says same-origin).
    if (!c.res.headers.has('Referrer-Policy')) c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    // A year, for this host only: subdomains may be other sites that do not speak https.
    if (options.https) c.header('Strict-Transport-Security', 'max-age=31536000');
  };
}
