// Errors services throw; http maps them to status codes, the CLI to messages and exit codes.
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(
    /** The parameter or field at fault. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** Not signed in, or a bad credential (401). */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

/** Signed in, but not allowed: wrong role, banned, or not the owner (403). */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** A service we depend on (arXiv) did not answer in time or refused (503); asking later may work. */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
  constructor(
    /** The service, as people know it: "arXiv". */
    readonly service: string,
    message: string,
    readonly retryAfterSeconds = 60,
  ) {
    super(message);
  }
}

/** Too many attempts in a window (429); retry after the given seconds. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    readonly action: string,
    readonly retryAfterSeconds: number,
    /** Says what the limit is, when "too many attempts" would mislead; the wait is added. */
    what?: string,
  ) {
    super(
      what
        ? `${what}; try again in ${formatWait(retryAfterSeconds)}`
        : `too many ${action} attempts; try again in ${formatWait(retryAfterSeconds)}`,
    );
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}
