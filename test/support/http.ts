// Browser-like requests for route tests: an anonymous visitor with a valid sign-in CSRF cookie and
// token (so a refusal is about who they are, not about CSRF), and form/JSON request builders.
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { anonymousCsrfToken } from '../../src/http/auth/csrf-tokens.js';
import { randomToken } from '../../src/lib/secrets.js';

export interface Visitor {
  cookie: string;
  csrf: string;
  request(
    app: Hono,
    path: string,
    init?: { method?: string; form?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<Response>;
}

export async function anonymousVisitor(ctx: AppContext): Promise<Visitor> {
  const cookieValue = randomToken();
  const csrf = anonymousCsrfToken(await ctx.services.auth.serverSecret(), cookieValue);
  const cookie = `pb_csrf=${cookieValue}`;
  return {
    cookie,
    csrf,
    request(app, path, init = {}) {
      const method = init.method ?? (init.form ? 'POST' : 'GET');
      const headers: Record<string, string> = { cookie, ...init.headers };
      let body: string | undefined;
      if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams({ _csrf: csrf, ...init.form }).toString();
      }
      return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }));
    },
  };
}

export function jsonRequest(
  app: Hono,
  path: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}
