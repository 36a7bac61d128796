// One log line per request with stable fields; slow requests are raised to warn.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../lib/logger.js';

export function requestLog(log: Logger, slowMs = 1000): MiddlewareHandler {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const fields = { method: c.req.method, path: c.req.path, status: c.res.status, duration_ms: durationMs };
    if (durationMs >= slowMs) log.warn(fields, 'slow request');
    else log.debug(fields, 'request');
  };
}
