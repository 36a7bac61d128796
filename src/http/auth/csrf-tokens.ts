// CSRF tokens are HMACs under the server secret: of the session (signed-in forms) or of the pb_csrf
// cookie (anonymous sign-in forms: a signed double submit). A cross-site page can make the browser
// send our cookies but can neither read them nor compute the HMAC, so it cannot forge the token.
import { hmacBase64url, safeEqual } from '../../lib/secrets.js';

export function sessionCsrfToken(secret: string, sessionHash: string): string {
  return hmacBase64url(secret, `session:${sessionHash}`);
}

export function anonymousCsrfToken(secret: string, cookieValue: string): string {
  return hmacBase64url(secret, `anonymous:${cookieValue}`);
}

export function csrfMatches(expected: string, given: string | null): boolean {
  return given !== null && safeEqual(expected, given);
}
