import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { pageCache } from './page-cache.js';

/** An app whose every address renders a fresh page of `size` bytes, counting the renders. */
function app(options: { maxBytes?: number; maxEntries?: number; now: () => number }, size = 10_000) {
  let renders = 0;
  const a = new Hono();
  a.use(pageCache({ ttlSeconds: 10, ...options }));
  a.get('*', (c) => {
    renders++;
    return c.html(`<p>${'x'.repeat(size)}</p>`);
  });
  return { app: a, renders: () => renders };
}

test('the cache keeps its bytes under maxBytes, dropping the oldest first', async () => {
  const { app: a, renders } = app({ maxBytes: 60_000, now: () => 0 });
  // Each page is about 10 KB as is, plus its gzip and brotli copies (small: the page repeats).
  for (let i = 0; i < 20; i++) await a.request(`/?tracking=${i}`);
  assert.equal(renders(), 20);
  await a.request('/?tracking=19');
  assert.equal(renders(), 20, 'the newest is still cached');
  await a.request('/?tracking=0');
  assert.equal(renders(), 21, 'the oldest went');
});

test('expired entries leave as requests arrive, not only when the cache overflows', async () => {
  let t = 0;
  const { app: a, renders } = app({ now: () => t });
  await a.request('/one');
  assert.equal((await a.request('/one')).headers.get('x-cache'), 'HIT');
  // Past its TTL, the next request (for anything) drops it...
  t = 11_000;
  await a.request('/two');
  // ...so even a clock set back finds it gone, where a kept entry would have been served again.
  t = 0;
  assert.equal((await a.request('/one')).headers.get('x-cache'), 'MISS');
  assert.equal(renders(), 3);
});
