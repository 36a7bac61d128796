// What every source hands to the importer after parsing: one shape, whatever the source.

export type PaperSource = 'hf' | 'listing' | 'arxiv-api' | 'arxiv-oai';

/** A version a record lists, with the time it was submitted (ISO). */
export interface VersionSeen {
  version: number;
  submittedAt: string;
}

export interface IncomingPaper {
  /** arXiv id without version. */
  arxivId: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  /** Primary category first. Empty when the source has none (Hugging Face). */
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  /** ISO timestamps. */
  publishedAt: string | null;
  updatedAt: string | null;
  /** Listing (announcement) day, for records from daily listings. */
  listedOn: string | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  thumbnailUrl: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  /** Display name. */
  organization: string | null;
  /** Hugging Face's slug for it ("google"). */
  organizationSlug: string | null;
  hfUpvotes: number | null;
  hfComments: number | null;
  /** Day of the Hugging Face snapshot this record came from. */
  hfSnapshotOn: string | null;
  /**
   * Every version the record lists, oldest first (OAI-PMH's arXivRaw lists them all). Empty when the
   * source names at most the latest, which `version`, `publishedAt` and `updatedAt` then describe.
   */
  versions: VersionSeen[];
  source: PaperSource;
}

export interface IncomingDailyEntry {
  arxivId: string;
  day: string;
  featuredAt: string;
  source: 'hf' | 'curator' | 'user';
  submitterName: string | null;
  submitterFullname: string | null;
  submitterAvatarUrl: string | null;
  /** Hugging Face's own `publishedAt` of a mirrored entry, echoed by the API; absent elsewhere. */
  hfPublishedAt?: string | null;
}

/** One item out of a parser: a record, or a rejection that says where and why. */
export type ParsedItem =
  | { kind: 'record'; position: string; paper: IncomingPaper; daily: IncomingDailyEntry | null }
  | { kind: 'rejected'; position: string; reason: string };

/** A paper with every optional field empty; parsers fill what their source knows. */
export function emptyPaper(arxivId: string, source: PaperSource): IncomingPaper {
  return {
    arxivId,
    version: null,
    title: '',
    abstract: '',
    authors: [],
    categories: [],
    comment: null,
    journalRef: null,
    doi: null,
    publishedAt: null,
    updatedAt: null,
    listedOn: null,
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    thumbnailUrl: null,
    aiSummary: null,
    aiKeywords: null,
    organization: null,
    organizationSlug: null,
    hfUpvotes: null,
    hfComments: null,
    hfSnapshotOn: null,
    versions: [],
    source,
  };
}
