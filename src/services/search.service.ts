// Keyword search over titles, abstracts and authors. An exact arXiv id goes straight to its paper.
import { parseArxivId } from '../domain/arxiv-id.js';
import { isDay } from '../domain/days.js';
import { queryTerms } from '../domain/query-terms.js';
import type { Stores } from '../stores/index.js';
import { InvalidInputError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';

export interface SearchRequest {
  q: string;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  sort?: 'relevance' | 'date';
  limit: number;
  offset: number;
}

export interface SearchHit {
  card: PaperCard;
  score: number;
  /** Title and snippet with matches between MARK_START and MARK_END (see stores/search.store.ts). */
  titleMarked: string;
  snippetMarked: string;
}

export type SearchResult =
  | { kind: 'paper'; arxivId: string }
  | {
      kind: 'results';
      terms: string[];
      total: number;
      hits: SearchHit[];
      /** True when no paper had every term and the results match any of them instead. */
      relaxed: boolean;
    };

const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export class SearchService {
  constructor(private readonly stores: Stores) {}

  async search(req: SearchRequest): Promise<SearchResult> {
    if (req.from && !isDay(req.from))
      throw new InvalidInputError('from', `"${req.from}" is not a day like 2026-02-17`);
    if (req.to && !isDay(req.to))
      throw new InvalidInputError('to', `"${req.to}" is not a day like 2026-02-17`);
    if (req.category && !CATEGORY.test(req.category)) {
      throw new InvalidInputError('category', `"${req.category}" is not an arXiv category like cs.CL`);
    }
    const id = parseArxivId(req.q);
    if (id && (await this.stores.papers.findByArxivId(id.id))) return { kind: 'paper', arxivId: id.id };

    const terms = queryTerms(req.q);
    const base = {
      terms,
      from: req.from,
      to: req.to,
      category: req.category,
      sort: req.sort ?? 'relevance',
      limit: req.limit,
      offset: req.offset,
    } as const;
    let relaxed = false;
    let found = await this.stores.search.search({ ...base, mode: 'all' });
    if (found.total === 0 && terms.length > 1) {
      relaxed = true;
      found = await this.stores.search.search({ ...base, mode: 'any' });
    }
    return {
      kind: 'results',
      terms,
      total: found.total,
      relaxed,
      hits: found.hits.map((h) => ({
        card: toPaperCard(h.paper),
        score: h.score,
        titleMarked: h.titleMarked,
        snippetMarked: h.snippetMarked,
      })),
    };
  }
}
