// Which arXiv versions a record vouches for, and when each was submitted. OAI-PMH's arXivRaw lists
// every version with its submission time. The arXiv API's `published` is the time of v1 and its
// `updated` the time of the version the entry describes. OAI-PMH's arXiv format gives v1's day
// (`created`) but names no version. Listings and Hugging Face carry no reliable version dates, so they
// add nothing to the history.
import type { IncomingPaper } from './paper-record.js';

/**
 * Where a version's date came from, as paper_versions.source records it: `arxiv-api` and
 * `arxiv-oai-raw` (arXivRaw) give exact times, `arxiv-oai` (the arXiv format) only a day.
 */
export type VersionDateSource = 'arxiv-api' | 'arxiv-oai' | 'arxiv-oai-raw';

/** The sources whose dates are exact times: one of them replaces a day, never the other way round. */
export const EXACT_VERSION_SOURCES: readonly VersionDateSource[] = ['arxiv-api', 'arxiv-oai-raw'];

export interface VersionDate {
  version: number;
  submittedAt: string | null;
  source: VersionDateSource;
}

export function versionsVouchedFor(paper: IncomingPaper): VersionDate[] {
  if (paper.source !== 'arxiv-api' && paper.source !== 'arxiv-oai') return [];
  if (paper.versions.length > 0) {
    return paper.versions.map((v) => ({ ...v, source: 'arxiv-oai-raw' }));
  }
  const source = paper.source;
  const out: VersionDate[] = [];
  const first = paper.publishedAt ?? (paper.version === 1 ? paper.updatedAt : null);
  if (first !== null || paper.version === 1) out.push({ version: 1, submittedAt: first, source });
  if (paper.version !== null && paper.version > 1) {
    out.push({ version: paper.version, submittedAt: paper.updatedAt, source });
  }
  return out;
}

export function isExactVersionSource(source: string): boolean {
  return (EXACT_VERSION_SOURCES as readonly string[]).includes(source);
}
