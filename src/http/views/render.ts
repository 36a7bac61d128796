// Turns a page component into an HTML response. hono/jsx escapes every string it renders; this adds
// the doctype and the caching rule every page shares.
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Pages change as papers are imported and voted on: caches must ask again each time. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function toDocument(page: JSX.Element) {
  return html`<!DOCTYPE html>${page}`;
}

export function renderPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200) {
  c.header('Cache-Control', PAGE_CACHE_CONTROL);
  return c.html(toDocument(page), status);
}
