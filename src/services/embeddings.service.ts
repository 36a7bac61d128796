// Keeps every paper's vector current: trains the builtin model from the catalogue (and retrains it
// when the catalogue has grown), embeds papers that have no vector for the active model or whose text
// changed, and, once the active model covers every paper, drops the vectors of older models. Until
// then the older vectors keep serving searches and related papers (services/semantic.service.ts).
import type { EmbedderConfig } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { EmbedderSource } from '../search/embeddings/embedder-factory.js';
import { dualSteps } from '../search/embeddings/dual.trainer.js';
import { lsaSteps } from '../search/embeddings/lsa.trainer.js';
import { contentHash, paperText } from '../search/embeddings/paper-text.js';
import { serializeTermModel, termModelName } from '../search/embeddings/term-model.js';
import { runStepsPaced } from '../search/math/steps.js';
import { vectorToBytes } from '../search/math/vectors.js';
import { pacer } from '../search/vectors/kmeans.js';
import type { Stores } from '../stores/index.js';
import { InvalidInputError } from './errors.js';

export interface TrainSummary {
  model: string;
  papers: number;
  words: number;
  seconds: number;
  /** False when the same corpus gave the model that was already stored. */
  isNew: boolean;
}

export interface EmbedSummary {
  /** Null when embeddings are off or no builtin model is trained yet. */
  model: string | null;
  scanned: number;
  embedded: number;
  seconds: number;
  /** Every paper has a vector for the active model. */
  complete: boolean;
  /** Vectors of older models removed because the active model now covers every paper. */
  removed: number;
}

export interface EmbedProgress {
  scanned: number;
  embedded: number;
  total: number;
}

/** Papers read per page while scanning the catalogue. */
const PAGE = 1000;

export class EmbeddingsService {
  constructor(
    private readonly stores: Stores,
    private readonly source: EmbedderSource,
    private readonly config: EmbedderConfig,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /**
   * Trains the builtin model on every paper (in id order, so the same catalogue gives the same
   * model). The training runs in slices of a few milliseconds with the event loop's turn between
   * them, so a serving process keeps answering pages while it trains (math/steps.ts); `signal`
   * stops it between two slices.
   */
  async train(signal?: AbortSignal): Promise<TrainSummary> {
    if (this.config.kind !== 'builtin')
      throw new InvalidInputError(
        'PAPERBOY_EMBEDDER',
        `only the builtin embedder is trained; this instance uses ${this.config.kind}`,
      );
    const started = performance.now();
    const texts: string[] = [];
    for (let after = 0; ;) {
      const page = await this.stores.embeddings.listPaperTexts('', after, PAGE);
      for (const p of page) texts.push(paperText(p.title, p.abstract));
      const last = page.at(-1);
      if (!last) break;
      after = last.paperId;
    }
    if (texts.length === 0)
      throw new InvalidInputError('papers', 'the catalogue is empty: import papers before training');
    const dim = this.config.builtinDim;
    const steps =
      this.config.builtinTrainer === 'dual' ? dualSteps(texts, { dim }) : lsaSteps(texts, { dim });
    const slice = pacer();
    const model = await runStepsPaced(steps, async () => {
      signal?.throwIfAborted();
      await slice();
    });
    const artefact = serializeTermModel(model);
    const name = termModelName(model, artefact);
    const isNew = (await this.stores.embeddings.findModel(name)) === null;
    await this.stores.embeddings.insertModel({
      name,
      method: model.method,
      dim: model.dim,
      artefact,
      trained_on_papers: texts.length,
      created_at: this.clock.now().toISOString(),
    });
    const seconds = (performance.now() - started) / 1000;
    this.log.info(
      {
        model: name,
        papers: texts.length,
        words: model.vocab.length,
        duration_ms: Math.round(seconds * 1000),
      },
      'embedding model trained',
    );
    return { model: name, papers: texts.length, words: model.vocab.length, seconds, isNew };
  }

  /**
   * Trains when the builtin model is missing or the catalogue has grown by the configured fraction
   * since it was trained. Returns null when nothing was due.
   */
  async retrainIfDue(signal?: AbortSignal): Promise<TrainSummary | null> {
    if (this.config.kind !== 'builtin') return null;
    const papers = await this.stores.papers.count();
    if (papers === 0) return null;
    const latest = await this.stores.embeddings.findLatestModel();
    if (latest && papers < latest.trained_on_papers * (1 + this.config.retrainGrowth)) return null;
    return this.train(signal);
  }

  /**
   * Embeds papers that have no vector for the active model, or whose title or abstract changed
   * since (`all`: every paper). Idempotent: a second run finds nothing to do.
   */
  async embedPending(
    options: { all?: boolean; onProgress?: (p: EmbedProgress) => void; signal?: AbortSignal } = {},
  ): Promise<EmbedSummary> {
    const started = performance.now();
    const embedder = await this.source.active();
    if (!embedder) return { model: null, scanned: 0, embedded: 0, seconds: 0, complete: false, removed: 0 };
    const total = await this.stores.papers.count();
    let scanned = 0;
    let embedded = 0;
    for (let after = 0; ;) {
      options.signal?.throwIfAborted();
      const page = await this.stores.embeddings.listPaperTexts(embedder.model, after, PAGE);
      const last = page.at(-1);
      if (!last) break;
      after = last.paperId;
      scanned += page.length;
      const due = page
        .map((p) => ({ paperId: p.paperId, text: paperText(p.title, p.abstract), stored: p.embeddedHash }))
        .map((p) => ({ ...p, hash: contentHash(p.text) }))
        .filter((p) => options.all || p.hash !== p.stored);
      for (let i = 0; i < due.length; i += this.config.batchSize) {
        const batch = due.slice(i, i + this.config.batchSize);
        const vectors = await embedder.embed(
          batch.map((p) => p.text),
          options.signal,
        );
        await this.stores.embeddings.upsertMany(
          embedder.model,
          embedder.dim,
          batch.map((p, j) => ({
            paperId: p.paperId,
            vector: vectorToBytes(vectors[j] as Float32Array),
            contentHash: p.hash,
          })),
          this.clock.now().toISOString(),
        );
        embedded += batch.length;
        options.onProgress?.({
          scanned: scanned - page.length + Math.min(page.length, i + batch.length),
          embedded,
          total,
        });
      }
      options.onProgress?.({ scanned, embedded, total });
    }
    const complete = (await this.stores.embeddings.countPapersMissing(embedder.model)) === 0;
    // Only now may older vectors go: until this moment they were what searches used.
    const removed = complete ? await this.stores.embeddings.deleteOtherModels(embedder.model) : 0;
    const seconds = (performance.now() - started) / 1000;
    if (embedded > 0 || removed > 0)
      this.log.info(
        { model: embedder.model, embedded, removed, duration_ms: Math.round(seconds * 1000) },
        'papers embedded',
      );
    return { model: embedder.model, scanned, embedded, seconds, complete, removed };
  }

  /** What the background work does each time: retrain when due, then embed what is pending. */
  async runDue(signal?: AbortSignal): Promise<{ trained: TrainSummary | null; embedded: EmbedSummary }> {
    const trained = await this.retrainIfDue(signal);
    return { trained, embedded: await this.embedPending({ signal }) };
  }

  /** Vectors per model and the active model's coverage, for `paperboy embed --status`. */
  async status(): Promise<{
    active: string | null;
    papers: number;
    models: { model: string; dim: number; vectors: number }[];
  }> {
    const embedder = await this.source.active();
    return {
      active: embedder?.model ?? null,
      papers: await this.stores.papers.count(),
      models: await this.stores.embeddings.countByModel(),
    };
  }
}
