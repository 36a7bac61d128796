// Splits what a person typed into search terms: words and numbers, lowercased, without duplicates.

const MAX_TERMS = 16;

export function queryTerms(q: string): string[] {
  const words = q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_TERMS);
}
