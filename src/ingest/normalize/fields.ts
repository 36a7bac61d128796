// Field clean-up shared by every normalizer, so a title or an author list means the same thing
// whichever source it came from.
import { type ArxivId, parseArxivId } from '../../domain/arxiv-id.js';
import { toIsoTimestamp } from '../../domain/days.js';
import type { z } from 'zod';
import type { ParsedItem } from '../../domain/paper-record.js';
import { collapseWhitespace } from '../../domain/text.js';

export function rejected(position: string, reason: string): ParsedItem {
  return { kind: 'rejected', position, reason };
}

/** The id, or the reason the record is rejected (quoting the bad value). */
export function arxivIdOf(raw: string | null | undefined): ArxivId | string {
  if (raw === null || raw === undefined || raw.trim() === '') return 'missing arXiv id';
  return parseArxivId(raw) ?? `invalid arXiv id ${JSON.stringify(raw.trim())}`;
}

/** Whitespace collapsed (arXiv hard-wraps comments and journal refs too); empty becomes null. */
export function textOrNull(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const text = collapseWhitespace(s);
  return text === '' ? null : text;
}

/**
 * Author names, whitespace collapsed. A "name" without a letter or digit is dropped: arXiv's own
 * author parser leaves debris such as a lone ":" after "... Collaborations:" (OAI record 1603.05976).
 */
export function authorNames(names: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const text = textOrNull(name);
    if (text !== null && /[\p{L}\p{N}]/u.test(text)) out.push(text);
  }
  return out;
}

// archive or archive.subject: cs.CV, hep-th, astro-ph.CO, cond-mat.str-el, q-bio.NC, math-ph.
const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;

/**
 * arXiv category codes in order, duplicates removed. Listing scrapes mix ACM and MSC classes into
 * the list ("I.2.7", "68T50", "I.2.10; I.4.8"); those are not categories and are dropped.
 */
export function arxivCategories(codes: Iterable<string | null | undefined>): string[] {
  const out: string[] = [];
  for (const code of codes) {
    const text = code?.trim() ?? '';
    if (CATEGORY.test(text) && !out.includes(text)) out.push(text);
  }
  return out;
}

/** The first DOI when a record lists several ("10.1103/a, 10.1103/b;10.1103/c"). */
export function firstDoi(s: string | null | undefined): string | null {
  const first = s?.split(/[\s,;]+/).find((part) => part !== '');
  return first ?? null;
}

/** The UTC day of a timestamp, or null when it does not parse. */
export function dayOfTimestamp(s: string | null | undefined): string | null {
  return toIsoTimestamp(s)?.slice(0, 10) ?? null;
}

/** A schema failure as a rejection reason: "invalid entry: paper.id: missing arXiv id; ...". */
export function describeIssues(error: z.ZodError, what: string): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.') || what;
    return `${path}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return `invalid ${what}: ${parts.join('; ')}${more}`;
}
