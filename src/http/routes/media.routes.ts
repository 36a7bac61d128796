// Pictures served by us (services/media.service.ts): a paper's thumbnail and a submitter's avatar,
// cached from upstream or drawn here. They change seldom: a day in caches, revalidated by ETag. An
// SVG drawn here holds only text we escaped; the policy below keeps even that from running anything.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppContext } from '../../app.js';
import type { Picture } from '../../services/media.service.js';

const IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

function sendPicture(c: Context, picture: Picture): Response {
  c.header('Cache-Control', 'public, max-age=86400');
  c.header('ETag', picture.etag);
  c.header('Content-Security-Policy', IMAGE_POLICY);
  c.header('X-Picture', picture.origin);
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === picture.etag)) return c.body(null, 304);
  c.header('Content-Type', picture.contentType);
  return c.body(typeof picture.body === 'string' ? picture.body : new Uint8Array(picture.body));
}

export function mediaRoutes(ctx: AppContext): Hono {
  const { media } = ctx.services;
  const app = new Hono();
  // Old-style ids hold a slash (hep-th/9901001), so the id is the rest of the path.
  app.get('/media/thumbnails/:id{.+}', async (c) => sendPicture(c, await media.thumbnail(c.req.param('id'))));
  app.get('/media/avatars/:name', async (c) => sendPicture(c, await media.avatar(c.req.param('name'))));
  return app;
}
