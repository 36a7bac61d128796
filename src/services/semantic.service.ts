// Semantic search and related papers from the vectors in the database, held in process in a vector
// index. Which model serves: the active one once it covers every paper; until then the model with
// the most vectors (the one being replaced), so a model change never leaves search without vectors.
// The index is loaded at first use and kept fresh from the embeddings' change cursor, in the
// background, so every web process converges within seconds of the embed job. A serving process
// (`start`) also builds the approximate lists of the index (search/vectors/ivf.index.ts) in the
// background once it is large enough, and again when it has grown; until they are ready the exact
// scan answers. With PAPERBOY_EMBEDDER=off nothing here reads vectors: search is keyword-only and
// related papers are empty.
import type { Logger } from '../lib/logger.js';
import type { VectorHit } from '../search/contracts.js';
import type { EmbedderSource } from '../search/embeddings/embedder-factory.js';
import { EmbedderError } from '../search/embeddings/errors.js';
import { normalizeInPlace, vectorFromBytes } from '../search/math/vectors.js';
import { type IvfOptions, IvfVectorIndex } from '../search/vectors/ivf.index.js';
import { toQuery } from '../search/vectors/kernels.js';
import { pacer } from '../search/vectors/kmeans.js';
import type { Stores } from '../stores/index.js';
import type { VectorCursor } from '../stores/embeddings.store.js';

interface Loaded {
  model: string;
  index: IvfVectorIndex;
  cursor: VectorCursor | null;
  /** A build of its lists failed (logged): not tried again for this model in this process. */
  buildFailed?: boolean;
}

export interface SemanticHits {
  /** The model whose vectors answered, or null when there are no vectors yet. */
  model: string | null;
  hits: VectorHit[];
  /** The query's exact similarity to a paper (search only; see SemanticSearch). */
  similarity?: (paperId: number) => number | null;
}

const LOAD_PAGE = 5000;

export class SemanticService {
  private loaded: Loaded | null = null;
  private checkedAt = -Infinity;
  private refreshing: Promise<void> | null = null;
  /** Set by `start`: build the approximate lists in the background. */
  private indexing: AbortController | null = null;
  private building: Promise<void> | null = null;

  constructor(
    private readonly stores: Stores,
    private readonly source: EmbedderSource,
    private readonly log: Logger,
    /** How old the index may get before a request triggers a refresh in the background. */
    private readonly refreshSeconds = 5,
    /** The approximate index's settings (tests make it build over a handful of papers). */
    private readonly indexOptions: Partial<IvfOptions> = {},
  ) {}

  /** False with PAPERBOY_EMBEDDER=off: no vectors are used, even those already in the database. */
  get enabled(): boolean {
    return this.source.kind !== 'off';
  }

  /**
   * Loads the vectors now, in the background, and from then on builds the approximate index beside
   * them whenever it is due (a serving process; one-shot commands search exactly and exit).
   */
  start(): void {
    if (!this.enabled || this.indexing) return;
    this.indexing = new AbortController();
    void this.refresh().catch((err: unknown) => this.log.warn({ err }, 'vector index load failed'));
  }

  /** Stops building; the index keeps answering. */
  stop(): void {
    this.indexing?.abort(new Error('stopped'));
    this.indexing = null;
  }

  /** Resolves when the approximate index being built (if any) is ready (benchmarks, tests). */
  async indexBuilt(): Promise<void> {
    await this.refreshing;
    await this.building;
  }

  /** How the index answers now: exact, building its lists, or approximate. */
  indexState(): { model: string | null; vectors: number; state: IvfVectorIndex['state'] } {
    const loaded = this.loaded;
    return {
      model: loaded?.model ?? null,
      vectors: loaded?.index.size ?? 0,
      state: loaded?.index.state ?? 'exact',
    };
  }

  /** The model now serving, after loading the index if this process has not yet. */
  async servingModel(): Promise<string | null> {
    if (!this.enabled) return null;
    await this.ensureFresh();
    return this.loaded?.model ?? null;
  }

