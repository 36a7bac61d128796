// The two cookies: pb_session (the sign-in) and pb_csrf (the anonymous double-submit CSRF secret, for
// the sign-in forms). Both HttpOnly, SameSite=Lax, Path=/, and Secure when the site is served over
// https. The page cache (middleware/page-cache.ts) never serves or stores a request with pb_session.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken } from '../../lib/secrets.js';

export const SESSION_COOKIE = 'pb_session';
export const CSRF_COOKIE = 'pb_csrf';

const base = (secure: boolean) => ({ httpOnly: true, sameSite: 'Lax' as const, path: '/', secure });

export function readSessionCookie(c: Context): string | null {
  return getCookie(c, SESSION_COOKIE) ?? null;
}

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { ...base(secure), maxAge: maxAgeSeconds });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, base(secure));
}

export function readCsrfCookie(c: Context): string | null {
  const v = getCookie(c, CSRF_COOKIE);
  return v && /^[A-Za-z0-9_-]{40,64}$/.test(v) ? v : null;
}

/** The anonymous CSRF secret, set now if the browser has none. */
export function ensureCsrfCookie(c: Context, secure: boolean): string {
  const existing = readCsrfCookie(c);
  if (existing) return existing;
  const value = randomToken();
  setCookie(c, CSRF_COOKIE, value, { ...base(secure), maxAge: 60 * 60 * 24 });
  return value;
}
