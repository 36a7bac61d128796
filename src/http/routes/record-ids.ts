// Numbers that name our own rows (comments, API tokens, flags, alerts, subscriptions, emails), as
// they arrive in paths, forms and JSON. Every such column is a PostgreSQL `integer`, which overflows
// at 2^31: an id outside 1..2^31-1 names nothing and must never reach a query, where it would be an
// error on PostgreSQL and a silent miss on SQLite. One schema for all three ways in, so "2147483648",
// "9007199254740993", "1e3", "-1", "0x10" and " 7" are one kind of 400 everywhere.
import type { Context } from 'hono';
import { z } from 'zod';
import { InvalidInputError } from '../../services/errors.js';

export const MAX_RECORD_ID = 2 ** 31 - 1;
const MESSAGE = `must be a whole number from 1 to ${MAX_RECORD_ID}`;

/** A record id written in decimal, as paths and forms carry it. */
export const recordIdText = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, MESSAGE)
  .transform(Number)
  .refine((n) => n <= MAX_RECORD_ID, MESSAGE);

/** A record id in JSON: a number, never a string or a fraction. */
export const recordIdNumber = z
  .number({ error: MESSAGE })
  .int(MESSAGE)
  .min(1, MESSAGE)
  .max(MAX_RECORD_ID, MESSAGE)
  .meta({ example: 12 });

/** The route's `:id` (or another name) as a record id, else a 400 naming it. */
export function recordIdParam(c: Context, name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  const parsed = recordIdText.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(name, `${name}: "${raw.slice(0, 40)}" ${MESSAGE}`);
  return parsed.data;
}
