// The one place request bodies are read. Before any route (and before the CSRF check, which needs
// the form's token), the body is read once, up to `maxBytes` (more is a 413, refused from its
// Content-Length before a byte is read when it says so), and parsed by its Content-Type: a form
// (urlencoded or multipart, text fields only), JSON, or nothing. A body that does not parse as its
// type says, or that stops before it is complete, is a 400 naming the problem (BadBodyError); a
// compressed body or a charset other than UTF-8 is a 415.
// Routes take the result through parseForm / parseJson (routes/forms.ts), which also refuse a body
// of the wrong kind for the route (415), so no route ever meets a parser's exception.
import type { Context, HonoRequest, MiddlewareHandler } from 'hono';
import { BadBodyError, UnsupportedMediaTypeError } from '../body/body-error.js';
import type { FormFields } from '../body/form-fields.js';
import { isUtf8Charset, parseMediaType } from '../body/media-type.js';
import { parseMultipart } from '../body/multipart.js';
import { parseUrlEncoded } from '../body/url-encoded.js';

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'form'; fields: FormFields }
  | { kind: 'json'; value: unknown }
  /** A body whose type no route reads (text/plain, XML, no Content-Type at all...). */
  | { kind: 'other'; type: string };

declare module 'hono' {
  interface ContextVariableMap {
    body: RequestBody;
  }
}

const NONE: RequestBody = { kind: 'none' };
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface RequestBodyOptions {
  maxBytes: number;
  /** The answer to a body over maxBytes. */
  tooLarge: (c: Context) => Response | Promise<Response>;
}

export function requestBody(options: RequestBodyOptions): MiddlewareHandler {
  return async function requestBodyMiddleware(c, next) {
    if (!WITH_BODY.has(c.req.method)) {
      c.set('body', NONE);
      return next();
    }
    const bytes = await readBytes(c.req, options.maxBytes);
    if (bytes === null) return options.tooLarge(c);
    c.set('body', parseBody(c.req, bytes));
    return next();
  };
}

/** The whole body, or null when it is over `max`; never more than `max` bytes are held. */
async function readBytes(req: HonoRequest, max: number): Promise<Uint8Array | null> {
  const declared = req.header('content-length');
  if (declared !== undefined && req.header('transfer-encoding') === undefined && Number(declared) > max)
    return null;
  const stream = req.raw.body;
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > max) {
        await reader.cancel();
        return null;
      }
      chunks.push(chunk.value);
    }
  } catch {
    // The client closed the connection before its body was complete (or sent broken chunks).
    throw new BadBodyError('body', 'the body ended before it was complete');
  }
  return Buffer.concat(chunks, size);
}

function parseBody(req: HonoRequest, bytes: Uint8Array): RequestBody {
  const encoding = req.header('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity')
    throw new UnsupportedMediaTypeError(
      `request bodies must not be compressed (Content-Encoding: ${encoding.slice(0, 40)})`,
    );
  const header = req.header('content-type');
  if (header === undefined || header.trim() === '')
    return bytes.length === 0 ? NONE : { kind: 'other', type: '(no Content-Type)' };
  const type = parseMediaType(header);
  if (!type)
    throw new BadBodyError('content-type', `Content-Type "${header.slice(0, 80)}" is not a media type`);
  const charset = type.params.get('charset');
  if (type.value === 'multipart/form-data')
    return { kind: 'form', fields: parseMultipart(bytes, type.params.get('boundary')) };
  if (type.value === 'application/x-www-form-urlencoded' || isJson(type.value)) {
    if (!isUtf8Charset(charset))
      throw new UnsupportedMediaTypeError(
        `only UTF-8 bodies are accepted, not charset=${charset?.slice(0, 40)}`,
      );
    const text = decodeUtf8(bytes);
    if (!isJson(type.value)) return { kind: 'form', fields: parseUrlEncoded(text) };
    return text.trim() === '' ? NONE : { kind: 'json', value: parseJsonText(text) };
  }
  return bytes.length === 0 ? NONE : { kind: 'other', type: type.value };
}

const isJson = (essence: string) => essence === 'application/json' || essence.endsWith('+json');

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new BadBodyError('body', 'the body is not valid UTF-8');
  }
}

function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message.slice(0, 120) : 'syntax error';
    throw new BadBodyError('body', `the body is not valid JSON (${detail})`);
  }
  const nul = pathToNul(value);
  if (nul !== null) throw new BadBodyError(nul || 'body', `${nul || 'body'}: holds a NUL character`);
  return value;
}

/**
 * The path of the first string (or key) holding U+0000, which PostgreSQL text cannot store. Walked
 * with a stack of its own: a body of 100,000 nested arrays must not overflow the call stack.
 */
function pathToNul(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return at;
        stack.push([item, at]);
      }
    }
  }
  return null;
}
