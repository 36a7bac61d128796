// Words for the builtin embedder (and the quality bench's reference BM25): lowercased, accents folded,
// common English function words dropped, plurals folded to the singular. Deliberately small and
// predictable: the same text gives the same tokens on every machine, which the model's hash relies on.

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just let me more most ' +
    'my myself no nor not now of off on once only or other our ours ourselves out over own same she should so ' +
    'some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up us very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves via thus however therefore may might must shall within without upon whether ' +
    'et al e g i e etc vs among'
  ).split(' '),
);

/** Folds a plural to its singular, conservatively: "models" → "model", "studies" → "study"; "loss" stays. */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(ss|us|is|ous|ics)$/.test(word)) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Tokens of `text` in order, repeats kept (term frequency matters). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  for (const w of words) {
    if (w.length < 2 || w.length > 40 || STOPWORDS.has(w)) continue;
    // Bare numbers (years, counts, table values) carry little meaning between papers.
    if (/^\d+$/.test(w)) continue;
    out.push(singular(w));
  }
  return out;
}
