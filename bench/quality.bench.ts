// Retrieval quality of keyword-only, vector-only and hybrid search, every candidate in one run, on
// SciFact (BEIR's test split: 300 claims, 339 judged documents) and two development sets over the
// bundled sample (bench/dev-set/): paraphrased topics and descriptions of papers in other words.
//   npx tsx bench/quality.bench.ts --scifact PATH/TO/scifact.zip [--listings PATH/TO/arxiv-daily-listings]
// The protocol (docs/search-quality.md): every choice (builtin model, fusion weight, feedback and
// re-rank settings) is made on SciFact's 809 *train* claims; the test claims are scored once per
// final candidate; the two dev sets are reported, never tuned on. Models for the dev sets are
// trained on the sample, the catalogue they search. With --listings, the same at catalogue size:
// SciFact, the sample and the arXiv listings in one corpus (~81k papers), one model of each kind
// trained on it (timed), searched exactly and through the approximate index, and the sample searched
// with the catalogue-trained models.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BuiltinEmbedder } from '../src/search/embeddings/builtin.embedder.js';
import { dualSteps } from '../src/search/embeddings/dual.trainer.js';
import { trainLsa } from '../src/search/embeddings/lsa.trainer.js';
import type { TermModel } from '../src/search/embeddings/term-model.js';
import { fuse } from '../src/search/fusion.js';
import { runSteps } from '../src/search/math/steps.js';
import { dot } from '../src/search/math/vectors.js';
import {
  type Doc,
  type Hit,
  KeywordSide,
  nearestWords,
  productFusion,
  scoreFusion,
  VectorSide,
} from './quality/corpus.js';
import { loadDevSet, loadSample } from './quality/dev-set.js';
import { type EvalSet, evaluate, type Scores } from './quality/metrics.js';
import { trainPpmiSif } from './quality/ppmi-sif.trainer.js';
import { loadListings } from './quality/listings.js';
import { loadSciFact } from './quality/scifact.js';
import { summarize, table } from './lib.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const { values } = parseArgs({
  options: {
    scifact: { type: 'string' },
    sample: { type: 'string', default: here('../sample/hf-daily-papers.jsonl.gz') },
    dev: { type: 'string', default: here('./dev-set/ml-queries.json') },
    dev2: { type: 'string', default: here('./dev-set/ml-descriptions.json') },
    dim: { type: 'string', default: '256' },
    listings: { type: 'string' },
  },
});
if (!values.scifact) throw new Error('give --scifact PATH/TO/scifact.zip');
const dim = Number(values.dim);
const LAMBDAS = [0.1, 0.3, 0.5, 0.7, 1, 1.5];
const RM3 = [
  { docs: 5, terms: 10, beta: 0.2 },
  { docs: 10, terms: 10, beta: 0.2 },
  { docs: 10, terms: 20, beta: 0.2 },
  { docs: 10, terms: 20, beta: 0.5 },
];
const RERANK = [0.05, 0.1, 0.2, 0.4];
/** Expansion by the dual model's nearest words: k words per query word, weight β × cosine, cosine ≥ 0.3. */
const EXPAND = [
  { k: 2, beta: 0.1 },
  { k: 2, beta: 0.3 },
  { k: 5, beta: 0.1 },
];
const RERANK_DEPTH = 30;
const BM25_REFERENCE = 0.665;

const fmt = (s: Scores) => [s.ndcg10.toFixed(3), s.recall100.toFixed(3)];
const text = (d: Doc) => `${d.title}\n\n${d.abstract}`;
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, (performance.now() - t) / 1000];
};

interface Trainer {
  name: string;
  train: (texts: string[], lsa: TermModel) => TermModel;
}
const TRAINERS: Trainer[] = [
  { name: `LSA ${dim} (the earlier default)`, train: (_t, lsa) => lsa },
  { name: `PPMI-SVD word vectors ${dim} + SIF`, train: (t) => trainPpmiSif(t, { dim }) },
  { name: `dual encoder ${dim} from LSA`, train: (t, lsa) => runSteps(dualSteps(t, { dim, init: lsa })) },
];

/** One corpus searched by every method: keyword, one vector side per trainer, title vectors for re-ranking. */
class Setup {
  readonly keyword: KeywordSide;
  readonly vectors: VectorSide[] = [];
  readonly titles: Float32Array[][] = [];
  readonly seconds: number[] = [];
  readonly words: number[] = [];
  readonly models: TermModel[] = [];
  private readonly cache = new Map<string, { kw: Hit[]; qv: Float32Array[]; vec: Hit[][] }>();

  private constructor(readonly docs: Doc[]) {
    this.keyword = new KeywordSide(docs);
  }

