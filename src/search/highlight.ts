// Titles and snippets with the matched words marked, computed from the stored text of the papers on
// the page and the stems the query matched. Marks are the control characters MARK_START/MARK_END,
// which no paper text holds; views escape the text first and only then turn them into <mark>.
import { MARK_END, MARK_START } from '../domain/marks.js';
import { type WordSpan, wordSpans } from './lexical/text.js';

/** Words in a snippet, like the database snippets this replaced. */
export const SNIPPET_WORDS = 40;
/** Words of context kept before the first match in a snippet. */
const LEAD = 6;

export type Stem = (word: string) => string;

/**
 * Whether a word's stem is one of `stems`. Most words of an abstract share no first letters with any
 * matched stem, so they are never stemmed; the rest are stemmed once per distinct word.
 */
function matcher(stems: ReadonlySet<string>, stem: Stem): (word: string) => boolean {
  const prefixes = new Set([...stems].map((s) => s.slice(0, 3)));
  const seen = new Map<string, boolean>();
  return (word) => {
    if (!prefixes.has(word.slice(0, 3)) && !prefixes.has(word.slice(0, 2)) && !prefixes.has(word.slice(0, 1)))
      return false;
    let hit = seen.get(word);
    if (hit === undefined) {
      hit = stems.has(stem(word));
      seen.set(word, hit);
    }
    return hit;
  };
}

function mark(
  text: string,
  spans: readonly WordSpan[],
  hits: readonly boolean[],
  from: number,
  to: number,
): string {
  let out = '';
  let at = spans[from]?.start ?? 0;
  const end = spans[to - 1]?.end ?? at;
  for (let i = from; i < to; i++) {
    const s = spans[i] as WordSpan;
    if (!hits[i]) continue;
    out += text.slice(at, s.start) + MARK_START + text.slice(s.start, s.end) + MARK_END;
    at = s.end;
  }
  return out + text.slice(at, end);
}

/** The whole title with every matched word marked. */
export function markTitle(title: string, stems: ReadonlySet<string>, stem: Stem): string {
  const spans = wordSpans(title);
  const isMatch = matcher(stems, stem);
  const hits = spans.map((s) => isMatch(s.word));
  if (!hits.includes(true)) return title;
  const head = title.slice(0, spans[0]?.start ?? 0);
  return head + mark(title, spans, hits, 0, spans.length) + title.slice(spans.at(-1)?.end ?? title.length);
}

/**
 * About SNIPPET_WORDS words of the abstract around the densest run of matches (most distinct matched
 * words, then most matches), marked, with an ellipsis where text was cut.
 */
export function snippet(abstract: string, stems: ReadonlySet<string>, stem: Stem): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  const spans = wordSpans(text);
  if (spans.length === 0) return text;
  const isMatch = matcher(stems, stem);
  const hits = spans.map((s) => isMatch(s.word));
  let best = 0;
  let bestKey = -1;
  for (let start = 0; start < spans.length; start++) {
    if (!hits[start]) continue;
    const end = Math.min(spans.length, start + SNIPPET_WORDS);
    const distinct = new Set<string>();
    let count = 0;
    for (let i = start; i < end; i++)
      if (hits[i]) {
        distinct.add((spans[i] as WordSpan).word);
        count++;
      }
    const key = distinct.size * 1000 + count;
    if (key > bestKey) {
      bestKey = key;
      best = start;
    }
  }
  let from = bestKey < 0 ? 0 : Math.max(0, best - LEAD);
  let to = Math.min(spans.length, from + SNIPPET_WORDS);
  from = Math.max(0, Math.min(from, to - SNIPPET_WORDS));
  if (to === spans.length) to = spans.length;
  const body = mark(text, spans, hits, from, to);
  const head = from > 0 ? '…' : text.slice(0, spans[0]?.start ?? 0);
  const tail = to < spans.length ? '…' : text.slice(spans.at(-1)?.end ?? text.length);
  return head + body + tail;
}
