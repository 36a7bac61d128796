// Header values of the shape `value; name=value; name="quoted value"` (RFC 9110's Content-Type,
// RFC 7578's Content-Disposition), parsed for the body layer: the lowercased value and the
// parameters, or null when the header does not have that shape.

export interface ParameterHeader {
  /** `multipart/form-data`, `form-data`: lowercased. */
  value: string;
  /** Parameter names lowercased; values as given (quotes and escapes removed). */
  params: Map<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PARAM = /^\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)/;

export function parseParameterHeader(header: string): ParameterHeader | null {
  const semicolon = header.indexOf(';');
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (value === '') return null;
  const params = new Map<string, string>();
  let rest = semicolon < 0 ? '' : header.slice(semicolon + 1);
  while (rest.trim() !== '') {
    const m = PARAM.exec(rest);
    if (!m?.[1] || m[2] === undefined || !TOKEN.test(m[1])) return null;
    const raw = m[2].trim();
    const name = m[1].toLowerCase();
    // A parameter given twice is ambiguous: the first one counts, as in most parsers.
    if (!params.has(name))
      params.set(name, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
    rest = rest.slice(m[0].length);
  }
  return { value, params };
}

/** A Content-Type: `type/subtype` and its parameters, or null. */
export function parseMediaType(header: string): ParameterHeader | null {
  const parsed = parseParameterHeader(header);
  const [type, subtype, extra] = parsed?.value.split('/') ?? [];
  if (!type || !subtype || extra !== undefined || !TOKEN.test(type) || !TOKEN.test(subtype)) return null;
  return parsed;
}

/** UTF-8 is the only charset we read; US-ASCII is a subset of it. No charset means UTF-8. */
export function isUtf8Charset(charset: string | undefined): boolean {
  return charset === undefined || /^(utf-?8|us-ascii)$/i.test(charset.trim());
}
