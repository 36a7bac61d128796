// The seams of search: how text becomes vectors, and how vectors are found again. Lexical ranking,
// embedders and vector indexes live behind these so each can be swapped by config and tested alone.

/** Turns texts into unit-length vectors. Implementations: builtin (trained on our corpus), transformers, openai. */
export interface Embedder {
  /**
   * Stable name of the model, stored beside every vector: when it changes, papers are re-embedded in
   * the background. Include what changes the vectors (e.g. `builtin-dual-256@3f9c2a`).
   */
  readonly model: string;
  readonly dim: number;
  /** One vector per text, each of length `dim` and L2-normalized. Rejects on failure or abort. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export interface VectorHit {
  paperId: number;
  /** Cosine similarity, higher is closer. */
  score: number;
}

/** Nearest-neighbour search over the vectors of one model, held in process. */
export interface VectorIndex {
  readonly dim: number;
  readonly size: number;
  upsert(paperId: number, vector: Float32Array): void;
  remove(paperId: number): void;
  /**
   * The k nearest papers; `accept` filters candidates (e.g. by date or category) before they count.
   * `candidates`, when given, lists exactly the paper ids `accept` passes (e.g. those of a category),
   * for an index that scans them instead of everything when the filter is selective.
   */
  search(
    query: Float32Array,
    k: number,
    accept?: (paperId: number) => boolean,
    candidates?: () => Iterable<number>,
  ): VectorHit[];
}

/**
 * The semantic half of hybrid search as the search service consumes it (services/semantic.service.ts
 * implements it): embed the query and find its nearest papers. `model: null` means no vectors exist
 * yet, so search is keyword-only with nothing wrong; a rejection (embedder failure, abort) makes search
 * fall back to keyword results and say why.
 */
export interface SemanticSearch {
  search(
    text: string,
    k: number,
    options?: {
      signal?: AbortSignal;
      accept?: (paperId: number) => boolean;
      candidates?: () => Iterable<number>;
    },
  ): Promise<{
    model: string | null;
    hits: VectorHit[];
    /**
     * The exact similarity of the query to any paper (null: no vector), when the index can tell:
     * an approximate index may miss some of the nearest papers, and search scores its keyword hits
     * with this so none of them loses its vector score.
     */
    similarity?: (paperId: number) => number | null;
  }>;
}
