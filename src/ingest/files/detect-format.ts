// Which kind of import file this is, judged by its content (after gunzip), never by its name:
// files get renamed, and `.json` is used for JSON Lines as often as not.
import { MalformedFileError } from '../errors.js';

export type ImportFormat =
  /** Hugging Face daily_papers JSON: an array of entries, or the {status, date, count, data} wrapper. */
  | 'hf-daily'
  /** Hugging Face daily entries, one JSON object per line. */
  | 'hf-daily-jsonl'
  /** arXiv daily listing scrape, one JSON object per line. */
  | 'arxiv-listing'
  /** arXiv API Atom feed, bare or inside a recorded {url, status_code, body} exchange. */
  | 'arxiv-atom'
  /** OAI-PMH ListRecords / GetRecord response with metadataPrefix=arXivRaw or arXiv. */
  | 'oai-pmh';

/** A JSON document whose kind is only known once it is parsed whole (see classifyJsonDocument). */
export type Sniffed = ImportFormat | 'json-document';

/** How many bytes of (decompressed) content detection wants to see... */
export const HEAD_BYTES = 64 * 1024;
/** ...and how far the reader goes on to finish a long first line. */
export const MAX_HEAD_BYTES = 4 * 1024 * 1024;
const LINES_TO_TRY = 10;

/**
 * Detects the format from the first bytes of the content. `complete` says the head is the whole
 * file (so its last line is whole too). Throws MalformedFileError for content it does not know.
 */
export function detectFormat(head: Uint8Array, complete: boolean): Sniffed {
  const text = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') throw new MalformedFileError('file is empty');
  if (start.startsWith('<')) return detectXml(start, head);
  if (start.startsWith('[')) return 'hf-daily';
  if (start.startsWith('{')) return detectJsonObject(start, complete);
  throw unknownContent(head);
}

function detectXml(text: string, head: Uint8Array): ImportFormat {
  const body = text
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>/i, '');
  const root = /^\s*<([A-Za-z_][\w.:-]*)/.exec(body)?.[1];
  const local = root?.replace(/^.*:/, '');
  if (local === 'feed') return 'arxiv-atom';
  if (local === 'OAI-PMH') return 'oai-pmh';
  if (root === undefined) throw unknownContent(head);
  throw new MalformedFileError(
    `XML with root element <${root}> is neither an arXiv Atom feed nor an OAI-PMH response`,
  );
}

/**
 * JSON Lines when one of the first lines is a whole JSON object on its own; what kind depends on its
 * keys. A pretty-printed document's first line ("{") is not, so it is classified after parsing.
 */
function detectJsonObject(text: string, complete: boolean): Sniffed {
  const lines = text.split('\n');
  if (!complete) lines.pop(); // possibly cut off by the head limit
  for (const line of lines.slice(0, LINES_TO_TRY)) {
    const value = tryParseObject(line);
    if (value === null) continue;
    if ('paper' in value) return 'hf-daily-jsonl';
    if ('id' in value && ('title' in value || 'authors' in value || 'abs' in value)) return 'arxiv-listing';
    if ('body' in value || 'data' in value) return 'json-document'; // a one-line document
    throw new MalformedFileError(
      `unrecognised JSON object with keys ${Object.keys(value).slice(0, 8).join(', ') || '(none)'}`,
    );
  }
  return 'json-document';
}

/** A whole JSON document: an HF daily array or wrapper, or a recorded arXiv API exchange. */
export function classifyJsonDocument(value: unknown): ImportFormat {
  if (Array.isArray(value)) return 'hf-daily';
  if (typeof value === 'object' && value !== null) {
    if ('body' in value && 'status_code' in value) return 'arxiv-atom';
    if ('data' in value) return 'hf-daily';
    const keys = Object.keys(value).slice(0, 8).join(', ') || '(none)';
    throw new MalformedFileError(`unrecognised JSON document (an object with keys ${keys})`);
  }
  throw new MalformedFileError(`unrecognised JSON document (a ${value === null ? 'null' : typeof value})`);
}

/** Only unindented lines count: an indented "{...}" is a nested part of a pretty-printed document. */
function tryParseObject(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  const text = line.trim();
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The error for content of no known kind shows its first bytes, in hex and as text. */
export function unknownContent(head: Uint8Array): MalformedFileError {
  const first = Buffer.from(head.subarray(0, 16));
  const hex = [...first].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const printable = first.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return new MalformedFileError(
    `unknown content: not JSON, JSON Lines or XML of a known kind (first bytes: ${hex} "${printable}")`,
  );
}
