// Reading forms and JSON bodies through zod schemas (the schema is the type), and the small rules
// every community route shares: where to go back to after a form, and whether the caller wants JSON.
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidInputError } from '../../services/errors.js';

function firstIssue(error: z.ZodError): InvalidInputError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return new InvalidInputError(field, `${field}: ${issue?.message ?? 'invalid'}`);
}

export async function parseForm<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const body = await c.req.parseBody();
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw firstIssue(parsed.error);
  return parsed.data;
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new InvalidInputError('body', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(body);
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
