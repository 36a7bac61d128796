// One arXiv API Atom entry -> a paper (source 'arxiv-api'). arXiv is the authority on its own
// metadata, so these records carry exact versions and timestamps.
import { toIsoTimestamp } from '../../domain/days.js';
import { emptyPaper, type IncomingPaper, type ParsedItem } from '../../domain/paper-record.js';
import { cleanAbstract, collapseWhitespace } from '../../domain/text.js';
import type { AtomEntry, AtomFeed } from '../parse/arxiv-atom.parse.js';
import { arxivCategories, arxivIdOf, authorNames, firstDoi, rejected, textOrNull } from './fields.js';

export function normalizeArxivAtomEntry(entry: AtomEntry, position: string): ParsedItem {
  const id = arxivIdOf(entry.id);
  if (typeof id === 'string') return rejected(position, id);
  const title = collapseWhitespace(entry.title ?? '');
  if (title === '') return rejected(position, 'no title');
  const paper: IncomingPaper = {
    ...emptyPaper(id.id, 'arxiv-api'),
    version: id.version,
    title,
    abstract: cleanAbstract(entry.summary ?? ''),
    authors: authorNames(entry.authors),
    // The primary category is also among the <category> terms; it goes first, once.
    categories: arxivCategories([entry.primaryCategory, ...entry.categories]),
    comment: textOrNull(entry.comment),
    journalRef: textOrNull(entry.journalRef),
    doi: firstDoi(entry.doi),
    publishedAt: toIsoTimestamp(entry.published),
    updatedAt: toIsoTimestamp(entry.updated),
  };
  return { kind: 'record', position, paper, daily: null };
}

/** Every entry of a parsed feed, in order (the API pager uses this after parseArxivAtom). */
export function normalizeArxivAtomFeed(feed: AtomFeed): ParsedItem[] {
  return feed.entries.map(({ position, entry }) => normalizeArxivAtomEntry(entry, position));
}
