// The CSRF token a form rendered for this request carries: the session's when signed in, else the
// HMAC of the browser's pb_csrf cookie (set now when it has none). Pages that render it are personal
// (never cached): the token belongs to this browser.
import type { Context } from 'hono';
import type { AppContext } from '../../app.js';
import { ensureCsrfCookie } from './cookies.js';
import { anonymousCsrfToken } from './csrf-tokens.js';
import { viewerOf } from './viewer.js';

export async function formCsrfToken(ctx: AppContext, c: Context): Promise<string> {
  const viewer = viewerOf(c);
  if (viewer.csrfToken) return viewer.csrfToken;
  const secure = ctx.config.baseUrl.startsWith('https:');
  return anonymousCsrfToken(await ctx.services.auth.serverSecret(), ensureCsrfCookie(c, secure));
}
