// How long a failed job (or an email the SMTP server turned away for now) waits before its next
// attempt: doubling from a base, capped, with "equal jitter" (a random point in the upper half) so
// work that failed together, say when arXiv or the mail server was down, does not all come back at
// the same second. Jobs: from a minute, capped at an hour. Emails: PAPERBOY_MAIL_RETRY_SECONDS, capped
// at six hours, since receiving servers that greylist or throttle want patience.
const BASE_MS = 60_000;
const CAP_MS = 3_600_000;

export interface BackoffSteps {
  baseMs: number;
  capMs: number;
}

/** Milliseconds to wait after failed attempt number `attempt` (1 for the first). */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  steps: BackoffSteps = { baseMs: BASE_MS, capMs: CAP_MS },
): number {
  const ceiling = Math.min(steps.capMs, steps.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 50)));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
