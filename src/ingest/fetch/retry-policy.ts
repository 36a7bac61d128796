// When to retry an upstream request and how long to wait first. Pure functions of their inputs, so
// the rules are tested without waiting (see http-client.test.ts for the client that applies them).

/** Worth retrying: the server is overloaded, rate-limiting, or failed on its side. */
export function isRetryableStatus(status: number): boolean {
  // 501 Not Implemented and 505 HTTP Version Not Supported will not change on a retry.
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * `Retry-After` in milliseconds from now: either delay-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Null when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Exponential backoff with jitter: the n-th retry (1-based) waits between half and all of
 * `baseMs * 2^(n-1)`, never more than `maxMs`. The jitter keeps many harvesters that failed together
 * from coming back together.
 */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(full / 2 + (full / 2) * random());
}
