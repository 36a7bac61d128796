// CSRF protection for every state-changing request (anything but GET, HEAD, OPTIONS):
// 1. Defense in depth: a request a browser marks cross-site (Sec-Fetch-Site), or whose Origin is not
//    ours, is refused whatever it carries.
// 2. The token: signed-in requests must carry the session's token (form field `_csrf` or header
//    X-CSRF-Token); anonymous ones (the sign-in forms) the HMAC of their pb_csrf cookie. /api requests
//    authenticated by cookie must send the header. Requests authenticated by an API token, and
//    anonymous API calls, carry no ambient credential and are exempt.
// 3. Two machine endpoints authenticate by a secret in the request itself and are exempt: RFC 8058
//    one-click unsubscribe (mail providers POST the List-Unsubscribe URL, whose token is the
//    credential; the route never looks at cookies) and the bounce hook (a bearer secret).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../../app.js';
import { anonymousCsrfToken, csrfMatches, sessionCsrfToken } from '../auth/csrf-tokens.js';
import { readCsrfCookie } from '../auth/cookies.js';
import { viewerOf } from '../auth/viewer.js';
import { renderErrorPage } from '../views/pages/error.page.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Paths whose POST carries its own credential and reads no cookie (see 3. above). */
export const CSRF_EXEMPT_PATHS: ReadonlySet<string> = new Set([
  '/subscription/one-click',
  '/hooks/mail-bounces',
]);

export function csrfProtection(ctx: AppContext): MiddlewareHandler {
  const allowedOrigins = new Set([new URL(ctx.config.baseUrl).origin]);
  return async function csrfMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (CSRF_EXEMPT_PATHS.has(c.req.path)) return next();
    const viewer = viewerOf(c);
    if (viewer.via === 'token') return next();
    // An anonymous API call carries no credential to abuse: let it through to its 401.
    if (c.req.path.startsWith('/api/') && !viewer.user) return next();

    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    if (
      fetchSite === 'cross-site' ||
      (origin !== undefined && origin !== ownOrigin && !allowedOrigins.has(origin))
    )
      return refuse(ctx, c, 'cross-site request refused');

    const secret = await ctx.services.auth.serverSecret();
    let expected: string | null;
    if (viewer.sessionHash) expected = sessionCsrfToken(secret, viewer.sessionHash);
    else {
      const cookie = readCsrfCookie(c);
      expected = cookie ? anonymousCsrfToken(secret, cookie) : null;
    }
    const given = c.req.header(CSRF_HEADER) ?? (c.req.path.startsWith('/api/') ? null : formToken(c));
    if (!expected || !csrfMatches(expected, given))
      return refuse(ctx, c, 'missing or wrong CSRF token; reload the page and try again');
    return next();
  };
}

/** The form's `_csrf` field, from the body the body layer parsed (middleware/request-body.ts). */
function formToken(c: Context): string | null {
  const body = c.get('body');
  return body?.kind === 'form' ? (body.fields.get(CSRF_FIELD) ?? null) : null;
}

function refuse(ctx: AppContext, c: Context, message: string) {
  if (c.req.path.startsWith('/api/')) return c.json({ error: message }, 403);
  return c.html(renderErrorPage(ctx, 403, 'Request refused', message), 403);
}
