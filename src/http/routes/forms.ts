// Reading forms and JSON bodies through zod schemas (the schema is the type), and the small rules
// every community route shares: where to go back to after a form, and whether the caller wants JSON.
// The body itself was read and parsed once, before any route, by middleware/request-body.ts.
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidInputError } from '../../services/errors.js';
import { UnsupportedMediaTypeError } from '../body/body-error.js';
import type { RequestBody } from '../middleware/request-body.js';

const NONE: RequestBody = { kind: 'none' };

function firstIssue(error: z.ZodError): InvalidInputError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return new InvalidInputError(field, `${field}: ${issue?.message ?? 'invalid'}`);
}

const kindOf = (body: RequestBody) =>
  body.kind === 'other' ? body.type : body.kind === 'json' ? 'JSON' : 'a form';

/** The form a page posted (urlencoded or multipart), validated; no body is an empty form. */
export function parseForm<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const body = c.get('body') ?? NONE;
  if (body.kind !== 'form' && body.kind !== 'none')
    throw new UnsupportedMediaTypeError(
      `this address takes a form (application/x-www-form-urlencoded or multipart/form-data), not ${kindOf(body)}`,
    );
  const parsed = schema.safeParse(body.kind === 'form' ? Object.fromEntries(body.fields) : {});
  if (!parsed.success) throw firstIssue(parsed.error);
  return parsed.data;
}

/** One field of the posted form as typed, unvalidated ('' when absent): to show a form again after a failure. */
export function formText(c: Context, name: string): string {
  const body = c.get('body') ?? NONE;
  if (body.kind !== 'form') return '';
  const value = (Object.fromEntries(body.fields) as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** A JSON body (Content-Type application/json), validated; no body is `{}`. */
export function parseJson<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const body = c.get('body') ?? NONE;
  if (body.kind !== 'json' && body.kind !== 'none')
    throw new UnsupportedMediaTypeError(
      `this address takes JSON (Content-Type: application/json), not ${kindOf(body)}`,
    );
  const parsed = schema.safeParse(body.kind === 'json' ? body.value : {});
  if (!parsed.success) throw firstIssue(parsed.error);
  return parsed.data;
}

/**
 * A path on this site to return to after a form: must start with one `/` and hold no backslash or
 * control character, so `//evil.example` or `/\evil.example` can never become an open redirect.
 */
export function safeNext(value: string | null | undefined, fallback = '/'): string {
  if (!value || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControl(value))
    return fallback;
  return value;
}

/** Control characters (tabs and newlines included), which browsers strip from URLs. */
export function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The progressive-enhancement script asks for JSON; a plain form post gets a redirect. */
export function wantsJson(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/json');
}

/** Pages shown to a signed-in user (or holding a secret) must never be cached, by us or anyone. */
export function noStore(c: Context): void {
  c.header('Cache-Control', 'private, no-store');
}