  static async build(docs: Doc[], trainers = TRAINERS): Promise<Setup> {
    const s = new Setup(docs);
    const texts = docs.map(text);
    const [lsa, lsaSeconds] = timed(() => trainLsa(texts, { dim }));
    for (const t of trainers) {
      const [model, seconds] = timed(() => t.train(texts, lsa));
      s.seconds.push(seconds + (t.name.startsWith('LSA') || t.name.startsWith('dual') ? lsaSeconds : 0));
      s.words.push(model.vocab.length);
      s.models.push(model);
      const embedder = new BuiltinEmbedder(model);
      s.vectors.push(await VectorSide.build(embedder, docs));
      s.titles.push(await embedder.embed(docs.map((d) => d.title)));
    }
    return s;
  }

  ids(ranked: readonly number[]): string[] {
    return ranked.map((i) => (this.docs[i] as Doc).id);
  }

  async lists(q: string) {
    let r = this.cache.get(q);
    if (!r) {
      const qv = await Promise.all(this.vectors.map((v) => v.query(q)));
      r = {
        kw: this.keyword.search(q),
        qv,
        vec: this.vectors.map((v, i) => v.search(qv[i] as Float32Array)),
      };
      this.cache.set(q, r);
    }
    return r;
  }

  keywordOnly = (set: EvalSet) =>
    evaluate(set, async (q) => this.ids((await this.lists(q)).kw.map((h) => h.paperId)));
  rm3 = (set: EvalSet, o: (typeof RM3)[number]) =>
    evaluate(set, (q) => this.ids(this.keyword.searchWith(q, o).map((h) => h.paperId)));
  private near = new Map<string, (word: string) => { word: string; sim: number }[]>();
  expanded = (set: EvalSet, m: number, o: (typeof EXPAND)[number]) => {
    const key = `${m}:${o.k}`;
    let near = this.near.get(key);
    if (!near) this.near.set(key, (near = nearestWords(this.models[m] as TermModel, o.k, 0.3)));
    const related = { near, beta: o.beta };
    return evaluate(set, (q) => this.ids(this.keyword.searchWith(q, null, related).map((h) => h.paperId)));
  };
  vectorOnly = (set: EvalSet, m: number) =>
    evaluate(set, async (q) => this.ids(((await this.lists(q)).vec[m] as Hit[]).map((h) => h.paperId)));
  /** The product's score fusion (src/search/fusion.ts), λ = 0.3. */
  hybrid = (set: EvalSet, m: number) =>
    evaluate(set, async (q) => {
      const r = await this.lists(q);
      return this.ids(productFusion(r.kw, r.vec[m] as Hit[], 'score'));
    });
  /** Score fusion with another λ over the union of both lists (the tuning of the product's 0.3). */
  hybridLambda = (set: EvalSet, m: number, lambda: number) =>
    evaluate(set, async (q) => {
      const r = await this.lists(q);
      const side = this.vectors[m] as VectorSide;
      return this.ids(scoreFusion(r.kw, r.vec[m] as Hit[], r.qv[m] as Float32Array, side.vectors, lambda));
    });
  /** Hybrid, then the top RERANK_DEPTH re-scored with μ × the query's cosine to the title alone. */
  hybridRerank = (set: EvalSet, m: number, mu: number) =>
    evaluate(set, async (q) => {
      const r = await this.lists(q);
      const fused = fuse(r.kw, r.vec[m] as Hit[], [], 'score');
      const qv = r.qv[m] as Float32Array;
      const titles = this.titles[m] as Float32Array[];
      const head = fused
        .slice(0, RERANK_DEPTH)
        .map((f) => ({ id: f.paperId, s: f.parts.fused + mu * dot(qv, titles[f.paperId] as Float32Array) }))
        .sort((a, b) => b.s - a.s || a.id - b.id)
        .map((x) => x.id);
      return this.ids([...head, ...fused.slice(RERANK_DEPTH).map((f) => f.paperId)]);
    });
}

const scifact = loadSciFact(values.scifact);
const sample = loadSample(values.sample);
const dev = loadDevSet(values.dev);
const dev2 = loadDevSet(values.dev2);
const judgements = (s: EvalSet) => s.reduce((n, q) => n + q.relevant.length, 0);
console.log(
  `SciFact: ${scifact.docs.length} abstracts, ${scifact.test.length} test claims (${judgements(scifact.test)} judgements), ${scifact.train.length} train claims`,
);
console.log(
  `dev sets over ${sample.length} papers of the sample: paraphrased topics ${dev.length} queries (${judgements(dev)} judgements), descriptions ${dev2.length} queries (${judgements(dev2)} judgements)\n`,
);

const sf = await Setup.build(scifact.docs);
const sm = await Setup.build(sample);

