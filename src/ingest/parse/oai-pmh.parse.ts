// OAI-PMH 2.0 responses (ListRecords, GetRecord) in arXiv's two rich metadata formats: `arXiv`
// (authors split into names, the days of v1 and of the latest version) and `arXivRaw` (the authors
// as submitted, and every version with its submission time). The harvester asks for arXivRaw; files
// in either format can be imported. Parse only: strings out; normalize/oai-pmh.normalize.ts turns
// records into papers.
import { MalformedFileError } from '../errors.js';
import {
  attribute,
  child,
  children,
  childText,
  integerOf,
  parseXmlDocument,
  textOf,
} from './xml-document.js';

export interface OaiAuthor {
  keyname: string | null;
  forenames: string | null;
  suffix: string | null;
}

/** The `<arXiv>` metadata element (schema http://arxiv.org/OAI/arXiv/). */
export interface OaiArxivMetadata {
  id: string | null;
  created: string | null;
  updated: string | null;
  authors: OaiAuthor[];
  title: string | null;
  /** Space-separated, primary first. */
  categories: string | null;
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  abstract: string | null;
}

/** One `<version>` of an `<arXivRaw>` record: `v2`, submitted `Mon, 2 Apr 2007 19:18:42 GMT`. */
export interface OaiRawVersion {
  version: string | null;
  date: string | null;
}

/** The `<arXivRaw>` metadata element (schema http://arxiv.org/OAI/arXivRaw/). */
export interface OaiArxivRawMetadata {
  id: string | null;
  /** Every version, in the order listed (oldest first, as arXiv lists them). */
  versions: OaiRawVersion[];
  title: string | null;
  /** The authors as one string, as submitted: `A. Author, B. Author and C. Author (Univ)`. */
  authors: string | null;
  categories: string | null;
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  abstract: string | null;
}

export interface OaiRecord {
  /** `oai:arXiv.org:1706.05371` */
  identifier: string | null;
  datestamp: string | null;
  deleted: boolean;
  /** Null when the record has no `<arXiv>` metadata (deleted, or another metadataPrefix). */
  metadata: OaiArxivMetadata | null;
  /** Null when the record has no `<arXivRaw>` metadata. */
  raw: OaiArxivRawMetadata | null;
}

/**
 * Where an incomplete list continues. `token` is null on the last page of a list (the server sends
 * an empty element there); the harvester stops then.
 */
export interface ResumptionToken {
  token: string | null;
  cursor: number | null;
  completeListSize: number | null;
  expirationDate: string | null;
}

export interface OaiResponse {
  verb: string | null;
  responseDate: string | null;
  /** Null when the response has no resumptionToken element (a complete, single-page answer). */
  resumptionToken: ResumptionToken | null;
  records: { position: string; record: OaiRecord }[];
}

const REPEATABLE = ['record', 'error', 'setSpec', 'author', 'affiliation', 'version'];
const VERB_ELEMENTS = ['ListRecords', 'GetRecord', 'ListIdentifiers'];

export function parseOaiPmh(xml: string): OaiResponse {
  const root = parseXmlDocument(xml, REPEATABLE);
  const oai = child(root, 'OAI-PMH');
  if (!oai) throw new MalformedFileError('not an OAI-PMH response (no <OAI-PMH> root element)');
  throwOnErrors(oai);

  const request = child(oai, 'request');
  const body = VERB_ELEMENTS.map((name) => child(oai, name)).find((node) => node !== null) ?? null;
  const records = children(body, 'record').map((node, i) => {
    const record = readRecord(node);
    const n = i + 1;
    return { position: record.identifier ? `record ${n} (${record.identifier})` : `record ${n}`, record };
  });
  const token = body?.resumptionToken;
  return {
    verb: attribute(request, 'verb'),
    responseDate: childText(oai, 'responseDate'),
    resumptionToken: token === undefined ? null : readResumptionToken(token),
    records,
  };
}

/** `noRecordsMatch` is how OAI-PMH says "nothing changed since then": zero records, not a failure. */
function throwOnErrors(oai: unknown): void {
  const errors = children(oai, 'error')
    .map((node) => ({ code: attribute(node, 'code') ?? 'unknown', text: (textOf(node) ?? '').trim() }))
    .filter((error) => error.code !== 'noRecordsMatch');
  if (errors.length === 0) return;
  const said = errors.map((error) => (error.text ? `${error.code} (${error.text})` : error.code)).join('; ');
  throw new MalformedFileError(`OAI-PMH error: ${said}`, { upstreamMessage: said });
}

function readRecord(node: unknown): OaiRecord {
  const header = child(node, 'header');
  const metadata = child(node, 'metadata');
  const arxiv = child(metadata, 'arXiv');
  const raw = child(metadata, 'arXivRaw');
  return {
    identifier: childText(header, 'identifier')?.trim() || null,
    datestamp: childText(header, 'datestamp'),
    deleted: attribute(header, 'status') === 'deleted',
    metadata: arxiv ? readArxivMetadata(arxiv) : null,
    raw: raw ? readArxivRawMetadata(raw) : null,
  };
}

function readArxivMetadata(arxiv: unknown): OaiArxivMetadata {
  return {
    id: childText(arxiv, 'id'),
    created: childText(arxiv, 'created'),
    updated: childText(arxiv, 'updated'),
    authors: children(child(arxiv, 'authors'), 'author').map((author) => ({
      keyname: childText(author, 'keyname'),
      forenames: childText(author, 'forenames'),
      suffix: childText(author, 'suffix'),
    })),
    title: childText(arxiv, 'title'),
    categories: childText(arxiv, 'categories'),
    comments: childText(arxiv, 'comments'),
    journalRef: childText(arxiv, 'journal-ref'),
    doi: childText(arxiv, 'doi'),
    abstract: childText(arxiv, 'abstract'),
  };
}

function readArxivRawMetadata(raw: unknown): OaiArxivRawMetadata {
  return {
    id: childText(raw, 'id'),
    versions: children(raw, 'version').map((version) => ({
      version: attribute(version, 'version'),
      date: childText(version, 'date'),
    })),
    title: childText(raw, 'title'),
    authors: childText(raw, 'authors'),
    categories: childText(raw, 'categories'),
    comments: childText(raw, 'comments'),
    journalRef: childText(raw, 'journal-ref'),
    doi: childText(raw, 'doi'),
    abstract: childText(raw, 'abstract'),
  };
}

function readResumptionToken(node: unknown): ResumptionToken {
  const text = textOf(node)?.trim() ?? '';
  return {
    token: text === '' ? null : text,
    cursor: integerOf(attribute(node, 'cursor')),
    completeListSize: integerOf(attribute(node, 'completeListSize')),
    expirationDate: attribute(node, 'expirationDate'),
  };
}
