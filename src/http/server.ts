// The HTTP application: middleware, the route tables, and how errors become responses.
import { Hono } from 'hono';
import type { AppContext } from '../app.js';
import { InvalidInputError, NotFoundError } from '../services/errors.js';
import { pageCache } from './middleware/page-cache.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { apiRoutes } from './routes/api.routes.js';
import { assetRoutes } from './routes/assets.routes.js';
import { feedRoutes } from './routes/feeds.routes.js';
import { pageRoutes } from './routes/pages.routes.js';
import { renderErrorPage } from './views/pages/error.page.js';

const wantsJson = (path: string) =>
  path.startsWith('/api/') ||
  path === '/openapi.json' ||
  (path.startsWith('/feeds/') && path.endsWith('.json'));

export function createHttpApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.use(requestLog(ctx.log));
  app.use(securityHeaders());
  app.use(pageCache({ ttlSeconds: ctx.config.pageCacheSeconds, personalCookies: ['pb_session'] }));

  // Liveness and readiness for load balancers: answers 200 only when the database answers.
  app.get('/healthz', async (c) => {
    await ctx.services.stats.ping();
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true });
  });

  app.route('/', assetRoutes());
  app.route('/', apiRoutes(ctx));
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
