// Validates a request's query string against a zod schema; the first problem becomes an
// InvalidInputError naming the parameter (a 400 with a JSON error on the API, a 400 page otherwise).
// Parameters a schema does not know are ignored, as Hugging Face's API ignores them, and named in an
// `X-Ignored-Parameters` header so a script can see that a misspelt parameter did nothing.
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidInputError } from '../../services/errors.js';

/** A header names at most this many ignored parameters, each cut to a readable length. */
const MAX_NAMED = 10;
const MAX_NAME_LENGTH = 40;

export function parseQuery<S extends z.ZodType>(schema: S, c: Context): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v !== '') raw[k] = v;
  let result = schema.safeParse(raw);
  if (!result.success) {
    const unknown = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
    if (unknown.length > 0) {
      for (const key of unknown) delete raw[key];
      // Percent-encoded, so a name holding a line break or a non-ASCII letter is a valid header value.
      const named = unknown.slice(0, MAX_NAMED).map((k) => encodeURIComponent(k.slice(0, MAX_NAME_LENGTH)));
      c.header('X-Ignored-Parameters', named.join(', ') + (unknown.length > MAX_NAMED ? ', ...' : ''));
      result = schema.safeParse(raw);
    }
  }
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? 'query');
  throw new InvalidInputError(field, `${field}: ${issue?.message ?? 'invalid'}`);
}
