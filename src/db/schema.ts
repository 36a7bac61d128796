// Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC text and days are
// `YYYY-MM-DD` text on both databases, so one code path reads and compares them (docs/decisions.md).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CommunityTables } from './community-schema.js';
import type { DeliveryTables } from './delivery-schema.js';
import type { LibraryTables } from './library-schema.js';

export interface PapersTable {
  id: Generated<number>;
  arxiv_id: string;
  /** Latest arXiv version known, null when no source said (listings and Hugging Face carry none). */
  version: number | null;
  title: string;
  abstract: string;
  /** JSON array of author names in order, denormalized from paper_authors for cards and search. */
  authors: string;
  /** Space-separated arXiv categories, primary first; paper_categories holds them for filtering. */
  categories: string;
  primary_category: string | null;
  comment: string | null;
  journal_ref: string | null;
  doi: string | null;
  published_at: string | null;
  updated_at: string | null;
  /** First arXiv announcement day seen in a listing. */
  listed_on: string | null;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  thumbnail_url: string | null;
  ai_summary: string | null;
  /** JSON array of keywords. */
  ai_keywords: string | null;
  /** The organization's display name (Hugging Face's `fullname`). */
  organization: string | null;
  /** Its slug on Hugging Face (`name`, e.g. "google"), migration 010. */
  organization_slug: string | null;
  /** Upvotes and comments mirrored from Hugging Face (early-day snapshots; only ever grow). */
  hf_upvotes: number;
  hf_comments: number;
  /** Day of the newest Hugging Face snapshot merged, so an older snapshot never overwrites a newer one. */
  hf_snapshot_on: string | null;
  /** Comma-separated set of sources that contributed: hf, listing, arxiv-api, arxiv-oai. */
  sources: string;
  /** Source and as-of date of the title, abstract and authors held (see domain/paper-merge.ts). */
  metadata_source: string;
  metadata_as_of: string | null;
  /** domain/title-key.ts of the title, null when too short to compare; finds near-identical titles. */
  title_key: string | null;
  created_at: string;
  modified_at: string;
  /** Local community upvotes, recounted exactly with each vote (migration 006). */
  upvotes: Generated<number>;
  /** Local comments shown (not deleted, not hidden), recounted with each change. */
  comments_count: Generated<number>;
  /** Curator edits, kept apart from upstream metadata so imports never overwrite them. */
  title_override: string | null;
  curated_github_repo: string | null;
  curated_project_page: string | null;
}

export interface AuthorsTable {
  id: Generated<number>;
  /** URL key: lowercase, accents folded, words joined by '-'. */
  slug: string;
  name: string;
}

export interface PaperAuthorsTable {
  paper_id: number;
  position: number;
  author_id: number;
}

export interface PaperCategoriesTable {
  paper_id: number;
  category: string;
}

export interface DailyEntriesTable {
  id: Generated<number>;
  paper_id: number;
  day: string;
  /** When the paper was put on the day's feed. */
  featured_at: string;
  /** hf | curator | user */
  source: string;
  submitter_name: string | null;
  submitter_fullname: string | null;
  submitter_avatar_url: string | null;
  created_at: string;
  /** The local user who submitted it (migration 006); null for imports and CLI picks. */
  submitted_by: number | null;
  /** A mirrored entry's own `publishedAt` as Hugging Face gave it (migration 010). */
  hf_published_at: string | null;
}

/** Where a resumable harvest stands; `value` is JSON owned by the service that writes it. */
export interface IngestCursorsTable {
  name: string;
  value: string;
  updated_at: string;
}

/** Every arXiv version of a paper seen by a source that names versions, with its submission time. */
export interface PaperVersionsTable {
  paper_id: number;
  version: number;
  submitted_at: string | null;
  /** arxiv-api (exact times) or arxiv-oai (days); an arxiv-api date replaces an arxiv-oai one. */
  source: string;
}

/** Two papers with near-identical titles under different arXiv ids, for a curator to look at. */
export interface DuplicateFlagsTable {
  id: Generated<number>;
  /** The paper that arrived later. */
  paper_id: number;
  other_paper_id: number;
  /** same-title */
  reason: string;
  /** open | dismissed | merged */
  status: string;
  created_at: string;
  resolved_at: string | null;
}

