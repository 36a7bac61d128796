// Validates a request's query string against a zod schema; the first problem becomes an
// InvalidInputError naming the parameter (a 400 with a JSON error on the API, a 400 page otherwise).
import type { Context } from 'hono';
import type { z } from 'zod';
import { InvalidInputError } from '../../services/errors.js';

export function parseQuery<S extends z.ZodType>(schema: S, c: Context): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (v !== '') raw[k] = v;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? 'query');
  const message =
    issue?.code === 'unrecognized_keys'
      ? `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : `${field}: ${issue?.message ?? 'invalid'}`;
  throw new InvalidInputError(
    issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? field) : field,
    message,
  );
}
