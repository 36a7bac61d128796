// Why a submission failed, as the submit form shows it: the message, the field at fault, the status.
// Errors of other kinds are not the submitter's to fix and go to the error page as usual.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
  UnavailableError,
} from '../../services/errors.js';

export type SubmitField = 'id' | 'day' | 'comment' | null;

export interface SubmitFailure {
  message: string;
  field: SubmitField;
  status: ContentfulStatusCode;
  retryAfterSeconds: number | null;
}

export const asSubmitField = (f: string): SubmitField =>
  f === 'id' || f === 'day' || f === 'comment' ? f : null;

export function submitFailure(err: unknown): SubmitFailure | null {
  const fail = (
    message: string,
    field: SubmitField,
    status: ContentfulStatusCode,
    retry: number | null = null,
  ) => ({
    message,
    field,
    status,
    retryAfterSeconds: retry,
  });
  if (err instanceof InvalidInputError) return fail(err.message, asSubmitField(err.field), 400);
  if (err instanceof NotFoundError) return fail(`${err.message}.`, 'id', 404);
  if (err instanceof ConflictError) return fail(`${err.message}.`, 'id', 409);
  if (err instanceof UnavailableError) return fail(err.message, null, 503, err.retryAfterSeconds);
  if (err instanceof RateLimitedError)
    return fail(`Not submitted: ${err.message}.`, null, 429, err.retryAfterSeconds);
  return null;
}
