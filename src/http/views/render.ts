// Turns a page component into an HTML response. hono/jsx escapes every string it renders; this adds
// the doctype and the caching rule every page shares.
import type { Context } from 'hono';
import { html } from 'hono/html';
import { jsx } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ViewerContext, viewerOf } from '../auth/viewer.js';

/** Pages change as papers are imported and voted on: caches must ask again each time. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export function toDocument(page: JSX.Element) {
  return html`<!DOCTYPE html>${page}`;
}

/**
 * Renders a page for the request's viewer (http/auth/viewer.ts), whom views read through
 * ViewerContext. A page seen by a signed-in user is personal: never cached, by us or anyone.
 */
export function renderPage(
  c: Context,
  page: JSX.Element,
  status: ContentfulStatusCode = 200,
  /** personal: the page holds something for this browser only (a CSRF token, a secret). */
  options: { personal?: boolean } = {},
) {
  const url = new URL(c.req.url);
  const viewer = { ...viewerOf(c), here: url.pathname + url.search };
  c.header('Cache-Control', viewer.user || options.personal ? 'private, no-store' : PAGE_CACHE_CONTROL);
  return c.html(html`<!DOCTYPE html>${jsx(ViewerContext.Provider, { value: viewer }, page)}`, status);
}
