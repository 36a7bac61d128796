// Any OpenAI-compatible embeddings endpoint: OpenAI itself, Ollama, vLLM, Hugging Face TEI, LocalAI.
// POST {base}/v1/embeddings with {model, input: [...]}; texts go in batches, each request has its own
// timeout, and 429 / 5xx / timeouts / dropped connections are retried with exponential backoff.
import { z } from 'zod';
import type { Embedder } from '../contracts.js';
import { normalizeInPlace } from '../math/vectors.js';
import { EmbedderError } from './errors.js';

export interface OpenAiEmbedderOptions {
  baseUrl: string;
  model: string;
  dimensions: number;
  apiKey?: string | null;
  batchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
  /** Wait before the first retry; doubles each time. */
  backoffMs?: number;
  /** Longest wait, including one asked for by Retry-After. */
  maxBackoffMs?: number;
}

const responseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

export class OpenAiEmbedder implements Embedder {
  readonly model: string;
  readonly dim: number;
  private readonly url: string;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.dim = options.dimensions;
    // The dimension is part of the name: the same model served truncated (Matryoshka) is another space.
    this.model = `openai:${options.model}:${options.dimensions}`;
    const base = options.baseUrl.replace(/\/+$/, '');
    this.url = base.endsWith('/v1') ? `${base}/embeddings` : `${base}/v1/embeddings`;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const size = this.options.batchSize ?? 32;
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size)
      out.push(...(await this.request(texts.slice(i, i + size), signal)));
    return out;
  }

  private async request(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const retries = this.options.maxRetries ?? 3;
    let wait = this.options.backoffMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      let failure: EmbedderError;
      let retryAfterMs: number | null = null;
      try {
        const res = await fetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: this.options.model, input, encoding_format: 'float' }),
          signal: withTimeout(signal, this.options.timeoutMs ?? 10_000),
        });
        if (res.ok) return this.parse(await res.json(), input.length);
        const body = (await res.text()).slice(0, 200);
        failure = statusError(res.status, body);
        const header = Number(res.headers.get('retry-after'));
        if (Number.isFinite(header) && header > 0) retryAfterMs = header * 1000;
      } catch (err) {
        // The caller's own abort ends at once; everything else here is a network fault or our timeout.
        if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : err;
        if (err instanceof EmbedderError) throw err;
        const timedOut = err instanceof Error && err.name === 'TimeoutError';
        failure = new EmbedderError(
          timedOut
            ? `the embedding endpoint did not answer within ${this.options.timeoutMs ?? 10_000} ms`
            : `the embedding endpoint could not be reached: ${err instanceof Error ? err.message : String(err)}`,
          true,
          { cause: err },
        );
      }
      if (!failure.retryable || attempt >= retries) throw failure;
      const maxWait = this.options.maxBackoffMs ?? 30_000;
      if (retryAfterMs !== null && retryAfterMs > maxWait) throw failure;
      await sleep(Math.min(retryAfterMs ?? wait, maxWait), signal);
      wait *= 2;
    }
  }

  private parse(json: unknown, expected: number): Float32Array[] {
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success)
      throw new EmbedderError('the embedding endpoint answered without a data array of embeddings');
    const data = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (data.length !== expected)
      throw new EmbedderError(`the embedding endpoint returned ${data.length} vectors for ${expected} texts`);
    return data.map((d) => {
      if (d.embedding.length !== this.dim)
        throw new EmbedderError(
          `the embedding endpoint returned ${d.embedding.length} dimensions; PAPERBOY_OPENAI_DIMENSIONS says ${this.dim}`,
        );
      // OpenAI's vectors are unit length; Ollama's and others' need not be.
      return normalizeInPlace(Float32Array.from(d.embedding)) as Float32Array;
    });
  }
}

function statusError(status: number, body: string): EmbedderError {
  if (status === 401 || status === 403)
    return new EmbedderError(
      `the embedding endpoint refused the request (${status}): check PAPERBOY_OPENAI_API_KEY. ${body}`.trim(),
    );
  const retryable = status === 429 || status >= 500;
  return new EmbedderError(`the embedding endpoint answered ${status}: ${body}`.trim(), retryable);
}

function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
