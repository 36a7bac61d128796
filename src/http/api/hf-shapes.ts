// Our read models in Hugging Face's `daily_papers` and `papers` JSON shapes, so scripts written for
// huggingface.co/api work against paperboy by changing the host. Fields we cannot know (Hugging Face
// user ids, discussion ids) are left out rather than invented. Text fields carry the text as
// imported (JSON strings, for clients to escape); links only when they are http(s), as on pages,
// so a client that puts them in an href never gets a `javascript:` URL from us.
import { createHash } from 'node:crypto';
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
  if (card.featured) paper.submittedOnDailyAt = `${card.featured.day}T00:00:00.000Z`;
  const githubRepo = safeUrl(card.githubRepo);
  const projectPage = safeUrl(card.projectPage);
  if (githubRepo) paper.githubRepo = githubRepo;
  if (card.githubStars !== null) paper.githubStars = card.githubStars;
  if (projectPage) paper.projectPage = projectPage;
  if (card.aiSummary) paper.ai_summary = card.aiSummary;
  if (card.aiKeywords.length > 0) paper.ai_keywords = card.aiKeywords;
  if (card.organization) paper.organization = { name: card.organization, fullname: card.organization };
  return paper;
}

export function toHfDailyEntry(card: PaperCard): HfDailyEntry {
  const entry: HfDailyEntry = {
    paper: toHfPaper(card),
    publishedAt: card.featured?.featuredAt ?? card.publishedAt ?? '',
    title: card.title,
    summary: card.abstract,
    numComments: card.comments,
  };
  const thumbnail = safeUrl(card.thumbnailUrl);
  if (thumbnail) entry.thumbnail = thumbnail;
  if (card.featured?.submitter) entry.submittedBy = submitter(card.featured.submitter);
  if (card.organization) entry.organization = { name: card.organization, fullname: card.organization };
  return entry;
}
