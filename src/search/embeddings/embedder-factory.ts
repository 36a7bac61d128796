// Chooses the embedder by config (PAPERBOY_EMBEDDER) and keeps one instance of each. The builtin
// model lives in the database, so the caller passes a loader; search/ itself knows no stores.
import type { EmbedderConfig } from '../../config.js';
import type { Embedder } from '../contracts.js';
import { BuiltinEmbedder } from './builtin.embedder.js';
import { OpenAiEmbedder } from './openai.embedder.js';
import { deserializeTermModel } from './term-model.js';
import { TransformersEmbedder } from './transformers.embedder.js';

export interface StoredModel {
  name: string;
  artefact: Uint8Array;
}

export interface BuiltinModels {
  /** Name of the newest trained model, or null before the first training. */
  latestName(): Promise<string | null>;
  load(name: string): Promise<StoredModel | null>;
}

export interface EmbedderSource {
  readonly kind: EmbedderConfig['kind'];
  /** The embedder new vectors are made with; null when embeddings are off or no builtin model is trained yet. */
  active(): Promise<Embedder | null>;
  /**
   * An embedder for queries against vectors of `model`: the active one, or an older builtin model
   * (kept in the database) while papers are re-embedded. Null when no such embedder can be had.
   */
  forModel(model: string): Promise<Embedder | null>;
}

export function createEmbedderSource(config: EmbedderConfig, builtin: BuiltinModels): EmbedderSource {
  const builtins = new Map<string, Promise<BuiltinEmbedder | null>>();
  const loadBuiltin = (name: string): Promise<BuiltinEmbedder | null> => {
    let found = builtins.get(name);
    if (!found) {
      found = builtin
        .load(name)
        .then((m) => (m ? new BuiltinEmbedder(deserializeTermModel(m.artefact), m.name) : null));
      // A failed load is not remembered, so the next call tries again.
      found.catch(() => builtins.delete(name));
      builtins.set(name, found);
    }
    return found;
  };

  let fixed: Promise<Embedder> | null = null;
  const loadFixed = (): Promise<Embedder> => {
    if (!fixed) {
      fixed = makeFixed(config);
      fixed.catch(() => (fixed = null));
    }
    return fixed;
  };

  const active = async (): Promise<Embedder | null> => {
    switch (config.kind) {
      case 'off':
        return null;
      case 'builtin': {
        const name = await builtin.latestName();
        return name ? loadBuiltin(name) : null;
      }
      case 'transformers':
      case 'openai':
        return loadFixed();
    }
  };

  return {
    kind: config.kind,
    active,
    async forModel(model) {
      if (model.startsWith('builtin-')) return loadBuiltin(model);
      if (config.kind === 'transformers' || config.kind === 'openai') {
        const embedder = await loadFixed();
        if (embedder.model === model) return embedder;
      }
      return null;
    },
  };
}

async function makeFixed(config: EmbedderConfig): Promise<Embedder> {
  if (config.kind === 'transformers' && config.transformersModelDir)
    return TransformersEmbedder.load(config.transformersModelDir, { batchSize: config.batchSize });
  if (config.kind === 'openai' && config.openai)
    return new OpenAiEmbedder({
      ...config.openai,
      batchSize: config.batchSize,
      timeoutMs: config.timeoutSeconds * 1000,
      maxRetries: config.maxRetries,
    });
  throw new Error(`no settings for the ${config.kind} embedder`);
}
