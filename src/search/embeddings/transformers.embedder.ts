// A local sentence-embedding model (ONNX) through @huggingface/transformers, an optional dependency:
// it is imported only when PAPERBOY_EMBEDDER=transformers, so paperboy runs without its ~475 MB.
// Remote downloads are off: the model directory must hold config.json, tokenizer.json and
// onnx/model.onnx (as exported by Optimum). One inference thread: this machine class has ~1 core.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Embedder } from '../contracts.js';
import { EmbedderError } from './errors.js';

/** The slice of @huggingface/transformers we use, typed here so the package stays optional at build time. */
interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; useFSCache?: boolean };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: { dtype: string; device: string; session_options: Record<string, unknown> },
  ): Promise<FeatureExtractor>;
}

type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'mean' | 'cls'; normalize: boolean },
) => Promise<{ data: Float32Array; dims: number[] }>;

const PACKAGE = '@huggingface/transformers';

export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly model: string,
    readonly dim: number,
    private readonly extract: FeatureExtractor,
    private readonly batchSize: number,
  ) {}

  /** Loads the model in `dir`; rejects with a clear message when the package or a file is missing. */
  static async load(dir: string, options: { batchSize?: number } = {}): Promise<TransformersEmbedder> {
    const path = resolve(dir);
    const onnx = join(path, 'onnx', 'model.onnx');
    for (const file of ['config.json', 'tokenizer.json', join('onnx', 'model.onnx')])
      if (!existsSync(join(path, file)))
        throw new EmbedderError(
          `${join(path, file)} is missing: PAPERBOY_TRANSFORMERS_MODEL_DIR must be an ONNX sentence-embedding model directory`,
        );
    let tf: TransformersModule;
    try {
      tf = (await import(PACKAGE)) as TransformersModule;
    } catch (err) {
      throw new EmbedderError(
        `PAPERBOY_EMBEDDER=transformers needs the optional package ${PACKAGE}: npm install ${PACKAGE}`,
        false,
        { cause: err },
      );
    }
    tf.env.allowRemoteModels = false;
    tf.env.allowLocalModels = true;
    const extract = await tf.pipeline('feature-extraction', path, {
      dtype: 'fp32',
      device: 'cpu',
      session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
    });
    const [probe] = await embedWith(extract, ['dimension probe']);
    if (!probe) throw new EmbedderError(`${path} produced no vector`);
    // The weights' hash names the model, so swapping files in the directory re-embeds the papers.
    const hash = await sha256File(onnx);
    return new TransformersEmbedder(
      `transformers:${basename(path)}@${hash.slice(0, 12)}`,
      probe.length,
      extract,
      options.batchSize ?? 16,
    );
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      signal?.throwIfAborted();
      out.push(...(await embedWith(this.extract, texts.slice(i, i + this.batchSize))));
    }
    signal?.throwIfAborted();
    return out;
  }
}

async function embedWith(extract: FeatureExtractor, texts: string[]): Promise<Float32Array[]> {
  const tensor = await extract(texts, { pooling: 'mean', normalize: true });
  const dim = tensor.dims.at(-1) ?? 0;
  return texts.map((_, i) => tensor.data.slice(i * dim, (i + 1) * dim));
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}
