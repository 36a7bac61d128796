// One paper with everything its page and the API show.
import { parseArxivId } from '../domain/arxiv-id.js';
import { toBibtex } from '../domain/bibtex.js';
import { type TrendingBreakdown, trendingScore } from '../domain/trending.js';
import type { Clock } from '../lib/clock.js';
import type { Stores } from '../stores/index.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { currentTrendingAsOf, type ScoredAt } from './feed.service.js';
import { type FeaturedOn, featuredOn, type PaperCard, toPaperCard } from './paper-card.js';
import type { SemanticService } from './semantic.service.js';

export interface PaperDetail extends PaperCard {
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  listedOn: string | null;
  /** Every day the paper was on the feed, oldest first. */
  featuredDays: FeaturedOn[];
  /** The arXiv versions seen, oldest first, with their submission times where known. */
  versions: { version: number; submittedAt: string | null }[];
  /** Its trending score, as of the moment /trending scores at, when it has been featured. */
  trending: PaperTrending | null;
  bibtex: string;
}

export interface PaperTrending extends ScoredAt {
  breakdown: TrendingBreakdown;
}

export interface RelatedPapers {
  /** The embedding model whose vectors were compared; null when no paper has a vector yet. */
  model: string | null;
  /** True when embeddings are turned off (PAPERBOY_EMBEDDER=off): the list is empty by design. */
  off: boolean;
  /** Nearest first, with cosine similarity (1 = same direction). */
  papers: { card: PaperCard; similarity: number }[];
}

export class PapersService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly semantic: SemanticService | null = null,
  ) {}

  /** The papers whose vectors are nearest to this paper's, itself excluded. */
  async related(id: string, limit: number): Promise<RelatedPapers> {
    const parsed = parseArxivId(id);
    if (!parsed)
      throw new InvalidInputError('id', `"${id}" is not an arXiv id like 2406.12345 or hep-th/9901001`);
    const row = await this.stores.papers.findByArxivId(parsed.id);
    if (!row) throw new NotFoundError(`paper ${parsed.id} is not in this catalogue`);
    if (!this.semantic?.enabled) return { model: null, off: true, papers: [] };
    const { model, hits } = await this.semantic.related(row.id, limit);
    const rows = new Map(
      (await this.stores.papers.listByIds(hits.map((h) => h.paperId))).map((r) => [r.id, r]),
    );
    return {
      model,
      off: false,
      papers: hits.flatMap((h) => {
        const r = rows.get(h.paperId);
        return r ? [{ card: toPaperCard(r), similarity: h.score }] : [];
      }),
    };
  }

  /** Accepts an id with or without version (the version is ignored: the latest is shown). */
  async getPaper(id: string): Promise<PaperDetail> {
    const parsed = parseArxivId(id);
    if (!parsed)
      throw new InvalidInputError('id', `"${id}" is not an arXiv id like 2406.12345 or hep-th/9901001`);
    const row = await this.stores.papers.findByArxivId(parsed.id);
    if (!row) throw new NotFoundError(`paper ${parsed.id} is not in this catalogue`);
    const [entries, versions, asOf] = await Promise.all([
      this.stores.dailyEntries.listForPaper(row.id),
      this.stores.paperVersions.listForPaper(row.id),
      currentTrendingAsOf(this.stores, this.clock),
    ]);
    const card = toPaperCard(row, entries[0] ?? null);
    const first = entries[0];
    return {
      ...card,
      comment: row.comment,
      journalRef: row.journal_ref,
      doi: row.doi,
      listedOn: row.listed_on,
      featuredDays: entries.map(featuredOn),
      versions: versions.map((v) => ({ version: v.version, submittedAt: v.submitted_at })),
      trending: first
        ? {
            breakdown: trendingScore(
              { upvotes: card.upvotes, comments: card.comments, featuredAt: first.featured_at },
              asOf.at,
            ),
            asOf: asOf.at.toISOString(),
            stale: asOf.stale,
          }
        : null,
      bibtex: toBibtex({
        arxivId: row.arxiv_id,
        title: row.title,
        authors: card.authors.map((a) => a.name),
        publishedAt: row.published_at,
        primaryCategory: row.primary_category,
        doi: row.doi,
      }),
    };
  }
}
