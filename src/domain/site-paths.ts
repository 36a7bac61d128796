// The site's own addresses that more than the pages need (emails link to papers and searches too).
// Pure: http/views/urls.ts re-exports these beside the page-only ones.

/** arXiv ids are `[a-z0-9.-]` plus the slash of old-style ids, which stays a real path separator. */
export function paperPath(arxivId: string): string {
  return `/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

export function authorPath(slug: string): string {
  return `/authors/${encodeURIComponent(slug)}`;
}

/** A query string from the non-empty values, in the order given. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}
