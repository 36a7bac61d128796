// Search: the query syntax, the in-process keyword index, the vector index when one is loaded, fused
// (score fusion by default, reciprocal rank on request: search/fusion.ts), with an exact arXiv id or
// title pinned first; then filters, the requested order and the page, marked up from the stored
// text. A query that is exactly a known arXiv id goes to the paper.
// The page, the API, the feeds and the CLI all call `search`.
import { parseArxivId } from '../domain/arxiv-id.js';
import { isDay } from '../domain/days.js';
import { isEmptyQuery, type ParsedQuery, parseQuerySyntax, queryText } from '../domain/query-syntax.js';
import type { Logger } from '../lib/logger.js';
import type { SemanticSearch, VectorHit } from '../search/contracts.js';
import {
  type FusionMethod,
  fuse,
  type ListHit,
  orderBy,
  type PinReason,
  type Ranked,
  type ScoreParts,
  vectorList,
} from '../search/fusion.js';
import { markTitle, snippet } from '../search/highlight.js';
import { titleText } from '../search/lexical/analyzer.js';
import type {
  Correction,
  LexicalQuery,
  LexicalResult,
  LexicalSort,
} from '../search/lexical/lexical-search.js';
import type { DailyEntryRow } from '../db/schema.js';
import type { Stores } from '../stores/index.js';
import { InvalidInputError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';
import type { LoadedIndex, SearchIndexService } from './search-index.service.js';

export type SearchSort = LexicalSort;

export interface SearchRequest {
  q: string;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  /** A name or part of one: every word must be in one author's name. */
  author?: string | undefined;
  sort?: SearchSort;
  limit: number;
  offset: number;
  /**
   * Match as a topic alert does: every word, no near spellings, no fallback to any word, no papers
   * found by meaning alone. Feeds of a search ask for it.
   */
  strict?: boolean;
}

export interface SearchHit {
  card: PaperCard;
  /** The fused score the results are ranked by. */
  score: number;
  parts: ScoreParts;
  /** Title and snippet with matches between MARK_START and MARK_END (domain/marks.ts). */
  titleMarked: string;
  snippetMarked: string;
}

export interface SearchResults {
  kind: 'results';
  query: ParsedQuery;
  total: number;
  hits: SearchHit[];
  /** True when no paper had every word and the keyword results match any of them instead. */
  relaxed: boolean;
  /** Near spellings searched for words not in the catalogue. */
  corrections: Correction[];
  /** hybrid: keyword and vector lists fused; keyword: keyword list alone. */
  mode: 'hybrid' | 'keyword';
  /** Set when vectors were configured and ready but the query could not be embedded. */
  fallback: 'keyword' | null;
  fallbackReason: string | null;
}

export type SearchResult = { kind: 'paper'; arxivId: string } | SearchResults;

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;
/** Candidates taken from each list before fusing: deeper than any page anyone reads. */
const FUSION_DEPTH = 100;

export interface SearchOptions {
  /** Longest wait for the query's embedding before answering with keyword results alone. */
  embedTimeoutMs: number;
  fusion: FusionMethod;
}

/** The vector list, or why there is none: `error` when it failed, `off` when no vectors exist. */
type VectorList =
  | { hits: VectorHit[]; similarity?: ((paperId: number) => number | null) | undefined }
  | { error: string }
  | { off: true };

export class SearchService {
  constructor(
    private readonly stores: Stores,
    private readonly index: SearchIndexService,
    private readonly semantic: SemanticSearch | null,
    private readonly log: Logger,
    private readonly options: SearchOptions,
  ) {}

  async search(req: SearchRequest): Promise<SearchResult> {
    validate(req);
    const id = parseArxivId(req.q);
    if (id && (await this.stores.papers.findByArxivId(id.id))) return { kind: 'paper', arxivId: id.id };

    const query = withRequestFilters(parseQuerySyntax(req.q), req);
    const text = queryText(query);
    // Nothing asked (the API without q, as Hugging Face's list of papers): every paper, newest first.
    const everything = isEmptyQuery(query);
    const sort = everything && (req.sort ?? 'relevance') === 'relevance' ? 'date' : (req.sort ?? 'relevance');
    const loaded = await this.index.ready();
    const depth = Math.max(FUSION_DEPTH, req.offset + req.limit);
    const strict = req.strict === true;
    const lexicalQuery: LexicalQuery = {
      ...query,
      mode: 'all',
      sort,
      limit: depth,
      typos: !strict,
      everything,
    };
    // The filter predicate owns its memory, so the vector search may use it while other queries run.
    const filter = loaded.searcher.compileFilter(lexicalQuery);
    // The papers of the filter's authors, categories and days, listed when a selective filter makes
    // the vector index scan them exactly instead of approximately.
    const candidates = filter.candidates ?? undefined;
    const [vectors, pins] = await Promise.all([
      text && this.semantic && filter.possible && !strict
        ? this.vectorList(this.semantic, text, depth, filter.accepts, candidates)
        : Promise.resolve<VectorList>({ off: true }),
      this.pinCandidates(query, text, loaded),
    ]);

    // From here to the fused list nothing awaits: the searcher's scratch arrays serve one query at a time.
    let lexical = loaded.searcher.search(lexicalQuery);
    let relaxed = false;
    if (lexical.total === 0 && lexical.words > 1 && !strict) {
      lexical = loaded.searcher.search({ ...lexicalQuery, mode: 'any' });
      relaxed = lexical.total > 0;
    }
    const vector: ListHit[] =
      'hits' in vectors ? vectorList(vectors.hits, lexical.hits, vectors.similarity, depth) : [];
    const pinned = pins.filter((p) => lexical.accepts(p.paperId));
    let ranked = fuse(lexical.hits, vector, pinned, this.options.fusion);
    if (sort !== 'relevance') ranked = orderBy(ranked, sortKey(loaded, sort));
    const extra = ranked.filter((r) => r.parts.lexicalRank === null && !lexical.matches(r.paperId)).length;
    const total = lexical.total + extra;
    const page = ranked.slice(req.offset, req.offset + req.limit);

    const failed = 'error' in vectors ? vectors.error : null;
    return {
      kind: 'results',
      query,
      total,
      hits: await this.hits(page, lexical, loaded),
      relaxed,
      corrections: lexical.corrections,
      mode: 'hits' in vectors ? 'hybrid' : 'keyword',
      fallback: failed ? 'keyword' : null,
      fallbackReason: failed,
    };
  }

  /** The nearest papers to the query text, or why there are none; never rejects, never waits past the timeout. */
  private async vectorList(
    semantic: SemanticSearch,
    text: string,
    k: number,
    accept: (paperId: number) => boolean,
    candidates: (() => Iterable<number>) | undefined,
  ): Promise<VectorList> {
    const ms = this.options.embedTimeoutMs;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`the embedder did not answer within ${ms} ms`));
      }, ms);
    });
    const found = semantic.search(text, k, { signal: abort.signal, accept, candidates });
    // A late rejection after the timeout won must not become an unhandled rejection.
    found.catch(() => undefined);
    try {
      const result = await Promise.race([found, timeout]);
      return result.model === null ? { off: true } : { hits: result.hits, similarity: result.similarity };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log.warn({ reason }, 'query embedding failed; showing keyword results');
      return { error: reason };
    } finally {
      clearTimeout(timer);
    }
  }

  /** An arXiv id among the words, and papers whose whole title is the query, confirmed on the stored row. */
  private async pinCandidates(
    query: ParsedQuery,
    text: string,
    loaded: LoadedIndex,
  ): Promise<{ paperId: number; reason: PinReason }[]> {
    const pins: { paperId: number; reason: PinReason }[] = [];
    for (const term of query.terms) {
      const id = parseArxivId(term);
      const paper = id ? await this.stores.papers.findByArxivId(id.id) : null;
      if (paper) pins.push({ paperId: paper.id, reason: 'arxiv-id' });
    }
    const wanted = titleText(text);
    if (wanted.includes(' ')) {
      const slots = loaded.index.slotsWithTitle(text);
      const ids = slots.map((s) => loaded.index.paperIds[s] as number);
      for (const row of ids.length > 0 ? await this.stores.papers.listByIds(ids) : [])
        if (titleText(row.title) === wanted) pins.push({ paperId: row.id, reason: 'title' });
    }
    return pins;
  }

  private async hits(
    page: readonly Ranked[],
    lexical: LexicalResult,
    loaded: LoadedIndex,
  ): Promise<SearchHit[]> {
    const ids = page.map((r) => r.paperId);
    const [paperRows, entries] = await Promise.all([
      this.stores.papers.listByIds(ids),
      // A featured paper says when and by whom, as on a feed (Hugging Face's search does too).
      ids.length > 0 ? this.stores.dailyEntries.listFirstForPapers(ids) : new Map<number, DailyEntryRow>(),
    ]);
    const rows = new Map(paperRows.map((row) => [row.id, row]));
    const stems = new Set(lexical.highlight);
    const stem = (w: string) => loaded.index.vocab.stem(w);
    return page.flatMap((r) => {
      const row = rows.get(r.paperId);
      if (!row) return []; // deleted since the index saw it
      // The title shown is the card's (a curator's correction wins over the upstream title).
      const card = toPaperCard(row, entries.get(row.id) ?? null);
      return [
        {
          card,
          score: r.parts.fused,
          parts: r.parts,
          titleMarked: markTitle(card.title, stems, stem),
          snippetMarked: snippet(row.abstract, stems, stem),
        },
      ];
    });
  }
}

