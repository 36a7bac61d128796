// Random tokens and their hashes. Every secret we hand out (session cookies, sign-in links, API
// tokens) is 32 random bytes from the OS, base64url; only its SHA-256 is stored, so a leaked database
// or backup lets nobody sign in. Comparisons of secrets are constant-time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_BYTES = 32;

export function randomToken(bytes = TOKEN_BYTES): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function hmacBase64url(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

/** Constant-time for equal lengths; different lengths are unequal (lengths of our tokens are public). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
