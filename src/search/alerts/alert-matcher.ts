// Topic alerts over the papers that are new since the last mail. The planner builds one small lexical
// index over those papers and runs every due alert against it, so ten thousand alerts cost ten
// thousand lookups in an index of a day's papers, not ten thousand searches of the whole catalogue.
// Matching is the search page's syntax and analysis (stems, phrases, -exclusions, author:, cat:,
// year:) in its strict form: every word must match, no near spellings, no fallback to "any word". An
// alert mails only what it is sure of. Each match says why: the words found in the title or abstract,
// the phrase, the author and the category that matched.
import { parseQuerySyntax } from '../../domain/query-syntax.js';
import type { IndexDocument } from '../lexical/analyzer.js';
import { buildLexicalIndex, type LexicalIndex } from '../lexical/lexical-index.js';
import { LexicalSearcher } from '../lexical/lexical-search.js';
import { foldText, isStopword, words } from '../lexical/text.js';

export type MatchReason =
  | { kind: 'words'; field: 'title' | 'abstract' | 'authors'; words: string[] }
  | { kind: 'meaning'; similarity: number }
  | { kind: 'phrase'; field: 'title' | 'abstract'; phrase: string }
  | { kind: 'author'; name: string }
  | { kind: 'category'; category: string };

export interface AlertMatch {
  paperId: number;
  reasons: MatchReason[];
}

export interface AlertResult {
  /** Every new paper that matches. */
  total: number;
  /** The newest `limit` of them. */
  matches: AlertMatch[];
}

export class AlertMatcher {
  private readonly index: LexicalIndex;
  private readonly searcher: LexicalSearcher;
  private readonly docs = new Map<number, IndexDocument>();
  /** Stems of the words explanations look at: abstracts repeat their words across papers. */
  private readonly stems = new Map<string, string>();

  constructor(docs: readonly IndexDocument[]) {
    // No near-spelling table: alerts never use it, and building it is most of a small index's cost.
    this.index = buildLexicalIndex(docs, { typos: false });
    this.searcher = new LexicalSearcher(this.index);
    for (const d of docs) this.docs.set(d.paperId, d);
  }

  get size(): number {
    return this.docs.size;
  }

  /**
   * The papers matching an alert's query (those `accept` takes, when given: the ones new to this
   * alert), newest publication first; the first `limit` come with why they matched.
   */
  match(query: string, limit: number, accept?: (paperId: number) => boolean): AlertResult {
    const q = parseQuerySyntax(query);
    const empty =
      q.terms.length === 0 && q.phrases.length === 0 && q.authors.length === 0 && q.categories.length === 0;
    if (empty || this.docs.size === 0) return { total: 0, matches: [] };
    const result = this.searcher.search({
      ...q,
      mode: 'all',
      sort: 'date',
      // Every match, when some are to be left out; explaining is the costly part, and only the
      // first `limit` taken are explained.
      limit: accept ? this.docs.size : limit,
      typos: false,
    });
    const stems = new Set(result.highlight);
    const matches: AlertMatch[] = [];
    let total = 0;
    for (const hit of result.hits) {
      if (accept && !accept(hit.paperId)) continue;
      total++;
      if (matches.length < limit) {
        const doc = this.docs.get(hit.paperId) as IndexDocument;
        matches.push({ paperId: hit.paperId, reasons: this.explain(doc, stems, q) });
      }
    }
    return { total: accept ? total : result.total, matches };
  }

  /** Every paper matching the query by its words (of those `accept` takes). */
  matchingIds(query: string, accept: (paperId: number) => boolean): Set<number> {
    const q = parseQuerySyntax(query);
    const out = new Set<number>();
    if (q.terms.length === 0 && q.phrases.length === 0 && q.authors.length === 0 && q.categories.length === 0)
      return out;
    const result = this.searcher.search({
      ...q,
      mode: 'all',
      sort: 'date',
      limit: this.docs.size,
      typos: false,
    });
    for (const h of result.hits) if (accept(h.paperId)) out.add(h.paperId);
    return out;
  }

