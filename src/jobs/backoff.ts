// How long a failed job waits before its next attempt: doubling from a minute, capped at an hour,
// with "equal jitter" (a random point in the upper half) so jobs that failed together, say when
// arXiv was down, do not all come back at the same second.
const BASE_MS = 60_000;
const CAP_MS = 3_600_000;

/** Milliseconds to wait after failed attempt number `attempt` (1 for the first). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