function validate(req: SearchRequest): void {
  if (req.from && !isDay(req.from))
    throw new InvalidInputError('from', `"${req.from}" is not a day like 2026-02-17`);
  if (req.to && !isDay(req.to)) throw new InvalidInputError('to', `"${req.to}" is not a day like 2026-02-17`);
  if (req.category && !CATEGORY.test(req.category))
    throw new InvalidInputError('category', `"${req.category}" is not an arXiv category like cs.CL`);
  if (req.author !== undefined && req.author.length > 200)
    throw new InvalidInputError('author', 'must be at most 200 characters');
}

/** Request parameters narrow what the query syntax says (a category adds to cat:, as either). */
function withRequestFilters(q: ParsedQuery, req: SearchRequest): ParsedQuery {
  const from =
    [q.from, req.from]
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1) ?? null;
  const to = [q.to, req.to].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
  return {
    ...q,
    from,
    to,
    categories: req.category ? [...new Set([...q.categories, req.category])] : q.categories,
    authors: req.author?.trim() ? [...q.authors, req.author.trim()] : q.authors,
  };
}

function sortKey(loaded: LoadedIndex, sort: 'date' | 'votes'): (paperId: number) => number {
  const { index } = loaded;
  const column = sort === 'date' ? index.times : index.votes;
  return (paperId) => {
    const slot = index.slotOf(paperId);
    return slot < 0 ? -Infinity : (column[slot] as number);
  };
}
