// Every in-site address pages link to, built in one place so routes and links cannot drift apart.
import type { FeedSort } from '../../services/feed.service.js';

/** arXiv ids are `[a-z0-9.-]` plus the slash of old-style ids, which stays a real path separator. */
export function paperPath(arxivId: string): string {
  return `/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

export function authorPath(slug: string): string {
  return `/authors/${encodeURIComponent(slug)}`;
}

export type FeedView = { date: string } | { week: string } | { month: string };

/** A feed view; the default sort is left out so each view has one address. */
export function feedPath(view: FeedView, sort: FeedSort = 'top'): string {
  const params = new URLSearchParams(view);
  if (sort !== 'top') params.set('sort', sort);
  return `/papers?${params.toString()}`;
}

/** A query string from the non-empty values, in the order given. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}