  /** The words and phrases of a query, filters left out: what is embedded to match it by meaning. */
  meaningText(query: string): string {
    const q = parseQuerySyntax(query);
    return [...q.terms, ...q.phrases].join(' ');
  }

  /**
   * Whether a paper passes the query's filters and exclusions (authors, categories, dates, -words,
   * phrases), words aside: what a match by meaning must pass too.
   */
  filter(query: string): (paperId: number) => boolean {
    const q = parseQuerySyntax(query);
    const compiled = this.searcher.compileFilter({ ...q, mode: 'all', sort: 'date', limit: 0 });
    return compiled.possible ? compiled.accepts : () => false;
  }

  private explain(
    doc: IndexDocument,
    stems: ReadonlySet<string>,
    q: ReturnType<typeof parseQuerySyntax>,
  ): MatchReason[] {
    const reasons: MatchReason[] = [];
    const vocab = this.index.vocab;
    const stemOf = (w: string) => {
      let st = this.stems.get(w);
      if (st === undefined) {
        if (this.stems.size > 100_000) this.stems.clear();
        st = vocab.stem(w);
        this.stems.set(w, st);
      }
      return st;
    };
    const found = (text: string) => {
      const out: string[] = [];
      for (const w of words(text)) if (stems.has(stemOf(w)) && !out.includes(w)) out.push(w);
      return out;
    };
    // Words: those of the title that matched, as the title spells them; query words not in the
    // title matched the authors or else the abstract (every word matched somewhere), and are shown
    // as typed: an abstract is never tokenized here, which kept explanations cheap.
    if (q.terms.length > 0) {
      const inTitle = found(doc.title);
      const titleStems = new Set(inTitle.map(stemOf));
      const rest = q.terms
        .flatMap((t) => words(t))
        .filter((w) => !isStopword(w) && stems.has(stemOf(w)) && !titleStems.has(stemOf(w)));
      const authorStems = new Set(rest.length > 0 ? words(doc.authors.join(' ')).map(stemOf) : []);
      const inAuthors = rest.filter((w) => authorStems.has(stemOf(w)));
      const inAbstract = rest.filter((w) => !authorStems.has(stemOf(w)));
      if (inTitle.length > 0) reasons.push({ kind: 'words', field: 'title', words: inTitle });
      if (inAbstract.length > 0)
        reasons.push({ kind: 'words', field: 'abstract', words: unique(inAbstract) });
      if (inAuthors.length > 0) reasons.push({ kind: 'words', field: 'authors', words: unique(inAuthors) });
    }
    for (const phrase of q.phrases) {
      const folded = words(phrase).join(' ');
      const field = words(doc.title).join(' ').includes(folded) ? 'title' : 'abstract';
      reasons.push({ kind: 'phrase', field, phrase });
    }
    for (const wanted of q.authors) {
      const need = words(wanted);
      const name = doc.authors.find((a) => {
        const have = new Set(words(a));
        return need.every((w) => have.has(w));
      });
      if (name) reasons.push({ kind: 'author', name });
    }
    for (const wanted of q.categories) {
      const w = foldText(wanted);
      const category = doc.categories.find((c) => {
        const f = foldText(c);
        return f === w || f.startsWith(`${w}.`);
      });
      if (category) reasons.push({ kind: 'category', category });
    }
    return reasons;
  }
}

const unique = (xs: string[]) => [...new Set(xs)];

/** One line a person reads: `title: “continual”, “pre-training” · author Ada Lovelace · cs.CL`. */
export function describeReasons(reasons: readonly MatchReason[]): string {
  return reasons
    .map((r) => {
      switch (r.kind) {
        case 'words':
          return `${r.field}: ${r.words.map((w) => `“${w}”`).join(', ')}`;
        case 'phrase':
          return `“${r.phrase}” in the ${r.field}`;
        case 'author':
          return `author ${r.name}`;
        case 'category':
          return `category ${r.category}`;
        case 'meaning':
          return `by meaning, similarity ${r.similarity.toFixed(2)}`;
      }
    })
    .join(' · ');
}
