// One neutral description of a feed, written out as RSS 2.0, Atom 1.0 or JSON Feed 1.1. Each list
// (daily, weekly, monthly, trending, a search, an author) builds this once from the same read models
// its page shows.
import { arxivAbsUrl, arxivPdfUrl } from '../../domain/arxiv-id.js';
import type { PaperCard } from '../../services/paper-card.js';
import { commentCountText, plural } from '../views/format.js';
import { safeUrl } from '../views/safe-url.js';
import { authorPath, paperPath, thumbnailPath } from '../views/urls.js';

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedItem {
  /** Stable across requests and formats: the paper's address here. */
  id: string;
  url: string;
  title: string;
  /** Plain-text summary. */
  summary: string;
  /** HTML body, built from escaped parts only. */
  contentHtml: string;
  authors: { name: string; url: string }[];
  /** ISO timestamps. */
  published: string;
  updated: string;
  categories: string[];
  externalUrl: string;
  imageUrl: string | null;
}

export interface FeedDocument {
  title: string;
  description: string;
  /** The HTML page this feed follows. */
  homeUrl: string;
  /** Address of the feed without its extension; `${base}.rss` etc. are the documents. */
  feedBase: string;
  /** The query string a feed of a search needs (`?q=...`, or empty): part of every address of it. */
  feedQuery?: string;
  /** ISO timestamp of the newest change. */
  updated: string;
  items: FeedItem[];
}

export function feedUrl(doc: Pick<FeedDocument, 'feedBase' | 'feedQuery'>, format: FeedFormat): string {
  return `${doc.feedBase}.${format}${doc.feedQuery ?? ''}`;
}

/** The feed's identity whatever its format: its address without the extension, query included. */
export function feedId(doc: Pick<FeedDocument, 'feedBase' | 'feedQuery'>): string {
  return `${doc.feedBase}${doc.feedQuery ?? ''}`;
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function contentHtml(card: PaperCard, url: string): string {
  const paragraphs = card.abstract
    .split(/\n\n+/)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
  const links: [string, string | null][] = [
    ['Paper page', url],
    ['arXiv', arxivAbsUrl(card.arxivId)],
    ['PDF', arxivPdfUrl(card.arxivId)],
    ['Code', safeUrl(card.githubRepo)],
    ['Project page', safeUrl(card.projectPage)],
  ];
  const linkList = links
    .filter((l): l is [string, string] => l[1] !== null)
    .map(([label, href]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`)
    .join(' · ');
  const authors = card.authors.map((a) => escapeHtml(a.name)).join(', ');
  const votes = `${plural(card.upvotes, 'upvote')}, ${commentCountText(card.localComments, card.mirroredComments)}`;
  return `<p><em>${authors}</em></p>${paragraphs}<p>${escapeHtml(votes)}</p><p>${linkList}</p>`;
}

/** Feed items from cards; `dateOf` picks the moment a card entered this list. */
export function itemsFromCards(
  cards: readonly PaperCard[],
  baseUrl: string,
  dateOf: (card: PaperCard) => string | null = (c) => c.featured?.featuredAt ?? c.publishedAt,
  fallbackDate: string,
): FeedItem[] {
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const card of cards) {
    if (seen.has(card.arxivId)) continue; // one item per paper, even if it was featured twice
    seen.add(card.arxivId);
    const url = `${baseUrl}${paperPath(card.arxivId)}`;
    const published = dateOf(card) ?? fallbackDate;
    items.push({
      id: url,
      url,
      title: card.title,
      summary: card.aiSummary ?? card.abstract,
      contentHtml: contentHtml(card, url),
      authors: card.authors.map((a) => ({ name: a.name, url: `${baseUrl}${authorPath(a.slug)}` })),
      published,
      updated: card.updatedAt && card.updatedAt > published ? card.updatedAt : published,
      categories: card.categories,
      externalUrl: arxivAbsUrl(card.arxivId),
      // Ours, like the pages': the cached thumbnail, or a cover drawn for the paper.
      imageUrl: `${baseUrl}${thumbnailPath(card.arxivId)}`,
    });
  }
  return items;
}

/** The newest date among the items, or the fallback for an empty feed. */
export function newestDate(items: readonly FeedItem[], fallback: string): string {
  return (
    items.reduce((max, i) => (i.updated > max ? i.updated : max), items.length ? '' : fallback) || fallback
  );
}