// ---- choosing, on SciFact train claims only ----
const choose: string[][] = [['on SciFact train claims', 'nDCG@10', 'R@100', 'train s (5k)']];
const kwTrain = await sf.keywordOnly(scifact.train);
choose.push(['keyword-only', ...fmt(kwTrain), '']);
let bestRm3 = { o: RM3[0] as (typeof RM3)[number], ndcg: -1 };
for (const o of RM3) {
  const r = await sf.rm3(scifact.train, o);
  choose.push([`keyword + RM3 (${o.docs} docs, ${o.terms} terms, β ${o.beta})`, ...fmt(r), '']);
  if (r.ndcg10 > bestRm3.ndcg) bestRm3 = { o, ndcg: r.ndcg10 };
}
let bestExpand = { o: EXPAND[0] as (typeof EXPAND)[number], ndcg: -1 };
for (const o of EXPAND) {
  const r = await sf.expanded(scifact.train, TRAINERS.length - 1, o);
  choose.push([`keyword + the dual model's ${o.k} nearest words, β ${o.beta}`, ...fmt(r), '']);
  if (r.ndcg10 > bestExpand.ndcg) bestExpand = { o, ndcg: r.ndcg10 };
}
const lambdaOf: number[] = [];
for (let m = 0; m < TRAINERS.length; m++) {
  const name = (TRAINERS[m] as Trainer).name;
  choose.push([
    `vector-only, ${name}`,
    ...fmt(await sf.vectorOnly(scifact.train, m)),
    (sf.seconds[m] as number).toFixed(1),
  ]);
  let best = { lambda: 0.3, ndcg: -1 };
  for (const lambda of LAMBDAS) {
    const r = await sf.hybridLambda(scifact.train, m, lambda);
    choose.push([`hybrid, ${name}, λ ${lambda}`, ...fmt(r), '']);
    if (r.ndcg10 > best.ndcg) best = { lambda, ndcg: r.ndcg10 };
  }
  lambdaOf.push(best.lambda);
}
const dualIndex = TRAINERS.length - 1;
let bestMu = { mu: RERANK[0] as number, ndcg: -1 };
for (const mu of RERANK) {
  const r = await sf.hybridRerank(scifact.train, dualIndex, mu);
  choose.push([`hybrid, dual, re-ranked top ${RERANK_DEPTH} + ${mu} × title cosine`, ...fmt(r), '']);
  if (r.ndcg10 > bestMu.ndcg) bestMu = { mu, ndcg: r.ndcg10 };
}
console.log(`${table(choose)}\n`);
console.log(
  `chosen on train: RM3 ${JSON.stringify(bestRm3.o)}; nearest words ${JSON.stringify(bestExpand.o)}; λ ${lambdaOf.join(' / ')} (${TRAINERS.map((t) => t.name).join(' / ')}); re-rank μ ${bestMu.mu}\n`,
);

// ---- scored once: SciFact test claims and both dev sets ----
const rows = [
  ['', 'SciFact nDCG@10', 'R@100', 'dev nDCG@10', 'R@100', 'descriptions nDCG@10', 'R@100'],
  ['BM25, published (BEIR)', BM25_REFERENCE.toFixed(3), '—', '—', '—', '—', '—'],
];
const all = async (f: (s: Setup, set: EvalSet) => Promise<Scores>) => [
  ...fmt(await f(sf, scifact.test)),
  ...fmt(await f(sm, dev)),
  ...fmt(await f(sm, dev2)),
];
rows.push(['keyword-only', ...(await all((s, set) => s.keywordOnly(set)))]);
rows.push([`keyword + RM3 (best on train)`, ...(await all((s, set) => s.rm3(set, bestRm3.o)))]);
rows.push([
  `keyword + nearest words (best on train)`,
  ...(await all((s, set) => s.expanded(set, TRAINERS.length - 1, bestExpand.o))),
]);
for (let m = 0; m < TRAINERS.length; m++)
  rows.push([
    `vector-only, ${(TRAINERS[m] as Trainer).name}`,
    ...(await all((s, set) => s.vectorOnly(set, m))),
  ]);
for (let m = 0; m < TRAINERS.length; m++) {
  rows.push([
    `hybrid (product score fusion, λ 0.3), ${(TRAINERS[m] as Trainer).name}`,
    ...(await all((s, set) => s.hybrid(set, m))),
  ]);
  const lambda = lambdaOf[m] as number;
  if (lambda !== 0.3)
    rows.push([
      `hybrid (λ ${lambda}, tuned on train), ${(TRAINERS[m] as Trainer).name}`,
      ...(await all((s, set) => s.hybridLambda(set, m, lambda))),
    ]);
}
rows.push([
  `hybrid, dual, re-ranked (μ ${bestMu.mu})`,
  ...(await all((s, set) => s.hybridRerank(set, dualIndex, bestMu.mu))),
]);
console.log(table(rows));
console.log(
  `\nmodels on the sample (${sample.length} papers), training s: ${TRAINERS.map((t, m) => `${t.name} ${(sm.seconds[m] as number).toFixed(1)}`).join(', ')}`,
);

