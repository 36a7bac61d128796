// Static assets, served from memory with immutable caching: their names change with their content.
import { Hono } from 'hono';
import { assets } from '../assets/assets.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function assetRoutes(): Hono {
  const app = new Hono();
  for (const asset of assets) {
    app.get(asset.path, (c) => {
      c.header('Content-Type', asset.contentType);
      c.header('Cache-Control', IMMUTABLE);
      return c.body(asset.body);
    });
  }
  return app;
}
