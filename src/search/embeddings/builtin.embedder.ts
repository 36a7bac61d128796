// The default embedder: a model paperboy trained from its own abstracts (lsa.trainer.ts), loaded from
// the database. Pure CPU work on typed arrays, a few thousand abstracts a second; nothing to download.
import type { Embedder } from '../contracts.js';
import { embedWithTermModel, type TermModel, termModelName, vocabIndex } from './term-model.js';

export class BuiltinEmbedder implements Embedder {
  readonly model: string;
  readonly dim: number;
  private readonly index: Map<string, number>;

  constructor(
    private readonly termModel: TermModel,
    /** The name stored with the model (from its content hash); computed when not given. */
    name?: string,
  ) {
    this.model = name ?? termModelName(termModel);
    this.dim = termModel.dim;
    this.index = vocabIndex(termModel);
  }

  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve(texts.map((t) => embedWithTermModel(this.termModel, this.index, t)));
  }
}
