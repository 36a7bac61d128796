// The stylesheet and the favicon, read once at boot and served from memory under names that carry a
// hash of their content, so browsers may cache them forever and a new deploy changes the name.
// The files are read from src/http/assets relative to the package root: the path below resolves the
// same from src/http/assets and from dist/http/assets (tsc does not copy .css or .svg files).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Asset {
  /** `/assets/style.<hash>.css` */
  path: string;
  contentType: string;
  body: string;
}

function load(file: string, contentType: string): Asset {
  const body = readFileSync(new URL(`../../../src/http/assets/${file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return { path: `/assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`, contentType, body };
}

export const stylesheet = load('style.css', 'text/css; charset=utf-8');
export const favicon = load('favicon.svg', 'image/svg+xml');
/** The progressive-enhancement script (upvotes without a reload); CSP allows only 'self' scripts. */
export const script = load('app.js', 'text/javascript; charset=utf-8');

export const assets: readonly Asset[] = [stylesheet, favicon, script];
