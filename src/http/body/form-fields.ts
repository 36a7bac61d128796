// What a parsed form is: each field's one text value, by name. Values are checked once here, for
// every kind of body: NUL is refused (PostgreSQL text cannot hold it, and no form needs it).
import { BadBodyError } from './body-error.js';

export type FormFields = ReadonlyMap<string, string>;

export function checkText(value: string, field: string): string {
  if (value.includes('\u0000')) throw new BadBodyError(field, `${field}: holds a NUL character`);
  return value;
}
