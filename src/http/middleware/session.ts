// Recognises the viewer on every request. API requests with `Authorization: Bearer pb_...` are
// authenticated by the token alone (cookies are ignored, so the token is the only credential and CSRF
// does not apply); a bad token is a 401 at once. Everything else looks at the pb_session cookie.
// An answer to a signed-in request is private unless its route said otherwise: pages say so already
// (views/render.ts), and this covers JSON such as /api/me or a vote's result, which a shared cache
// must never hand to someone else.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../../app.js';
import { sessionCsrfToken } from '../auth/csrf-tokens.js';
import { clientIp } from '../auth/client-ip.js';
import { clearSessionCookie, readSessionCookie } from '../auth/cookies.js';
import { ANONYMOUS } from '../auth/viewer.js';

export function sessionAuth(ctx: AppContext): MiddlewareHandler {
  const { auth, apiTokens } = ctx.services;
  const secure = ctx.config.baseUrl.startsWith('https:');
  return async function sessionAuthMiddleware(c, next) {
    const ip = clientIp(c, ctx.config.community.trustProxy);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined && c.req.path.startsWith('/api/')) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const found = m?.[1] ? await apiTokens.authenticate(m[1]) : null;
      if (!found) {
        c.header('WWW-Authenticate', 'Bearer realm="paperboy"');
        return c.json({ error: 'invalid, revoked or malformed API token' }, 401);
      }
      c.set('viewer', { ...ANONYMOUS, user: found.user, via: 'token', scope: found.scope, ip });
      await next();
      keepPrivate(c);
      return;
    }
    const cookie = readSessionCookie(c);
    const session = cookie ? await auth.authenticate(cookie) : null;
    if (cookie && !session) clearSessionCookie(c, secure);
    if (!session) {
      c.set('viewer', { ...ANONYMOUS, ip });
      return next();
    }
    const csrfToken = sessionCsrfToken(await auth.serverSecret(), session.tokenHash);
    c.set('viewer', {
      user: session.user,
      via: 'session',
      sessionHash: session.tokenHash,
      scope: null,
      csrfToken,
      ip,
    });
    await next();
    keepPrivate(c);
  };
}

function keepPrivate(c: Context): void {
  if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'private, no-store');
}
