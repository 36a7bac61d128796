// One line of a daily arXiv listing scrape -> a paper (source 'listing'). Listings carry no date
// per record; the file's name gives the announcement day.
import { z } from 'zod';
import { emptyPaper, type IncomingPaper, type ParsedItem } from '../../domain/paper-record.js';
import { cleanAbstract, collapseWhitespace } from '../../domain/text.js';
import type { RawItem } from '../parse/raw-item.js';
import { arxivCategories, arxivIdOf, authorNames, describeIssues, rejected, textOrNull } from './fields.js';

export const ListingLineSchema = z.object({
  id: z.string({
    error: (issue) => (issue.input === undefined ? 'missing arXiv id' : 'arXiv id is not a string'),
  }),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  authors: z.array(z.string()).nullish(),
  /** Primary first; may include ACM/MSC classes, which arxivCategories drops. */
  categories: z.array(z.string()).nullish(),
  comment: z.string().nullish(),
  abs: z.string().nullish(),
  pdf: z.string().nullish(),
});

export type ListingLine = z.infer<typeof ListingLineSchema>;

export interface ListingContext {
  /** The announcement day from the file name, null when the name has none. */
  listedOn: string | null;
}

export function normalizeArxivListingItem(item: RawItem, context: ListingContext): ParsedItem {
  if (item.kind === 'rejected') return item;
  const parsed = ListingLineSchema.safeParse(item.value);
  if (!parsed.success) return rejected(item.position, describeIssues(parsed.error, 'record'));
  return normalizeArxivListingLine(parsed.data, item.position, context);
}

export function normalizeArxivListingLine(
  line: ListingLine,
  position: string,
  context: ListingContext,
): ParsedItem {
  const id = arxivIdOf(line.id);
  if (typeof id === 'string') return rejected(position, id);
  const title = collapseWhitespace(line.title ?? '');
  if (title === '') return rejected(position, 'no title');
  const { listedOn } = context;
  const paper: IncomingPaper = {
    ...emptyPaper(id.id, 'listing'),
    version: id.version,
    title,
    abstract: cleanAbstract(line.summary ?? ''),
    authors: authorNames(line.authors ?? []),
    categories: arxivCategories(line.categories ?? []),
    comment: textOrNull(line.comment),
    listedOn,
    // An approximation: the announcement day, not the submission time. Merging keeps the earliest
    // publishedAt, so arXiv's exact timestamp wins as soon as the API or OAI-PMH supplies it.
    publishedAt: listedOn === null ? null : `${listedOn}T00:00:00.000Z`,
  };
  return { kind: 'record', position, paper, daily: null };
}