  /**
   * The papers nearest to a query text. Rejects when the embedder fails, times out or `signal`
   * aborts, so search can fall back to keywords and say why.
   */
  async search(
    text: string,
    k: number,
    options: {
      signal?: AbortSignal;
      accept?: (paperId: number) => boolean;
      candidates?: () => Iterable<number>;
    } = {},
  ): Promise<SemanticHits> {
    if (!this.enabled) return { model: null, hits: [] };
    await this.ensureFresh();
    const loaded = this.loaded;
    if (!loaded || loaded.index.size === 0) return { model: null, hits: [] };
    const embedder = await this.source.forModel(loaded.model);
    if (!embedder) throw new EmbedderError(`no embedder is available for the vectors of ${loaded.model}`);
    const [query] = await embedder.embed([text], options.signal);
    if (!query) throw new EmbedderError('the embedder returned no vector');
    // A query of words the model does not know embeds to zero: it is near no paper.
    if (query.every((x) => x === 0)) return { model: loaded.model, hits: [] };
    const q = toQuery(query);
    return {
      model: loaded.model,
      hits: loaded.index.search(query, k, options.accept, options.candidates),
      similarity: (paperId) => loaded.index.similarity(q, paperId),
    };
  }

  /** The papers nearest to a paper, itself excluded. Empty when the paper has no vector yet. */
  async related(paperId: number, k: number): Promise<SemanticHits> {
    if (!this.enabled) return { model: null, hits: [] };
    await this.ensureFresh();
    const loaded = this.loaded;
    if (!loaded) return { model: null, hits: [] };
    const vector = loaded.index.get(paperId);
    if (!vector) return { model: loaded.model, hits: [] };
    return { model: loaded.model, hits: loaded.index.search(vector, k, (id) => id !== paperId) };
  }

  /**
   * "More like these": the papers nearest to the mean direction of the given papers' vectors, those
   * papers excluded (a reader's upvotes or saved papers, for a personal feed). Papers without a
   * vector are left out of the mean; none with one gives an empty list. `accept` narrows the
   * candidates further (e.g. to recent papers). Each hit's score is its cosine to the mean.
   */
  async moreLikeThese(
    paperIds: readonly number[],
    k: number,
    accept?: (paperId: number) => boolean,
  ): Promise<SemanticHits & { used: number }> {
    if (!this.enabled) return { model: null, hits: [], used: 0 };
    await this.ensureFresh();
    const loaded = this.loaded;
    if (!loaded) return { model: null, hits: [], used: 0 };
    const mean = new Float64Array(loaded.index.dim);
    let used = 0;
    for (const id of new Set(paperIds)) {
      const v = loaded.index.get(id);
      if (!v) continue;
      used++;
      for (let j = 0; j < mean.length; j++) mean[j] = (mean[j] as number) + (v[j] as number);
    }
    const query = Float32Array.from(normalizeInPlace(mean));
    if (used === 0 || query.every((x) => x === 0)) return { model: loaded.model, hits: [], used };
    const given = new Set(paperIds);
    const hits = loaded.index.search(query, k, (id) => !given.has(id) && (accept?.(id) ?? true));
    return { model: loaded.model, hits, used };
  }

  /**
   * Papers like a query by meaning, among `paperIds` (a topic alert's new papers): those whose
   * similarity to the query is at least that of its `neighbours`-th nearest paper in the whole
   * catalogue, so "close" means "as close as the catalogue's nearest papers to this query", whatever
   * the query and the model. Null when there are no vectors or the query embeds to nothing.
   */
  async likeQuery(
    text: string,
    paperIds: readonly number[],
    neighbours: number,
    signal?: AbortSignal,
  ): Promise<{ model: string; threshold: number; matches: VectorHit[] } | null> {
    if (!this.enabled) return null;
    await this.ensureFresh();
    const loaded = this.loaded;
    if (!loaded || loaded.index.size === 0) return null;
    const embedder = await this.source.forModel(loaded.model);
    if (!embedder) throw new EmbedderError(`no embedder is available for the vectors of ${loaded.model}`);
    const [query] = await embedder.embed([text], signal);
    if (!query || query.every((x) => x === 0)) return null;
    const nearest = loaded.index.search(query, neighbours);
    const threshold = nearest.at(-1)?.score ?? Infinity;
    const q = toQuery(query);
    const matches: VectorHit[] = [];
    for (const paperId of paperIds) {
      const score = loaded.index.similarity(q, paperId);
      if (score !== null && score > 0 && score >= threshold) matches.push({ paperId, score });
    }
    matches.sort((a, b) => b.score - a.score || a.paperId - b.paperId);
    return { model: loaded.model, threshold, matches };
  }

