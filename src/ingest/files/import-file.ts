// Opens one import file of any supported kind and hands out its records as ParsedItems.
// - gzip is recognised by its magic bytes, whatever the file is called;
// - the format comes from the content (files/detect-format.ts);
// - JSON Lines are streamed line by line, so a 100 MB listing is never held in memory (a line over
//   MAX_LINE_BYTES is rejected as a record without being held); JSON and XML documents are small
//   and read whole, up to MAX_DOCUMENT_BYTES (inflated: a gzip bomb stops there);
// - the content must be UTF-8 (files/text-encoding.ts): anything else is refused, never guessed.
// Errors: openImportFile rejects with MalformedFileError when the file cannot be read as a whole
// (unknown content, broken JSON or XML, an upstream error response); the items iterator throws it
// when a streamed file turns out broken part-way (a truncated .jsonl.gz). Either way the caller
// drops everything it took from the file.
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { isDay } from '../../domain/days.js';
import type { ParsedItem } from '../../domain/paper-record.js';
import { MalformedFileError } from '../errors.js';
import { normalizeArxivAtomFeed } from '../normalize/arxiv-atom.normalize.js';
import { normalizeArxivListingItem } from '../normalize/arxiv-listing.normalize.js';
import { normalizeHfDailyItem } from '../normalize/hf-daily.normalize.js';
import { normalizeOaiResponse } from '../normalize/oai-pmh.normalize.js';
import { parseArxivAtom, parseRecordedArxivResponse } from '../parse/arxiv-atom.parse.js';
import { parseArxivListingLine } from '../parse/arxiv-listing.parse.js';
import { parseHfDailyDocument, parseHfDailyLine } from '../parse/hf-daily.parse.js';
import { parseJsonDocument } from '../parse/json-document.js';
import { parseOaiPmh } from '../parse/oai-pmh.parse.js';
import {
  classifyJsonDocument,
  detectFormat,
  HEAD_BYTES,
  type ImportFormat,
  MAX_HEAD_BYTES,
} from './detect-format.js';
import { readByteLines } from './line-reader.js';
import { decodeUtf8, foreignByteOrderMark } from './text-encoding.js';

export type { ImportFormat } from './detect-format.js';

export interface ImportFile {
  format: ImportFormat;
  /** Records in file order. Iterating again reads the file again. */
  items: AsyncIterable<ParsedItem>;
}

const gunzipBuffer = promisify(gunzip);

/** The largest JSON Lines record read (real ones are a few kilobytes). */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;
/** The largest JSON or XML document read whole, after gunzip (real ones are a few megabytes). */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;
const MiB = (n: number) => `${n / 1024 / 1024} MiB`;

export async function openImportFile(path: string): Promise<ImportFile> {
  const name = basename(path);
  try {
    const gzipped = await startsWithGzipMagic(path);
    const { head, complete } = await readHead(path, gzipped);
    const foreign = foreignByteOrderMark(head);
    if (foreign) throw foreign;
    const sniffed = detectFormat(head, complete);
    const day = dayInFileName(name);
    switch (sniffed) {
      case 'hf-daily-jsonl':
        return {
          format: sniffed,
          items: streamLines(path, gzipped, (line, n) => {
            const raw = parseHfDailyLine(line, n);
            return raw && normalizeHfDailyItem(raw, { fileDay: day });
          }),
        };
      case 'arxiv-listing':
        return {
          format: sniffed,
          items: streamLines(path, gzipped, (line, n) => {
            const raw = parseArxivListingLine(line, n);
            return raw && normalizeArxivListingItem(raw, { listedOn: day });
          }),
        };
      case 'arxiv-atom':
        return {
          format: sniffed,
          items: fromArray(normalizeArxivAtomFeed(parseArxivAtom(await readText(path, gzipped)))),
        };
      case 'oai-pmh':
        return {
          format: sniffed,
          items: fromArray(normalizeOaiResponse(parseOaiPmh(await readText(path, gzipped)))),
        };
      case 'hf-daily':
      case 'json-document':
        return readJsonDocument(await readText(path, gzipped), day);
    }
  } catch (err) {
    throw err instanceof MalformedFileError ? err.inFile(name) : err;
  }
}

function readJsonDocument(text: string, day: string | null): ImportFile {
  const value = parseJsonDocument(text);
  const format = classifyJsonDocument(value);
  if (format === 'arxiv-atom')
    return { format, items: fromArray(normalizeArxivAtomFeed(parseRecordedArxivResponse(value))) };
  const doc = parseHfDailyDocument(value);
  const fileDay = doc.date ?? day;
  return { format, items: fromArray(doc.entries.map((entry) => normalizeHfDailyItem(entry, { fileDay }))) };
}

