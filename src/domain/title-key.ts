// A comparison key for titles, so that the same paper posted twice under two arXiv ids is noticed:
// "Attention Is All You Need" and "Attention is all you need." share one key. The key only flags
// a pair for a curator; it never merges anything.

/** Keys shorter than this say too little ("Testing", "0") and are never compared. */
export const MIN_TITLE_KEY_LENGTH = 12;

/**
 * Lowercase, accents folded, `&` read as "and", everything but letters and digits removed; null when
 * too short to compare.
 */
export function titleKey(title: string): string | null {
  const key = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return key.length >= MIN_TITLE_KEY_LENGTH ? key : null;
}
