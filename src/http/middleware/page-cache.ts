// Anonymous GET responses cached in process for a few seconds, stored already compressed: rendering a
// page costs less than compressing it, so compress once per TTL rather than once per request.
// A request carrying a session cookie or an Authorization header always goes through (its page may
// be personal).
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
  /** Cookie names that make a request personal, hence never cached. */
  personalCookies?: string[];
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|rss\+xml|feed\+json))/;

export function pageCache(options: PageCacheOptions): MiddlewareHandler {
  const { ttlSeconds, maxEntries = 1000, personalCookies = [], now = Date.now } = options;
  const cache = new Map<string, Entry>();

  return async function pageCacheMiddleware(c, next) {
    const cookie = c.req.header('cookie') ?? '';
    // An API token makes a request personal too: its answer must never be served to anyone else.
    const personal =
      personalCookies.some((name) => cookie.includes(`${name}=`)) ||
      c.req.header('authorization') !== undefined;
    if (ttlSeconds <= 0 || c.req.method !== 'GET' || personal) return next();

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
      cache.delete(key);
      cache.set(key, entry);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
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
