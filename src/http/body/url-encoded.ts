// application/x-www-form-urlencoded, strictly: every name and value must be valid percent-encoded
// UTF-8 (URLSearchParams would turn a broken escape into U+FFFD and carry on), a field may appear
// once, and no field may hold a NUL (PostgreSQL text cannot store one). Each problem is a
// BadBodyError naming the field.
import { BadBodyError } from './body-error.js';
import { checkText, type FormFields } from './form-fields.js';

export function parseUrlEncoded(text: string): FormFields {
  const fields = new Map<string, string>();
  for (const [i, pair] of text.split('&').entries()) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), `field ${i + 1}`);
    if (name === '') throw new BadBodyError('body', `field ${i + 1} of the form has no name`);
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1), name);
    if (fields.has(name)) throw new BadBodyError(name, `${name}: given more than once`);
    fields.set(checkText(name, name), checkText(value, name));
  }
  return fields;
}

function decode(s: string, field: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new BadBodyError(field, `${field}: not valid percent-encoded UTF-8`);
  }
}