/** A trained builtin embedding model (src/search/embeddings/term-model.ts), named by its content hash. */
export interface EmbeddingModelsTable {
  name: string;
  /** lsa | sif */
  method: string;
  dim: number;
  artefact: Uint8Array;
  /** Papers in the catalogue when it was trained: retraining is due when the catalogue has grown enough. */
  trained_on_papers: number;
  created_at: string;
}

/** One paper's vector under one model: float32 little-endian, `dim` values. */
export interface EmbeddingsTable {
  paper_id: number;
  model: string;
  dim: number;
  vector: Uint8Array;
  /** SHA-256 (hex, 16 digits) of the embedded text: a changed title or abstract re-embeds. */
  content_hash: string;
  updated_at: string;
}

/** A picture fetched from upstream for our pages (migration 011). */
export interface MediaCacheTable {
  /** papers.thumbnail_url or daily_entries.submitter_avatar_url, as stored there. */
  source_url: string;
  status: 'ok' | 'failed';
  content_type: string | null;
  bytes: Uint8Array | null;
  byte_length: number;
  attempts: number;
  last_error: string | null;
  fetched_at: string;
}

/** queued -> running -> done, or back to queued to retry, or failed when out of attempts. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** Background work (src/jobs/): claimed with a lease, retried with backoff. */
export interface JobsTable {
  id: Generated<number>;
  /** A kind in src/jobs/handlers/index.ts. */
  kind: string;
  /** JSON, validated by the kind's schema when queued and again when run. */
  payload: string;
  /** While queued or running, no other job with this key can be queued (partial unique index). */
  unique_key: string | null;
  status: JobStatus;
  /** When the job is due (a retry's backoff moves it). */
  run_at: string;
  /** Attempts started, the running one included. */
  attempts: number;
  max_attempts: number;
  /** The worker holding the lease while running. */
  locked_by: string | null;
  /** The lease: past it, another worker may take the job over. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** When each recurring schedule (src/jobs/scheduler.ts) fires next. */
export interface SchedulesTable {
  name: string;
  next_run_at: string;
  last_enqueued_at: string | null;
}

/** When each upstream service may next be asked, agreed by every process (migration 008). */
export interface UpstreamPacingTable {
  /** `arxiv`, `hf`: the http client's name. */
  upstream: string;
  next_request_at: string;
  /** The holder id (`host:pid:nonce`) of the process whose request is out; null between requests. */
  held_by: string | null;
}

/** Who runs the harvest of an ingest cursor, until when (migration 008). */
export interface IngestLeasesTable {
  /** The cursor's name: `arxiv-oai:cs`. */
  name: string;
  /** `host:pid:nonce` of the process holding it. */
  holder: string;
  acquired_at: string;
  expires_at: string;
}

export interface Database extends CommunityTables, DeliveryTables, LibraryTables {
  papers: PapersTable;
  authors: AuthorsTable;
  paper_authors: PaperAuthorsTable;
  paper_categories: PaperCategoriesTable;
  daily_entries: DailyEntriesTable;
  ingest_cursors: IngestCursorsTable;
  paper_versions: PaperVersionsTable;
  duplicate_flags: DuplicateFlagsTable;
  embedding_models: EmbeddingModelsTable;
  embeddings: EmbeddingsTable;
  media_cache: MediaCacheTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  upstream_pacing: UpstreamPacingTable;
  ingest_leases: IngestLeasesTable;
}

export type PaperRow = Selectable<PapersTable>;
export type NewPaperRow = Insertable<PapersTable>;
export type PaperUpdate = Updateable<PapersTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type DailyEntryRow = Selectable<DailyEntriesTable>;
export type NewDailyEntryRow = Insertable<DailyEntriesTable>;
export type PaperVersionRow = Selectable<PaperVersionsTable>;
export type DuplicateFlagRow = Selectable<DuplicateFlagsTable>;
export type EmbeddingModelRow = Selectable<EmbeddingModelsTable>;
export type JobRow = Selectable<JobsTable>;
