// The OpenAI-compatible embedder against a real HTTP server on loopback that answers like Ollama or
// TEI would, and misbehaves on demand.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { norm } from '../math/vectors.js';
import { EmbedderError } from './errors.js';
import { OpenAiEmbedder, type OpenAiEmbedderOptions } from './openai.embedder.js';

interface Seen {
  path: string;
  authorization: string | undefined;
  input: string[];
}

let server: Server;
let base: string;
const seen: Seen[] = [];
/** Statuses to answer with before answering normally; 'stall' never answers. */
let faults: (number | 'stall')[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; input: string[] };
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization, input: parsed.input });
      const fault = faults.shift();
      if (fault === 'stall') return;
      if (fault !== undefined) {
        res.writeHead(fault, {
          'content-type': 'application/json',
          ...(fault === 429 ? { 'retry-after': '0' } : {}),
        });
        res.end(
          JSON.stringify({ error: { message: fault === 401 ? 'Incorrect API key provided' : 'busy' } }),
        );
        return;
      }
      // Each text's vector: [length, 1, 2] unnormalized, returned in reverse order to check sorting by index.
      const data = parsed.input.map((t, index) => ({ index, embedding: [t.length, 1, 2] })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: parsed.model }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

beforeEach(() => {
  seen.length = 0;
  faults = [];
});

const make = (more: Partial<OpenAiEmbedderOptions> = {}) =>
  new OpenAiEmbedder({
    baseUrl: base,
    model: 'nomic-embed-text',
    dimensions: 3,
    batchSize: 2,
    backoffMs: 1,
    timeoutMs: 2000,
    ...more,
  });

test('posts batches to /v1/embeddings and returns unit vectors in input order', async () => {
  const embedder = make({ apiKey: 'sk-test' });
  assert.equal(embedder.model, 'openai:nomic-embed-text:3');
  const vectors = await embedder.embed(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
  assert.deepEqual(
    seen.map((s) => s.input),
    [['a', 'bb'], ['ccc', 'dddd'], ['eeeee']],
  );
  assert.equal(seen[0]?.path, '/v1/embeddings');
  assert.equal(seen[0]?.authorization, 'Bearer sk-test');
  vectors.forEach((v, i) => {
    assert.ok(Math.abs(norm(v) - 1) < 1e-6);
    assert.ok(Math.abs(v[0]! / v[1]! - (i + 1)) < 1e-5, 'the vector of text i');
  });
});

test('a base URL that already ends in /v1 is not doubled', async () => {
  await make({ baseUrl: `${base}/v1/` }).embed(['x']);
  assert.equal(seen[0]?.path, '/v1/embeddings');
});

test('retries 429 and 503 with backoff, then succeeds', async () => {
  faults = [429, 503];
  const [v] = await make().embed(['abc']);
  assert.equal(seen.length, 3);
  assert.ok(v);
});

test('gives up after the configured retries with the last status', async () => {
  faults = [503, 503, 503];
  await assert.rejects(
    make({ maxRetries: 2 }).embed(['abc']),
    (err) => err instanceof EmbedderError && /answered 503/.test(err.message),
  );
  assert.equal(seen.length, 3);
});

test('a 401 is not retried and names the API key setting', async () => {
  faults = [401];
  await assert.rejects(
    make().embed(['abc']),
    (err) =>
      err instanceof EmbedderError &&
      !err.retryable &&
      /PAPERBOY_OPENAI_API_KEY/.test(err.message) &&
      /Incorrect API key/.test(err.message),
  );
  assert.equal(seen.length, 1);
});

test('a request that does not answer in time times out and is retried', async () => {
  faults = ['stall'];
  const started = Date.now();
  const [v] = await make({ timeoutMs: 150 }).embed(['abc']);
  assert.ok(v);
  assert.equal(seen.length, 2);
  assert.ok(Date.now() - started >= 150);
});

test("the caller's abort ends at once, without retrying", async () => {
  faults = ['stall', 'stall'];
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('search gave up')), 50);
  await assert.rejects(make({ timeoutMs: 5000 }).embed(['abc'], controller.signal), /search gave up/);
  assert.equal(seen.length, 1);
});

test('a vector of the wrong dimension is refused', async () => {
  await assert.rejects(
    make({ dimensions: 4 }).embed(['abc']),
    /returned 3 dimensions; PAPERBOY_OPENAI_DIMENSIONS says 4/,
  );
});
