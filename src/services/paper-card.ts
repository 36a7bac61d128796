// The read model every list (daily, trending, search, author) and the API shapes are built from.
import type { DailyEntryRow, PaperRow } from '../db/schema.js';
import { slugify } from '../domain/slug.js';

export interface AuthorRef {
  name: string;
  slug: string;
}

export interface Submitter {
  name: string;
  fullname: string | null;
  avatarUrl: string | null;
}

export interface FeaturedOn {
  day: string;
  featuredAt: string;
  source: string;
  submitter: Submitter | null;
  /** Hugging Face's own `publishedAt` of a mirrored entry. */
  hfPublishedAt: string | null;
}

export interface PaperCard {
  paperId: number;
  arxivId: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: AuthorRef[];
  categories: string[];
  publishedAt: string | null;
  updatedAt: string | null;
  /** Local upvotes plus those mirrored from Hugging Face: what lists show and trending scores. */
  upvotes: number;
  /** Local comments shown plus those mirrored from Hugging Face. */
  comments: number;
  localUpvotes: number;
  mirroredUpvotes: number;
  localComments: number;
  mirroredComments: number;
  /** Whether the signed-in viewer upvoted it (set by the routes; false for anonymous readers). */
  viewerVoted: boolean;
  /** Whether it is in the signed-in viewer's library (set by the routes; false for anonymous readers). */
  viewerSaved: boolean;
  thumbnailUrl: string | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  aiSummary: string | null;
  aiKeywords: string[];
  organization: string | null;
  /** Hugging Face's slug for the organization ("google"), when mirrored. */
  organizationSlug: string | null;
  /** The feed entry this card stands for, on feed lists. */
  featured: FeaturedOn | null;
}

export function featuredOn(entry: DailyEntryRow): FeaturedOn {
  return {
    day: entry.day,
    featuredAt: entry.featured_at,
    source: entry.source,
    submitter: entry.submitter_name
      ? {
          name: entry.submitter_name,
          fullname: entry.submitter_fullname,
          avatarUrl: entry.submitter_avatar_url,
        }
      : null,
    hfPublishedAt: entry.hf_published_at,
  };
}

export function toPaperCard(row: PaperRow, entry: DailyEntryRow | null = null): PaperCard {
  const authors = JSON.parse(row.authors) as string[];
  return {
    paperId: row.id,
    arxivId: row.arxiv_id,
    version: row.version,
    // A curator's correction wins over upstream metadata (migration 006).
    title: row.title_override ?? row.title,
    abstract: row.abstract,
    authors: authors.map((name) => ({ name, slug: slugify(name) })),
    categories: row.categories ? row.categories.split(' ') : [],
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    upvotes: row.hf_upvotes + row.upvotes,
    comments: row.hf_comments + row.comments_count,
    localUpvotes: row.upvotes,
    mirroredUpvotes: row.hf_upvotes,
    localComments: row.comments_count,
    mirroredComments: row.hf_comments,
    viewerVoted: false,
    viewerSaved: false,
    thumbnailUrl: row.thumbnail_url,
    githubRepo: row.curated_github_repo ?? row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.curated_project_page ?? row.project_page,
    aiSummary: row.ai_summary,
    aiKeywords: row.ai_keywords ? (JSON.parse(row.ai_keywords) as string[]) : [],
    organization: row.organization,
    organizationSlug: row.organization_slug,
    featured: entry ? featuredOn(entry) : null,
  };
}
