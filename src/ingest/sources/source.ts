// What every upstream source hands the ingest service: pages of parsed items, fetched lazily (the
// next request goes out only when the caller asks for the next page, after it has committed this
// one). A page is the unit of work: it is written in one transaction, or not at all.
import type { ParsedItem } from '../../domain/paper-record.js';
import { MalformedFileError } from '../errors.js';
import { UpstreamError } from '../fetch/upstream-error.js';

export interface SourcePage {
  /** Names the page in logs, progress and errors: `ids 1-100 of 250`, `2026-08-21`, `records 6-10 of 13`. */
  label: string;
  /** The request that produced it. */
  url: string;
  items: ParsedItem[];
  /** Units done (ids, records, days) and how many there are in all, when the source knows. */
  progress: { done: number; total: number | null };
}

export type PageStream<P extends SourcePage = SourcePage> = AsyncIterable<P>;

/**
 * Parses a response body, naming the URL in the error when it does not parse (a truncated or garbled
 * answer). A refused request (4xx) whose body is the service's own error document is parsed too, so
 * the caller sees the service's message rather than a bare status.
 */
export function parseResponse<T>(url: string, body: string, parse: (body: string) => T): T {
  try {
    return parse(body);
  } catch (err) {
    throw err instanceof MalformedFileError ? err.inFile(url) : err;
  }
}

/** For a refused request: the service's own error message when its body carries one, else the refusal. */
export function explainRefusal(err: unknown, parse: (body: string) => unknown): never {
  if (err instanceof UpstreamError && err.body) {
    try {
      parse(err.body);
    } catch (parsed) {
      if (parsed instanceof MalformedFileError && parsed.upstreamMessage !== null) {
        throw new MalformedFileError(
          parsed.problem,
          { file: err.url, upstreamMessage: parsed.upstreamMessage },
          { cause: err },
        );
      }
    }
  }
  throw err;
}