/** `2025-01-10.json` -> 2025-01-10; the first valid `YYYY-MM-DD` in the name, or null. */
export function dayInFileName(name: string): string | null {
  for (const m of name.matchAll(/(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g)) {
    if (m[1] && isDay(m[1])) return m[1];
  }
  return null;
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await file.close();
  }
}

function contentStream(path: string, gzipped: boolean): Readable {
  const file = createReadStream(path);
  if (!gzipped) return file;
  // pipeline passes a read error on to the gunzip stream and destroys both on failure.
  return pipeline(file, createGunzip(), () => undefined);
}

/**
 * The first HEAD_BYTES of content, read on to the end of a line (up to MAX_HEAD_BYTES) so that one
 * long JSON line still shows whole; `complete` when the head is all there is.
 */
async function readHead(path: string, gzipped: boolean): Promise<{ head: Buffer; complete: boolean }> {
  const stream = contentStream(path, gzipped);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      chunks.push(bytes);
      size += bytes.length;
      if ((size >= HEAD_BYTES && bytes.includes(0x0a)) || size >= MAX_HEAD_BYTES) {
        return { head: Buffer.concat(chunks), complete: false };
      }
    }
    return { head: Buffer.concat(chunks), complete: true };
  } catch (err) {
    if (!isZlibError(err)) throw err;
    // A gzip cut short: detect on what came out; reading on will report the damage where it is.
    if (size > 0) return { head: Buffer.concat(chunks), complete: false };
    throw brokenGzip(err, null);
  } finally {
    stream.destroy();
  }
}

async function readText(path: string, gzipped: boolean): Promise<string> {
  const { size } = await stat(path);
  if (!gzipped && size > MAX_DOCUMENT_BYTES) throw tooLargeDocument();
  const bytes = await readFile(path);
  let content = bytes;
  if (gzipped) {
    try {
      content = await gunzipBuffer(bytes, { maxOutputLength: MAX_DOCUMENT_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLargeDocument();
      throw isZlibError(err) ? brokenGzip(err, null) : err;
    }
  }
  return decodeUtf8(content).replace(/^\uFEFF/, '');
}

function tooLargeDocument(): MalformedFileError {
  return new MalformedFileError(
    `the document is larger than ${MiB(MAX_DOCUMENT_BYTES)} (after gunzip); JSON and XML documents are read whole, so split it, or use JSON Lines`,
  );
}

type LineItem = (line: string, lineNumber: number) => ParsedItem | null;

function streamLines(path: string, gzipped: boolean, toItem: LineItem): AsyncIterable<ParsedItem> {
  return { [Symbol.asyncIterator]: () => readLines(path, gzipped, toItem) };
}

async function* readLines(path: string, gzipped: boolean, toItem: LineItem): AsyncGenerator<ParsedItem> {
  const name = basename(path);
  const input = contentStream(path, gzipped);
  let n = 0;
  try {
    for await (const line of readByteLines(input, MAX_LINE_BYTES)) {
      n = line.number;
      if (line.kind === 'too-long') {
        yield {
          kind: 'rejected',
          position: `line ${n}`,
          reason: `line is longer than ${MiB(MAX_LINE_BYTES)} (${line.bytes} bytes); no record is that long`,
        };
        continue;
      }
      const item = toItem(n === 1 ? line.text.replace(/^\uFEFF/, '') : line.text, n);
      if (item) yield item;
    }
  } catch (err) {
    if (isZlibError(err)) throw brokenGzip(err, n).inFile(name);
    throw err instanceof MalformedFileError ? err.inFile(name) : err;
  } finally {
    input.destroy();
  }
}

/** zlib reports damage with codes like Z_BUF_ERROR (cut short) and Z_DATA_ERROR (garbage). */
function isZlibError(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  const code: unknown = (err as NodeJS.ErrnoException).code;
  return typeof code === 'string' && code.startsWith('Z_');
}

function brokenGzip(err: Error, linesRead: number | null): MalformedFileError {
  const position = linesRead === null ? null : linesRead === 0 ? 'before line 1' : `after line ${linesRead}`;
  return new MalformedFileError(
    `gzip data is truncated or corrupt (${err.message})`,
    { position },
    { cause: err },
  );
}

function fromArray(items: readonly ParsedItem[]): AsyncIterable<ParsedItem> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* items;
    },
  };
}
