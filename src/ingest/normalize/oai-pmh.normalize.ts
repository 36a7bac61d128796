// One OAI-PMH record in arXiv's metadata format -> a paper (source 'arxiv-oai').
import { toIsoTimestamp } from '../../domain/days.js';
import { emptyPaper, type IncomingPaper, type ParsedItem } from '../../domain/paper-record.js';
import { cleanAbstract, collapseWhitespace } from '../../domain/text.js';
import type { OaiAuthor, OaiRecord, OaiResponse } from '../parse/oai-pmh.parse.js';
import { arxivCategories, arxivIdOf, authorNames, firstDoi, rejected, textOrNull } from './fields.js';

const OAI_ID_PREFIX = /^oai:arXiv\.org:/i;

export function normalizeOaiRecord(record: OaiRecord, position: string): ParsedItem {
  if (record.deleted) return rejected(position, 'deleted upstream');
  const meta = record.metadata;
  if (meta === null) return rejected(position, 'no <arXiv> metadata (harvest with metadataPrefix=arXiv)');
  // <id> is the bare id; the header identifier says the same with a prefix and serves as a fallback.
  const id = arxivIdOf(meta.id ?? record.identifier?.replace(OAI_ID_PREFIX, ''));
  if (typeof id === 'string') return rejected(position, id);
  const title = collapseWhitespace(meta.title ?? '');
  if (title === '') return rejected(position, 'no title');
  const paper: IncomingPaper = {
    ...emptyPaper(id.id, 'arxiv-oai'),
    // The arXiv format names no version (arXivRaw would); leave it to the API.
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

/** "R. W. O'Brient IV": forenames, keyname, suffix; a collaboration has only a keyname. */
function authorName(author: OaiAuthor): string {
  return [author.forenames, author.keyname, author.suffix].filter((part) => part !== null).join(' ');
}

/** Every record of a parsed response, in order (the harvester uses this after parseOaiPmh). */
export function normalizeOaiResponse(response: OaiResponse): ParsedItem[] {
  return response.records.map(({ position, record }) => normalizeOaiRecord(record, position));
}
