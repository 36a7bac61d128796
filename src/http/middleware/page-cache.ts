// Anonymous GET responses cached in process for a few seconds, stored already compressed: rendering a
// page costs less than compressing it, so compress once per TTL rather than once per request.
// A request carrying a session cookie or an Authorization header always goes through (its page may
// be personal). The cache is bounded twice: expired entries leave as requests arrive (the oldest
// is at the front, every entry living the same TTL), and the stored bytes stay under `maxBytes`,
// so a stranger asking for a thousand addresses that differ only in a parameter pages ignore
// cannot hold a thousand pages in memory.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { preferredEncoding } from '../accept-encoding.js';

interface Entry {
  expires: number;
  status: number;
  headers: [string, string][];
  identity: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
}

export interface PageCacheOptions {
  ttlSeconds: number;
  /** Entries kept at most; the oldest goes first. */
  maxEntries?: number;
  /** Bytes kept at most (all three encodings of every entry); the oldest goes first. */
  maxBytes?: number;
  /** Cookie names that make a request personal, hence never cached. */
  personalCookies?: string[];
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|rss\+xml|feed\+json))/;

export function pageCache(options: PageCacheOptions): MiddlewareHandler {
  const {
    ttlSeconds,
    maxEntries = 1000,
    maxBytes = 32 * 1024 * 1024,
    personalCookies = [],
    now = Date.now,
  } = options;
  const cache = new Map<string, Entry>();
  let bytes = 0;
  const sizeOf = (e: Entry) => e.identity.byteLength + e.gzip.byteLength + e.br.byteLength;
  const remove = (key: string) => {
    const e = cache.get(key);
    if (e) bytes -= sizeOf(e);
    cache.delete(key);
  };
  /** Drops expired entries from the front, then the oldest while over a bound. */
  const evict = () => {
    const t = now();
    for (const [key, e] of cache) {
      if (e.expires > t && cache.size <= maxEntries && bytes <= maxBytes) break;
      remove(key);
    }
  };

  return async function pageCacheMiddleware(c, next) {
    const cookie = c.req.header('cookie') ?? '';
    // An API token makes a request personal too: its answer must never be served to anyone else.
    const personal =
      personalCookies.some((name) => cookie.includes(`${name}=`)) ||
      c.req.header('authorization') !== undefined;
    if (ttlSeconds <= 0 || c.req.method !== 'GET' || personal) return next();
    evict();

    const key = c.req.url;
    const encoding = preferredEncoding(c.req.header('accept-encoding'));
    let entry = cache.get(key);
    const hit = entry !== undefined && entry.expires > now();
    if (!hit) {
      await next();
      const type = c.res.headers.get('content-type') ?? '';
      const uncachable =
        c.res.status !== 200 ||
        c.res.headers.has('set-cookie') ||
        /no-store|private/.test(c.res.headers.get('cache-control') ?? '');
      if (uncachable || !COMPRESSIBLE.test(type)) return;
      const identity = new Uint8Array(await c.res.arrayBuffer());
      entry = {
        expires: now() + ttlSeconds * 1000,
        status: c.res.status,
        headers: [...c.res.headers.entries()].filter(
          ([k]) => k !== 'content-length' && k !== 'content-encoding',
        ),
        identity,
        gzip: gzipSync(identity, { level: 6 }),
        br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
      };
      remove(key);
      cache.set(key, entry);
      bytes += sizeOf(entry);
      evict();
    }
    if (!entry) return;
    const headers = new Headers(entry.headers);
    headers.set('vary', 'Accept-Encoding');
    headers.set('x-cache', hit ? 'HIT' : 'MISS');
    // Conditional GET (feed readers poll with If-None-Match) is answered from the cache too.
    const etag = headers.get('etag');
    if (etag && c.req.header('if-none-match') === etag) {
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    const body = entry[encoding];
    if (encoding !== 'identity') headers.set('content-encoding', encoding);
    headers.set('content-length', String(body.byteLength));
    c.res = new Response(body, { status: entry.status, headers });
  };
}
