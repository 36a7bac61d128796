// The HTTP application: middleware, the route tables, and how errors become responses.
import { Hono } from 'hono';
import type { AppContext } from '../app.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
} from '../services/errors.js';
import { UnsupportedMediaTypeError } from './body/body-error.js';
import { csrfProtection } from './middleware/csrf.js';
import { requestBody } from './middleware/request-body.js';
import { requestLimits } from './middleware/request-limits.js';
import { MAX_BODY_BYTES, MAX_HEADER_BYTES, MAX_URL_BYTES } from './limits.js';
import { sessionAuth } from './middleware/session.js';
import { authRoutes } from './routes/auth.routes.js';
import { communityApiRoutes } from './routes/community-api.routes.js';
import { communityRoutes } from './routes/community.routes.js';
import { deliveryAdminRoutes } from './routes/delivery-admin.routes.js';
import { modRoutes } from './routes/mod.routes.js';
import { subscriptionRoutes } from './routes/subscriptions.routes.js';
import { withQuery } from './views/urls.js';
import { pageCache } from './middleware/page-cache.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { apiRoutes } from './routes/api.routes.js';
import { assetRoutes } from './routes/assets.routes.js';
import { mediaRoutes } from './routes/media.routes.js';
import { feedRoutes } from './routes/feeds.routes.js';
import { pageRoutes } from './routes/pages.routes.js';
import { renderErrorPage } from './views/pages/error.page.js';

export { MAX_BODY_BYTES } from './limits.js';

const wantsJson = (path: string) =>
  path.startsWith('/api/') ||
  path.startsWith('/hooks/') ||
  path === '/openapi.json' ||
  (path.startsWith('/feeds/') && path.endsWith('.json'));

const TOO_LARGE = { 400: 'Bad address', 414: 'Address too long', 431: 'Headers too large' } as const;

/** The path of a same-site Referer, to come back to after signing in. */
function refererPath(referer: string | undefined): string {
  try {
    return referer ? new URL(referer).pathname : '/';
  } catch {
    return '/';
  }
}

export function createHttpApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.use(requestLog(ctx.log));
  app.use(securityHeaders({ https: ctx.config.baseUrl.startsWith('https:') }));
  app.use(
    requestLimits({
      maxUrlBytes: MAX_URL_BYTES,
      maxHeaderBytes: MAX_HEADER_BYTES,
      refuse: (c, status, message) =>
        wantsJson(c.req.path)
          ? c.json({ error: message }, status)
          : c.html(renderErrorPage(ctx, status, TOO_LARGE[status], message), status),
    }),
  );
  // Every body is read (at most MAX_BODY_BYTES) and parsed here, once, so a malformed one is a 400
  // before any route runs, and the CSRF check below reads the form from it.
  app.use(
    requestBody({
      maxBytes: MAX_BODY_BYTES,
      tooLarge: (c) =>
        wantsJson(c.req.path)
          ? c.json({ error: `the request body is larger than ${MAX_BODY_BYTES} bytes` }, 413)
          : c.html(renderErrorPage(ctx, 413, 'Too large', 'That request was too large to accept.'), 413),
    }),
  );
  app.use(pageCache({ ttlSeconds: ctx.config.pageCacheSeconds, personalCookies: ['pb_session'] }));
  // After the cache: anonymous pages are served without a database look-up for the session.
  app.use(sessionAuth(ctx));
  app.use(csrfProtection(ctx));

  // Liveness and readiness for load balancers: answers 200 only when the database answers.
  app.get('/healthz', async (c) => {
    await ctx.services.stats.ping();
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true });
  });

  app.route('/', assetRoutes());
  app.route('/', mediaRoutes(ctx));
  // Community routes first: their `/papers/:id{.+}/...` suffixes must not fall into the paper routes.
  app.route('/', communityApiRoutes(ctx));
  app.route('/', apiRoutes(ctx));
  app.route('/', authRoutes(ctx));
  app.route('/', communityRoutes(ctx));
  app.route('/', modRoutes(ctx));
  app.route('/', deliveryAdminRoutes(ctx));
  app.route('/', subscriptionRoutes(ctx));
  app.route('/', feedRoutes(ctx));
  app.route('/', pageRoutes(ctx));

  app.notFound((c) => {
    if (wantsJson(c.req.path)) return c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404);
    return c.html(renderErrorPage(ctx, 404, 'Page not found', 'There is nothing at this address.'), 404);
  });

  app.onError((err, c) => {
    if (err instanceof InvalidInputError) {
      if (wantsJson(c.req.path)) return c.json({ error: err.message, parameter: err.field }, 400);
      return c.html(renderErrorPage(ctx, 400, 'Bad request', err.message), 400);
    }
    if (err instanceof UnsupportedMediaTypeError) {
      if (wantsJson(c.req.path)) return c.json({ error: err.message }, 415);
      return c.html(renderErrorPage(ctx, 415, 'Unsupported request', err.message), 415);
    }
    if (err instanceof UnauthorizedError) {
      if (wantsJson(c.req.path)) {
        c.header('WWW-Authenticate', 'Bearer realm="paperboy"');
        return c.json({ error: err.message }, 401);
      }
      // A failed sign-in says why; anything else sends the reader to sign in and back.
      if (c.req.path.startsWith('/signin'))
        return c.html(renderErrorPage(ctx, 401, 'Not signed in', err.message), 401);
      const back = c.req.method === 'GET' ? c.req.path : refererPath(c.req.header('referer'));
      return c.redirect(withQuery('/signin', { next: back }), 303);
    }
    if (err instanceof ForbiddenError) {
      if (wantsJson(c.req.path)) return c.json({ error: err.message }, 403);
      return c.html(renderErrorPage(ctx, 403, 'Not allowed', err.message), 403);
    }
    if (err instanceof RateLimitedError) {
      c.header('Retry-After', String(err.retryAfterSeconds));
      if (wantsJson(c.req.path))
        return c.json({ error: err.message, retryAfterSeconds: err.retryAfterSeconds }, 429);
      return c.html(renderErrorPage(ctx, 429, 'Slow down', err.message), 429);
    }
    if (err instanceof UnavailableError) {
      c.header('Retry-After', String(err.retryAfterSeconds));
      if (wantsJson(c.req.path)) return c.json({ error: err.message, service: err.service }, 503);
      return c.html(renderErrorPage(ctx, 503, `${err.service} is not answering`, err.message), 503);
    }
    if (err instanceof ConflictError) {
      if (wantsJson(c.req.path)) return c.json({ error: err.message }, 409);
      return c.html(renderErrorPage(ctx, 409, 'Already done', err.message), 409);
    }
    if (err instanceof NotFoundError) {
      if (wantsJson(c.req.path)) return c.json({ error: err.message }, 404);
      return c.html(renderErrorPage(ctx, 404, 'Not found', err.message), 404);
    }
    ctx.log.error({ err, method: c.req.method, path: c.req.path }, 'request failed');
    if (wantsJson(c.req.path)) return c.json({ error: 'internal error' }, 500);
    return c.html(
      renderErrorPage(ctx, 500, 'Something went wrong', 'The error was logged. Please try again.'),
      500,
    );
  });
  return app;
}