  /** Brings the index up to date now (tests and the CLI; requests use the background refresh). */
  async refresh(): Promise<void> {
    if (!this.refreshing)
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async ensureFresh(): Promise<void> {
    if (this.loaded === null) return this.refresh();
    if (performance.now() - this.checkedAt < this.refreshSeconds * 1000 || this.refreshing) return;
    void this.refresh().catch((err: unknown) => this.log.warn({ err }, 'vector index refresh failed'));
  }

  private async doRefresh(): Promise<void> {
    this.checkedAt = performance.now();
    const model = await this.chooseModel();
    if (model === null) {
      this.loaded = null;
      return;
    }
    // A new serving model is loaded beside the current index, which keeps answering until it is ready.
    const next: Loaded =
      this.loaded?.model === model
        ? this.loaded
        : { model, index: new IvfVectorIndex(0, 1024, this.indexOptions), cursor: null };
    for (;;) {
      const rows = await this.stores.embeddings.listVectorsSince(model, next.cursor, LOAD_PAGE);
      for (const r of rows) {
        if (next.index.dim !== r.vector.byteLength / 4) {
          if (next.index.size > 0) throw new Error(`vectors of ${model} have mixed dimensions`);
          next.index = new IvfVectorIndex(
            r.vector.byteLength / 4,
            Math.max(1024, rows.length),
            this.indexOptions,
          );
        }
        next.index.upsert(r.paperId, vectorFromBytes(r.vector, next.index.dim));
      }
      const last = rows.at(-1);
      if (last) next.cursor = { updatedAt: last.updatedAt, paperId: last.paperId };
      if (rows.length < LOAD_PAGE) break;
    }
    if (this.loaded?.model !== model)
      this.log.info({ model, vectors: next.index.size }, 'vector index loaded');
    this.loaded = next;
    if (this.indexing && !this.building && !next.buildFailed && next.index.needsBuild())
      this.buildLists(next, this.indexing.signal);
  }

  /** Builds the approximate lists of `loaded` in slices, while the index keeps answering. */
  private buildLists(loaded: Loaded, signal: AbortSignal): void {
    const started = performance.now();
    const slices = pacer();
    const pause = async () => {
      // A newer model's index makes this one garbage: stop spending time on it.
      if (signal.aborted || this.loaded !== loaded) throw new Error('superseded');
      await slices();
    };
    this.building = loaded.index
      .build(pause)
      .then(
        () =>
          this.log.info(
            {
              model: loaded.model,
              vectors: loaded.index.size,
              lists: loaded.index.listCount,
              duration_ms: Math.round(performance.now() - started),
            },
            'approximate vector index built',
          ),
        (err: unknown) => {
          if (signal.aborted || this.loaded !== loaded) return;
          loaded.buildFailed = true;
          this.log.warn({ err }, 'approximate vector index build failed; searching exactly');
        },
      )
      .finally(() => {
        this.building = null;
      });
  }

  private async chooseModel(): Promise<string | null> {
    const counts = await this.stores.embeddings.countByModel();
    if (counts.length === 0) return null;
    let active: string | null = null;
    try {
      active = (await this.source.active())?.model ?? null;
    } catch (err) {
      // A broken embedder must not take related papers down: serve the vectors there are.
      this.log.warn({ err }, 'the configured embedder could not be loaded');
    }
    const activeCount = counts.find((c) => c.model === active);
    if (activeCount && (await this.stores.embeddings.countPapersMissing(activeCount.model)) === 0)
      return activeCount.model;
    return counts.find((c) => c.model !== active)?.model ?? activeCount?.model ?? null;
  }
}
