// One OAI-PMH record in arXiv's metadata formats -> a paper (source 'arxiv-oai'). arXivRaw, which the
// harvester asks for, lists every version with its submission time; the arXiv format names no
// version and gives only the days of v1 and of the latest version.
import { toIsoTimestamp } from '../../domain/days.js';
import {
  emptyPaper,
  type IncomingPaper,
  type ParsedItem,
  type VersionSeen,
} from '../../domain/paper-record.js';
import { cleanAbstract, collapseWhitespace } from '../../domain/text.js';
import type {
  OaiArxivMetadata,
  OaiArxivRawMetadata,
  OaiAuthor,
  OaiRecord,
  OaiResponse,
} from '../parse/oai-pmh.parse.js';
import { splitAuthorList } from './author-list.js';
import { arxivCategories, arxivIdOf, authorNames, firstDoi, rejected, textOrNull } from './fields.js';

const OAI_ID_PREFIX = /^oai:arXiv\.org:/i;

export function normalizeOaiRecord(record: OaiRecord, position: string): ParsedItem {
  if (record.deleted) return rejected(position, 'deleted upstream');
  if (record.raw !== null) return normalizeRaw(record, record.raw, position);
  if (record.metadata !== null) return normalizeArxiv(record, record.metadata, position);
  return rejected(position, 'no <arXivRaw> or <arXiv> metadata (harvest with metadataPrefix=arXivRaw)');
}

function normalizeArxiv(record: OaiRecord, meta: OaiArxivMetadata, position: string): ParsedItem {
  const id = idOf(record, meta.id);
  if (typeof id === 'string') return rejected(position, id);
  const title = collapseWhitespace(meta.title ?? '');
  if (title === '') return rejected(position, 'no title');
  const paper: IncomingPaper = {
    ...emptyPaper(id.id, 'arxiv-oai'),
    // The arXiv format names no version (arXivRaw does).
    version: id.version,
    title,
    abstract: cleanAbstract(meta.abstract ?? ''),
    authors: authorNames(meta.authors.map(authorName)),
    categories: arxivCategories((meta.categories ?? '').split(/\s+/)),
    comment: textOrNull(meta.comments),
    journalRef: textOrNull(meta.journalRef),
    doi: firstDoi(meta.doi),
    // `created` is the day v1 was submitted, `updated` the day of the latest version (dates only).
    publishedAt: toIsoTimestamp(meta.created),
    updatedAt: toIsoTimestamp(meta.updated),
  };
  return { kind: 'record', position, paper, daily: null };
}

function normalizeRaw(record: OaiRecord, meta: OaiArxivRawMetadata, position: string): ParsedItem {
  const id = idOf(record, meta.id);
  if (typeof id === 'string') return rejected(position, id);
  const title = collapseWhitespace(meta.title ?? '');
  if (title === '') return rejected(position, 'no title');
  const versions = rawVersions(meta);
  if (typeof versions === 'string') return rejected(position, versions);
  const first = versions[0];
  const latest = versions[versions.length - 1];
  const paper: IncomingPaper = {
    ...emptyPaper(id.id, 'arxiv-oai'),
    version: latest?.version ?? null,
    title,
    abstract: cleanAbstract(meta.abstract ?? ''),
    authors: authorNames(splitAuthorList(meta.authors ?? '')),
    categories: arxivCategories((meta.categories ?? '').split(/\s+/)),
    comment: textOrNull(meta.comments),
    journalRef: textOrNull(meta.journalRef),
    doi: firstDoi(meta.doi),
    // The same instants the arXiv API calls `published` (v1) and `updated` (the latest version).
    publishedAt: first?.submittedAt ?? null,
    updatedAt: latest?.submittedAt ?? null,
    versions,
  };
  return { kind: 'record', position, paper, daily: null };
}

/** `<id>` is the bare id; the header identifier says the same with a prefix and serves as a fallback. */
function idOf(record: OaiRecord, id: string | null) {
  return arxivIdOf(id ?? record.identifier?.replace(OAI_ID_PREFIX, ''));
}

/** Every listed version, oldest first, or why the list is unusable. */
function rawVersions(meta: OaiArxivRawMetadata): VersionSeen[] | string {
  const out: VersionSeen[] = [];
  for (const v of meta.versions) {
    const number = /^v([1-9]\d{0,3})$/.exec(v.version?.trim() ?? '')?.[1];
    const submittedAt = toIsoTimestamp(v.date);
    if (number === undefined) return `invalid version ${JSON.stringify(v.version ?? '')}`;
    if (submittedAt === null) return `version ${v.version}: invalid date ${JSON.stringify(v.date ?? '')}`;
    out.push({ version: Number(number), submittedAt });
  }
  if (out.length === 0) return 'no <version> in <arXivRaw>';
  out.sort((a, b) => a.version - b.version);
  return out.filter((v, i) => i === 0 || v.version !== out[i - 1]?.version);
}

/** "R. W. O'Brient IV": forenames, keyname, suffix; a collaboration has only a keyname. */
function authorName(author: OaiAuthor): string {
  return [author.forenames, author.keyname, author.suffix].filter((part) => part !== null).join(' ');
}

/** Every record of a parsed response, in order (the harvester uses this after parseOaiPmh). */
export function normalizeOaiResponse(response: OaiResponse): ParsedItem[] {
  return response.records.map(({ position, record }) => normalizeOaiRecord(record, position));
}
