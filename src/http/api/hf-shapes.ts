// Our read models in Hugging Face's `daily_papers` and `papers` JSON shapes, so scripts written for
// huggingface.co/api work against paperboy by changing the host. Fields we cannot know (Hugging Face
// user ids, discussion ids) are left out rather than invented. Text fields carry the text as
// imported (JSON strings, for clients to escape); links only when they are http(s), as on pages,
// so a client that puts them in an href never gets a `javascript:` URL from us.
import { createHash } from 'node:crypto';
import { slugify } from '../../domain/slug.js';
import type { PaperCard, Submitter } from '../../services/paper-card.js';
import { safeUrl } from '../views/safe-url.js';

/** A stable 24-hex id in the shape of Hugging Face's object ids, derived from our own key. */
function objectId(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 24);
}

export interface HfAuthor {
  _id: string;
  name: string;
  hidden: boolean;
}

export interface HfPaper {
  id: string;
  authors: HfAuthor[];
  publishedAt: string | null;
  submittedOnDailyAt?: string;
  title: string;
  summary: string;
  upvotes: number;
  numComments: number;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  ai_summary?: string;
  ai_keywords?: string[];
  organization?: { name: string; fullname: string };
}

export interface HfSubmitter {
  _id: string;
  name: string;
  fullname: string;
  avatarUrl: string | null;
  type: 'user';
}

export interface HfDailyEntry {
  paper: HfPaper;
  publishedAt: string;
  title: string;
  summary: string;
  thumbnail?: string;
  numComments: number;
  submittedBy?: HfSubmitter;
  organization?: { name: string; fullname: string };
}

function submitter(s: Submitter): HfSubmitter {
  return {
    _id: objectId(`user:${s.name}`),
    name: s.name,
    fullname: s.fullname ?? s.name,
    avatarUrl: safeUrl(s.avatarUrl),
    type: 'user',
  };
}

export function toHfPaper(card: PaperCard): HfPaper {
  const paper: HfPaper = {
    id: card.arxivId,
    authors: card.authors.map((a) => ({ _id: objectId(`author:${a.slug}`), name: a.name, hidden: false })),
    publishedAt: card.publishedAt,
    title: card.title,
    summary: card.abstract,
    upvotes: card.upvotes,
    numComments: card.comments,
  };
  // When it was put on the feed, as Hugging Face gives it (a mirrored entry's own value).
  if (card.featured) paper.submittedOnDailyAt = card.featured.featuredAt;
  const githubRepo = safeUrl(card.githubRepo);
  const projectPage = safeUrl(card.projectPage);
  if (githubRepo) paper.githubRepo = githubRepo;
  if (card.githubStars !== null) paper.githubStars = card.githubStars;
  if (projectPage) paper.projectPage = projectPage;
  if (card.aiSummary) paper.ai_summary = card.aiSummary;
  if (card.aiKeywords.length > 0) paper.ai_keywords = card.aiKeywords;
  const org = organization(card);
  if (org) paper.organization = org;
  return paper;
}

/** Hugging Face names an organization by its slug and shows its display name as `fullname`. */
function organization(card: PaperCard): { name: string; fullname: string } | null {
  if (!card.organization && !card.organizationSlug) return null;
  const fullname = card.organization ?? card.organizationSlug ?? '';
  return { name: card.organizationSlug ?? slugify(fullname), fullname };
}

export function toHfDailyEntry(card: PaperCard): HfDailyEntry {
  const entry: HfDailyEntry = {
    paper: toHfPaper(card),
    // Hugging Face's entry publishedAt is its own (about the paper's publication); a mirrored entry
    // echoes it, ours give the paper's publication, or the time it was featured when that is unknown.
    publishedAt: card.featured?.hfPublishedAt ?? card.publishedAt ?? card.featured?.featuredAt ?? '',
    title: card.title,
    summary: card.abstract,
    numComments: card.comments,
  };
  const thumbnail = safeUrl(card.thumbnailUrl);
  if (thumbnail) entry.thumbnail = thumbnail;
  if (card.featured?.submitter) entry.submittedBy = submitter(card.featured.submitter);
  const org = organization(card);
  if (org) entry.organization = org;
  return entry;
}
