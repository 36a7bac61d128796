// Every in-site address pages link to, built in one place so routes and links cannot drift apart.
import type { FeedSort } from '../../services/feed.service.js';

export { authorPath, paperPath, withQuery } from '../../domain/site-paths.js';

/** A paper's picture, served by us (cached from upstream, or a cover drawn here). */
export function thumbnailPath(arxivId: string): string {
  return `/media/thumbnails/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

/** A submitter's picture, served by us (their cached avatar, or their initials). */
export function avatarPath(submitterName: string): string {
  return `/media/avatars/${encodeURIComponent(submitterName)}`;
}

/** A paper's page on Hugging Face, where its mirrored upvotes and comments live. */
export function hfPaperUrl(arxivId: string): string {
  return `https://huggingface.co/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

export type FeedView = { date: string } | { week: string } | { month: string };

/** A feed view; the default sort and the first page are left out so each view has one address. */
export function feedPath(view: FeedView, sort: FeedSort = 'top', page = 1): string {
  const params = new URLSearchParams(view);
  if (sort !== 'top') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  return `/papers?${params.toString()}`;
}
