// How a record from any source folds into what paperboy already knows about a paper.
// The rules make imports idempotent and order-robust: merging the same record twice changes nothing,
// and an older snapshot never overwrites a newer one.
import type { IncomingPaper, PaperSource } from './paper-record.js';

/** What paperboy holds about a paper: the incoming fields, merged, plus where the metadata came from. */
export type PaperState = Omit<
  IncomingPaper,
  'arxivId' | 'source' | 'hfUpvotes' | 'hfComments' | 'versions'
> & {
  hfUpvotes: number;
  hfComments: number;
  /** Source and date of the title/abstract/authors currently held. */
  metadataSource: PaperSource;
  metadataAsOf: string | null;
  sources: PaperSource[];
};

/** arXiv itself outranks a listing scrape, which outranks Hugging Face's copy. */
const AUTHORITY: Record<PaperSource, number> = { 'arxiv-api': 3, 'arxiv-oai': 3, listing: 2, hf: 1 };

function asOf(p: IncomingPaper): string | null {
  switch (p.source) {
    case 'arxiv-api':
    case 'arxiv-oai':
      return p.updatedAt ?? p.publishedAt;
    case 'listing':
      return p.listedOn;
    case 'hf':
      return p.hfSnapshotOn;
  }
}

function incomingMetadataWins(current: PaperState, p: IncomingPaper): boolean {
  if (p.version !== null && current.version !== null && p.version !== current.version) {
    return p.version > current.version;
  }
  const rank = AUTHORITY[p.source] - AUTHORITY[current.metadataSource];
  if (rank !== 0) return rank > 0;
  const incomingAsOf = asOf(p);
  return incomingAsOf !== null && (current.metadataAsOf === null || incomingAsOf > current.metadataAsOf);
}

const minOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxOf = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const maxNum = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const orElse = <T>(preferred: T | null, fallback: T | null): T | null => preferred ?? fallback;
const nonEmpty = (s: string) => s.trim().length > 0;

export function newPaperState(p: IncomingPaper): PaperState {
  // The version history lives in paper_versions (domain/paper-versions.ts), not in the paper's row.
  const { arxivId: _id, source, hfUpvotes, hfComments, versions: _versions, ...fields } = p;
  return {
    ...fields,
    hfUpvotes: hfUpvotes ?? 0,
    hfComments: hfComments ?? 0,
    metadataSource: source,
    metadataAsOf: asOf(p),
    sources: [source],
  };
}

export function mergePaper(current: PaperState, p: IncomingPaper): PaperState {
  const wins = incomingMetadataWins(current, p);
  // Metadata: the winner's value where it has one; otherwise the loser only fills gaps.
  const pick = (mine: string, theirs: string) =>
    wins ? (nonEmpty(theirs) ? theirs : mine) : nonEmpty(mine) ? mine : theirs;
  const pickList = (mine: string[], theirs: string[]) =>
    wins ? (theirs.length > 0 ? theirs : mine) : mine.length > 0 ? mine : theirs;
  const pickNullable = <T>(mine: T | null, theirs: T | null) =>
    wins ? orElse(theirs, mine) : orElse(mine, theirs);
  const metadata = {
    title: pick(current.title, p.title),
    abstract: pick(current.abstract, p.abstract),
    authors: pickList(current.authors, p.authors),
    categories: pickList(current.categories, p.categories),
    comment: pickNullable(current.comment, p.comment),
    journalRef: pickNullable(current.journalRef, p.journalRef),
    doi: pickNullable(current.doi, p.doi),
  };
  // A winner that repeats what we hold (the same listing on a later day) changes nothing, not even
  // the bookkeeping: so re-reading it is a no-op and nothing is rewritten.
  const before = pickCurrentMetadata(current);
  const changed = (Object.keys(metadata) as (keyof typeof metadata)[]).some(
    (k) => JSON.stringify(metadata[k]) !== JSON.stringify(before[k]),
  );
  const takeOver = wins && changed;
  // Enrichment (links, thumbnails, summaries): the newest Hugging Face snapshot wins.
  const newerSnapshot =
    p.hfSnapshotOn !== null && (current.hfSnapshotOn === null || p.hfSnapshotOn >= current.hfSnapshotOn);
  const enrich = <T>(mine: T | null, theirs: T | null) =>
    newerSnapshot ? orElse(theirs, mine) : orElse(mine, theirs);

  return {
    version: maxNum(current.version, p.version),
    ...metadata,
    publishedAt: minOf(current.publishedAt, p.publishedAt),
    updatedAt: maxOf(current.updatedAt, p.updatedAt),
    listedOn: minOf(current.listedOn, p.listedOn),
    githubRepo: enrich(current.githubRepo, p.githubRepo),
    githubStars: maxNum(current.githubStars, p.githubStars),
    projectPage: enrich(current.projectPage, p.projectPage),
    thumbnailUrl: enrich(current.thumbnailUrl, p.thumbnailUrl),
    aiSummary: enrich(current.aiSummary, p.aiSummary),
    aiKeywords: enrich(current.aiKeywords, p.aiKeywords),
    organization: enrich(current.organization, p.organization),
    organizationSlug: enrich(current.organizationSlug, p.organizationSlug),
    hfUpvotes: Math.max(current.hfUpvotes, p.hfUpvotes ?? 0),
    hfComments: Math.max(current.hfComments, p.hfComments ?? 0),
    hfSnapshotOn: maxOf(current.hfSnapshotOn, p.hfSnapshotOn),
    metadataSource: takeOver ? p.source : current.metadataSource,
    metadataAsOf: takeOver ? (asOf(p) ?? current.metadataAsOf) : current.metadataAsOf,
    sources: current.sources.includes(p.source) ? current.sources : [...current.sources, p.source].sort(),
  };
}

function pickCurrentMetadata(s: PaperState) {
  return {
    title: s.title,
    abstract: s.abstract,
    authors: s.authors,
    categories: s.categories,
    comment: s.comment,
    journalRef: s.journalRef,
    doi: s.doi,
  };
}

/** Field by field, so the order in which a state's keys were written does not matter. */
export function samePaperState(a: PaperState, b: PaperState): boolean {
  const keys = Object.keys(a) as (keyof PaperState)[];
  return (
    keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
  );
}
