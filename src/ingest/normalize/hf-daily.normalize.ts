// One Hugging Face daily-papers entry -> a paper (source 'hf') and its place on a day's feed.
// The schema is tolerant of the API's growth (2024 files lack submittedOnDailyAt, ai_*, githubRepo,
// organization) but strict about types: a field of the wrong type rejects the entry with its path.
import { z } from 'zod';
import { toIsoTimestamp } from '../../domain/days.js';
import {
  emptyPaper,
  type IncomingDailyEntry,
  type IncomingPaper,
  type ParsedItem,
} from '../../domain/paper-record.js';
import { cleanAbstract, collapseWhitespace } from '../../domain/text.js';
import type { RawItem } from '../parse/raw-item.js';
import { arxivIdOf, authorNames, dayOfTimestamp, describeIssues, rejected, textOrNull } from './fields.js';

/** A count as PostgreSQL's integer columns hold it: a larger one is an error in the data. */
const count = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31 - 1);

const HfUserSchema = z.object({
  /** The account name; `submittedOnDailyBy` has it as `user` (and, in later files, also `name`). */
  name: z.string().nullish(),
  user: z.string().nullish(),
  fullname: z.string().nullish(),
  avatarUrl: z.string().nullish(),
});

const HfOrganizationSchema = z.object({ name: z.string().nullish(), fullname: z.string().nullish() });

const HfPaperSchema = z.object({
  id: z.string({
    error: (issue) => (issue.input === undefined ? 'missing arXiv id' : 'arXiv id is not a string'),
  }),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  authors: z.array(z.object({ name: z.string().nullish(), hidden: z.boolean().nullish() })).nullish(),
  publishedAt: z.string().nullish(),
  upvotes: count.nullish(),
  submittedOnDailyAt: z.string().nullish(),
  submittedOnDailyBy: HfUserSchema.nullish(),
  githubRepo: z.string().nullish(),
  githubStars: count.nullish(),
  projectPage: z.string().nullish(),
  ai_summary: z.string().nullish(),
  ai_keywords: z.array(z.string()).nullish(),
  organization: HfOrganizationSchema.nullish(),
});

export const HfDailyEntrySchema = z.object({
  paper: HfPaperSchema,
  /** Clean in 2024 files; from 2025-03-11 on it carries arXiv's hard line breaks like paper.title. */
  title: z.string().nullish(),
  /** When the entry was put on the daily page. */
  publishedAt: z.string().nullish(),
  numComments: count.nullish(),
  thumbnail: z.string().nullish(),
  /** The 2024 name of `thumbnail` (same social-thumbnail URL). */
  mediaUrl: z.string().nullish(),
  submittedBy: HfUserSchema.nullish(),
  organization: HfOrganizationSchema.nullish(),
});

export type HfDailyEntry = z.infer<typeof HfDailyEntrySchema>;

export interface HfDailyContext {
  /** The day the file is a snapshot of: the wrapper's `date`, else the date in the file name. */
  fileDay: string | null;
}

const HF_ORIGIN = 'https://huggingface.co';

export function normalizeHfDailyItem(item: RawItem, context: HfDailyContext): ParsedItem {
  if (item.kind === 'rejected') return item;
  const parsed = HfDailyEntrySchema.safeParse(item.value);
  if (!parsed.success) return rejected(item.position, describeIssues(parsed.error, 'entry'));
  return normalizeHfDailyEntry(parsed.data, item.position, context);
}

export function normalizeHfDailyEntry(
  entry: HfDailyEntry,
  position: string,
  context: HfDailyContext,
): ParsedItem {
  const { paper: hf } = entry;
  const id = arxivIdOf(hf.id);
  if (typeof id === 'string') return rejected(position, `${id} (paper.id)`);
  const title = collapseWhitespace(entry.title ?? hf.title ?? '');
  if (title === '') return rejected(position, 'no title');

  const submittedDay = dayOfTimestamp(hf.submittedOnDailyAt);
  const featuredDay = dayOfTimestamp(entry.publishedAt);
  const paper: IncomingPaper = {
    ...emptyPaper(id.id, 'hf'),
    version: id.version,
    title,
    abstract: cleanAbstract(hf.summary ?? ''),
    // `hidden` only hides the paper from that author's Hugging Face profile; the author is still on
    // the paper (checked against arXiv listings), so hidden authors are kept.
    authors: authorNames((hf.authors ?? []).map((author) => author.name)),
    publishedAt: toIsoTimestamp(hf.publishedAt),
    githubRepo: textOrNull(hf.githubRepo),
    githubStars: hf.githubStars ?? null,
    projectPage: textOrNull(hf.projectPage),
    thumbnailUrl: absoluteHfUrl(entry.thumbnail ?? entry.mediaUrl),
    aiSummary: textOrNull(hf.ai_summary),
    aiKeywords: keywords(hf.ai_keywords),
    organization: organizationName(hf.organization ?? entry.organization),
    organizationSlug: textOrNull((hf.organization ?? entry.organization)?.name),
    hfUpvotes: hf.upvotes ?? null,
    hfComments: entry.numComments ?? null,
    // A snapshot's counts belong to the day it was taken; without a file day, the day of the entry.
    hfSnapshotOn: context.fileDay ?? submittedDay ?? featuredDay,
  };
  return {
    kind: 'record',
    position,
    paper,
    daily: dailyEntry(entry, id.id, submittedDay ?? context.fileDay ?? featuredDay),
  };
}

/**
 * The entry's place on the feed. Its day is `submittedOnDailyAt`'s day (always the file's day in
 * the data); older entries have no such field, and their `publishedAt` is often before the file's
 * day (534 of those 2,804 entries, mostly posted 21:00-24:00 UTC for the next day's page), so the
 * file's day comes next and `publishedAt`'s day is only the last resort.
 */
function dailyEntry(entry: HfDailyEntry, arxivId: string, day: string | null): IncomingDailyEntry | null {
  if (day === null) return null;
  const featuredAt =
    toIsoTimestamp(entry.paper.submittedOnDailyAt) ??
    toIsoTimestamp(entry.publishedAt) ??
    `${day}T00:00:00.000Z`;
  const submitter = entry.submittedBy ?? entry.paper.submittedOnDailyBy ?? null;
  return {
    arxivId,
    day,
    featuredAt,
    source: 'hf',
    submitterName: textOrNull(submitter?.name ?? submitter?.user),
    submitterFullname: textOrNull(submitter?.fullname),
    submitterAvatarUrl: absoluteHfUrl(submitter?.avatarUrl),
    hfPublishedAt: toIsoTimestamp(entry.publishedAt),
  };
}

/** Hugging Face serves default avatars as site-relative paths (`/avatars/x.svg`). */
export function absoluteHfUrl(url: string | null | undefined): string | null {
  const text = url?.trim();
  if (!text) return null;
  if (text.startsWith('//')) return `https:${text}`;
  if (text.startsWith('/')) return `${HF_ORIGIN}${text}`;
  return text;
}

function organizationName(org: z.infer<typeof HfOrganizationSchema> | null | undefined): string | null {
  return textOrNull(org?.fullname) ?? textOrNull(org?.name);
}

/** An empty keyword list says nothing, and must not overwrite keywords from another snapshot. */
function keywords(list: string[] | null | undefined): string[] | null {
  const out = (list ?? []).map((k) => collapseWhitespace(k)).filter((k) => k !== '');
  return out.length > 0 ? out : null;
}
