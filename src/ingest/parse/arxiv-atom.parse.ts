// arXiv export API responses (Atom 1.0 with opensearch paging and arxiv: extensions), in both the
// classic (2016) and the current (2026) dialect. Parse only: strings out, no cleaning; see
// normalize/arxiv-atom.normalize.ts for what they become.
import { z } from 'zod';
import { MalformedFileError } from '../errors.js';
import { attribute, child, children, childText, integerOf, parseXmlDocument } from './xml-document.js';

/** Paging from the opensearch elements; the API pager walks `startIndex` by `itemsPerPage` up to `totalResults`. */
export interface AtomPaging {
  totalResults: number | null;
  startIndex: number | null;
  itemsPerPage: number | null;
}

export interface AtomEntry {
  /** The `<id>` URL as written, e.g. `http://arxiv.org/abs/hep-th/9901001v2`. */
  id: string | null;
  title: string | null;
  summary: string | null;
  authors: string[];
  primaryCategory: string | null;
  /** `<category term>` values in document order. */
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  published: string | null;
  updated: string | null;
}

export interface AtomFeed {
  paging: AtomPaging;
  entries: { position: string; entry: AtomEntry }[];
}

const REPEATABLE = ['entry', 'author', 'category', 'link', 'affiliation'];
// arXiv reports a bad query as a feed with one entry whose id points into its error docs.
const ERROR_ENTRY_ID = /\/api\/errors(?:#|$)/;

export function parseArxivAtom(xml: string): AtomFeed {
  const root = parseXmlDocument(xml, REPEATABLE);
  const feed = child(root, 'feed');
  if (!feed) throw new MalformedFileError(`not an Atom feed (root element is <${rootName(root)}>)`);
  const entries = children(feed, 'entry').map((node, i) => {
    const entry = readEntry(node);
    const n = i + 1;
    if (entry.id !== null && ERROR_ENTRY_ID.test(entry.id)) {
      const said = (entry.summary ?? entry.title ?? entry.id).trim();
      throw new MalformedFileError(`arXiv API error: ${said}`, {
        position: `entry ${n}`,
        upstreamMessage: said,
      });
    }
    return { position: entryPosition(n, entry.id), entry };
  });
  return {
    paging: {
      totalResults: integerOf(childText(feed, 'totalResults')),
      startIndex: integerOf(childText(feed, 'startIndex')),
      itemsPerPage: integerOf(childText(feed, 'itemsPerPage')),
    },
    entries,
  };
}

function readEntry(node: unknown): AtomEntry {
  return {
    id: childText(node, 'id'),
    title: childText(node, 'title'),
    summary: childText(node, 'summary'),
    authors: children(node, 'author')
      .map((author) => childText(author, 'name'))
      .filter((name): name is string => name !== null),
    primaryCategory: attribute(child(node, 'primary_category'), 'term'),
    categories: children(node, 'category')
      .map((category) => attribute(category, 'term'))
      .filter((term): term is string => term !== null),
    comment: childText(node, 'comment'),
    journalRef: childText(node, 'journal_ref'),
    doi: childText(node, 'doi'),
    published: childText(node, 'published'),
    updated: childText(node, 'updated'),
  };
}

/** `entry 3 (2202.12139v1)`: the short id helps a reader find the entry in the file. */
function entryPosition(n: number, id: string | null): string {
  const short = id?.replace(/^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\//, '').trim();
  return short ? `entry ${n} (${short})` : `entry ${n}`;
}

function rootName(root: Record<string, unknown>): string {
  return Object.keys(root).find((key) => !key.startsWith('@_') && key !== '#text') ?? 'none';
}

const RecordedResponseSchema = z.object({
  url: z.string().nullish(),
  status_code: z.number().int(),
  body: z.string(),
});

/**
 * A recorded API exchange `{url, status_code, body}` (how the arXiv client's test suite stores
 * responses). The Atom body is parsed; an error status is refused, with arXiv's own message when
 * the body is its error feed.
 */
export function parseRecordedArxivResponse(value: unknown): AtomFeed {
  const recorded = RecordedResponseSchema.safeParse(value);
  if (!recorded.success) {
    throw new MalformedFileError(`not a recorded arXiv API response: ${z.prettifyError(recorded.error)}`);
  }
  const { status_code: status, body } = recorded.data;
  const ok = status >= 200 && status < 300;
  let feed: AtomFeed;
  try {
    feed = parseArxivAtom(body);
  } catch (err) {
    if (ok || (err instanceof MalformedFileError && err.upstreamMessage !== null)) throw err;
    throw new MalformedFileError(`recorded arXiv API response has HTTP status ${status}`, {}, { cause: err });
  }
  if (!ok) throw new MalformedFileError(`recorded arXiv API response has HTTP status ${status}`);
  return feed;
}
