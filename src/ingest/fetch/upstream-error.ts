// An upstream request that did not produce a usable response, saying what happened and where.

export interface UpstreamErrorDetails {
  url: string;
  /** HTTP status of the last response, null when none came (timeout, connection failure). */
  status: number | null;
  attempts: number;
  /** The body of a refused request (a 4xx), which may be the service's own error document. */
  body?: string | null;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly url: string;
  readonly status: number | null;
  readonly attempts: number;
  readonly body: string | null;
  /** What went wrong, without the URL. */
  readonly problem: string;

  constructor(problem: string, details: UpstreamErrorDetails, options?: ErrorOptions) {
    const tries = details.attempts === 1 ? '1 attempt' : `${details.attempts} attempts`;
    super(`${problem} (GET ${details.url}, ${tries})`, options);
    this.problem = problem;
    this.url = details.url;
    this.status = details.status;
    this.attempts = details.attempts;
    this.body = details.body ?? null;
  }
}