if (values.listings) {
  // ---- catalogue size ----
  const known = new Set([...scifact.docs, ...sample].map((d) => d.id));
  const big: Doc[] = [
    ...scifact.docs,
    ...sample,
    ...loadListings(values.listings).filter((d) => !known.has(d.id)),
  ];
  const texts = big.map(text);
  const [lsa, lsaSeconds] = timed(() => trainLsa(texts, { dim }));
  const [dual, dualSeconds] = timed(() => runSteps(dualSteps(texts, { dim, init: lsa })));
  const rssMb = process.memoryUsage().rss / 1e6;
  console.log(
    `\nat catalogue size: ${big.length} papers; LSA trained in ${lsaSeconds.toFixed(0)} s, the dual encoder in ${(lsaSeconds + dualSeconds).toFixed(0)} s (LSA ${lsaSeconds.toFixed(0)} + contrastive ${dualSeconds.toFixed(0)}); process RSS ${rssMb.toFixed(0)} MB`,
  );
  const out = [['', 'SciFact nDCG@10', 'R@100', 'dev nDCG@10', 'R@100', 'descriptions nDCG@10', 'R@100']];
  const keyword = new KeywordSide(big);
  const bigIds = (ranked: readonly number[]) => ranked.map((i) => (big[i] as Doc).id);
  const kwAll = async (set: EvalSet) => evaluate(set, (q) => bigIds(keyword.search(q).map((h) => h.paperId)));
  out.push([
    'keyword-only',
    ...fmt(await kwAll(scifact.test)),
    ...fmt(await kwAll(dev)),
    ...fmt(await kwAll(dev2)),
  ]);
  const latency: string[] = [];
  for (const [name, model] of [
    ['LSA', lsa],
    ['dual', dual],
  ] as const) {
    const side = await VectorSide.build(new BuiltinEmbedder(model), big);
    await side.buildApproximate();
    const score = async (
      set: EvalSet,
      how: 'exact' | 'approximate' | 'hybrid exact' | 'hybrid approximate',
    ) =>
      evaluate(set, async (q) => {
        const qv = await side.query(q);
        if (how === 'exact') return bigIds(side.search(qv).map((h) => h.paperId));
        if (how === 'approximate') return bigIds(side.searchApproximate(qv).map((h) => h.paperId));
        const kw = keyword.search(q);
        const vec = how === 'hybrid exact' ? side.search(qv) : side.searchApproximate(qv, kw);
        return bigIds(productFusion(kw, vec, 'score'));
      });
    for (const how of ['exact', 'approximate', 'hybrid exact', 'hybrid approximate'] as const)
      out.push([
        `${how.startsWith('hybrid') ? how.replace('hybrid', 'hybrid,') : `vector-only, ${how}`}, ${name}`,
        ...fmt(await score(scifact.test, how)),
        ...fmt(await score(dev, how)),
        ...fmt(await score(dev2, how)),
      ]);
    // What a search pays for meaning: embedding the query and the approximate vector search.
    const samples: number[] = [];
    for (const q of [...dev, ...dev2, ...scifact.test.slice(0, 100)]) {
      const t = performance.now();
      side.searchApproximate(await side.query(q.query));
      samples.push(performance.now() - t);
    }
    const s = summarize(samples);
    latency.push(
      `${name}: query embedding + approximate search p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`,
    );
  }
  console.log(table(out));
  console.log(latency.join('\n'));

  // The sample searched with models trained on the whole catalogue: what an operator with 81k papers gets.
  const onSample: string[][] = [
    ['the sample, catalogue-trained models', 'dev nDCG@10', 'R@100', 'descriptions nDCG@10', 'R@100'],
  ];
  for (const [name, model] of [
    ['LSA', lsa],
    ['dual', dual],
  ] as const) {
    const side = await VectorSide.build(new BuiltinEmbedder(model), sample);
    const ids = (ranked: readonly number[]) => ranked.map((i) => (sample[i] as Doc).id);
    const vec = (set: EvalSet) =>
      evaluate(set, async (q) => ids(side.search(await side.query(q)).map((h) => h.paperId)));
    const hyb = (set: EvalSet) =>
      evaluate(set, async (q) =>
        ids(productFusion(sm.keyword.search(q), side.search(await side.query(q)), 'score')),
      );
    onSample.push([`vector-only, ${name}`, ...fmt(await vec(dev)), ...fmt(await vec(dev2))]);
    onSample.push([`hybrid, ${name}`, ...fmt(await hyb(dev)), ...fmt(await hyb(dev2))]);
  }
  console.log(`\n${table(onSample)}`);
}
