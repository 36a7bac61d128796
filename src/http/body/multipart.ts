// multipart/form-data (RFC 7578), for text fields only: no form here takes a file. Written out
// rather than handed to the platform's FormData parser, which answers every problem with "Failed to
// parse body as FormData"; this one says which part is wrong and how (no boundary, a part without
// a name, a body that ends before its closing boundary, a file, a value that is not UTF-8).
import { BadBodyError } from './body-error.js';
import { checkText, type FormFields } from './form-fields.js';
import { isUtf8Charset, parseMediaType, parseParameterHeader } from './media-type.js';

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
// RFC 2046: 1 to 70 characters of this set, not ending in a space.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const bad = (message: string, field = 'body') => new BadBodyError(field, message);

export function parseMultipart(body: Uint8Array, boundary: string | undefined): FormFields {
  if (boundary === undefined)
    throw bad('a multipart/form-data body needs a boundary parameter in its Content-Type');
  if (!BOUNDARY.test(boundary))
    throw bad('the multipart boundary must be 1 to 70 letters, digits or punctuation');
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  // The first boundary line starts the body or a line (a preamble before it is allowed and ignored).
  let at = buf.subarray(0, delimiter.length).equals(delimiter) ? 0 : buf.indexOf(nextDelimiter);
  if (at < 0) throw bad('the body holds no multipart boundary line: it is not multipart/form-data');
  if (at > 0) at += CRLF.length;
  const fields = new Map<string, string>();
  for (let n = 1; ; n++) {
    at += delimiter.length;
    if (buf[at] === 0x2d && buf[at + 1] === 0x2d) return fields; // `--boundary--`: the end
    while (buf[at] === 0x20 || buf[at] === 0x09) at++; // transport padding
    if (buf[at] !== 0x0d || buf[at + 1] !== 0x0a)
      throw bad(
        `part ${n}: its boundary line ${at >= buf.length ? 'ends the body (truncated?)' : 'is not followed by a line break'}`,
      );
    const headersStart = at + CRLF.length;
    let contentStart: number;
    let headers: string;
    if (buf[headersStart] === 0x0d && buf[headersStart + 1] === 0x0a) {
      headers = '';
      contentStart = headersStart + CRLF.length;
    } else {
      const end = buf.indexOf(HEADERS_END, headersStart);
      if (end < 0) throw bad(`part ${n}: its headers never end with a blank line (truncated?)`);
      headers = buf.subarray(headersStart, end).toString('latin1');
      contentStart = end + HEADERS_END.length;
    }
    const name = partName(headers, n);
    const contentEnd = buf.indexOf(nextDelimiter, contentStart);
    if (contentEnd < 0) throw bad(`${name}: the body ends before its closing boundary (truncated?)`, name);
    let value: string;
    try {
      value = utf8.decode(buf.subarray(contentStart, contentEnd));
    } catch {
      throw bad(`${name}: not valid UTF-8`, name);
    }
    if (fields.has(name)) throw bad(`${name}: given more than once`, name);
    fields.set(checkText(name, name), checkText(value, name));
    at = contentEnd + CRLF.length;
  }
}

/** The part's field name, from its Content-Disposition; refuses files and non-text parts. */
function partName(headers: string, n: number): string {
  let disposition: string | undefined;
  for (const line of headers === '' ? [] : headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw bad(`part ${n}: "${line.slice(0, 40)}" is not a header line`);
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-disposition') disposition = value;
    else if (header === 'content-type') {
      const type = parseMediaType(value);
      if (type?.value !== 'text/plain' || !isUtf8Charset(type.params.get('charset')))
        throw bad(`part ${n}: only UTF-8 text fields are accepted, not ${value.slice(0, 60)}`);
    } else if (header === 'content-transfer-encoding' && !/^(7bit|8bit|binary)$/i.test(value))
      throw bad(`part ${n}: content transfer encoding ${value.slice(0, 20)} is not accepted`);
  }
  const parsed = disposition === undefined ? null : parseParameterHeader(disposition);
  if (parsed?.value !== 'form-data') throw bad(`part ${n}: it needs a Content-Disposition of form-data`);
  const name = parsed.params.get('name');
  if (!name) throw bad(`part ${n} has no name`);
  if (parsed.params.has('filename')) throw bad(`${name}: is a file, and no form here takes files`, name);
  return name;
}
