// Which arXiv versions a record vouches for, and when each was submitted. The arXiv API's
// `published` is the date of v1 and its `updated` the date of the version the entry describes;
// OAI-PMH's arXiv format gives v1's day (`created`) but names no version. Listings and Hugging Face
// carry no reliable version dates, so they add nothing to the history.
import type { IncomingPaper } from './paper-record.js';

export interface VersionDate {
  version: number;
  submittedAt: string | null;
}

export function versionsVouchedFor(paper: IncomingPaper): VersionDate[] {
  if (paper.source !== 'arxiv-api' && paper.source !== 'arxiv-oai') return [];
  const out: VersionDate[] = [];
  const first = paper.publishedAt ?? (paper.version === 1 ? paper.updatedAt : null);
  if (first !== null || paper.version === 1) out.push({ version: 1, submittedAt: first });
  if (paper.version !== null && paper.version > 1) {
    out.push({ version: paper.version, submittedAt: paper.updatedAt });
  }
  return out;
}
