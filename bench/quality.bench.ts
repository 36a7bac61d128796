// Retrieval quality of keyword-only, vector-only and hybrid search, on SciFact (BEIR's test split:
// 300 claims, 339 judged documents) and on our ML development set (bench/dev-set/), printed beside the
// published BM25 reference. Candidates for the builtin model and the fusion weight are compared and
// chosen on SciFact's *train* claims only; the test claims and the dev set are scored once, at the end.
//   npx tsx bench/quality.bench.ts --scifact PATH/TO/scifact.zip [--dim 256] [--candidates]
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BuiltinEmbedder } from '../src/search/embeddings/builtin.embedder.js';
import { LSA_DEFAULTS, trainLsa } from '../src/search/embeddings/lsa.trainer.js';
import type { TermModel } from '../src/search/embeddings/term-model.js';
import { type Doc, KeywordSide, productFusion, scoreFusion, VectorSide } from './quality/corpus.js';
import { loadDevSet, loadSample } from './quality/dev-set.js';
import { type EvalSet, evaluate, type Scores } from './quality/metrics.js';
import { trainPpmiSif } from './quality/ppmi-sif.trainer.js';
import { loadSciFact } from './quality/scifact.js';
import { table } from './lib.js';

const { values } = parseArgs({
  options: {
    scifact: { type: 'string' },
    sample: {
      type: 'string',
      default: fileURLToPath(new URL('../sample/hf-daily-papers.jsonl.gz', import.meta.url)),
    },
    dev: { type: 'string', default: fileURLToPath(new URL('./dev-set/ml-queries.json', import.meta.url)) },
    dim: { type: 'string', default: '256' },
    candidates: { type: 'boolean' },
  },
});
if (!values.scifact) throw new Error('give --scifact PATH/TO/scifact.zip');
const dim = Number(values.dim);
const LAMBDAS = [0.1, 0.2, 0.3, 0.5, 0.7, 1];
const BM25_REFERENCE = 0.665;

const fmt = (s: Scores) => [s.ndcg10.toFixed(3), s.recall100.toFixed(3)];
const ids = (docs: readonly Doc[], ranked: number[]) => ranked.map((i) => (docs[i] as Doc).id);

interface Setup {
  docs: Doc[];
  keyword: KeywordSide;
  vectors: VectorSide;
}

async function setup(docs: Doc[], model: TermModel): Promise<Setup> {
  return {
    docs,
    keyword: new KeywordSide(docs),
    vectors: await VectorSide.build(new BuiltinEmbedder(model), docs),
  };
}

async function scoreAll(s: Setup, set: EvalSet, lambda: number) {
  const ranked = async (q: string) => {
    const kw = s.keyword.search(q);
    const qv = await s.vectors.query(q);
    const vec = s.vectors.search(qv);
    return { kw, vec, qv };
  };
  const cache = new Map<string, Awaited<ReturnType<typeof ranked>>>();
  const get = async (q: string) =>
    cache.get(q) ?? (cache.set(q, await ranked(q)), cache.get(q) as Awaited<ReturnType<typeof ranked>>);
  return {
    keyword: await evaluate(set, async (q) =>
      ids(
        s.docs,
        (await get(q)).kw.map((h) => h.paperId),
      ),
    ),
    vector: await evaluate(set, async (q) =>
      ids(
        s.docs,
        (await get(q)).vec.map((h) => h.paperId),
      ),
    ),
    rrf: await evaluate(set, async (q) => {
      const r = await get(q);
      return ids(s.docs, productFusion(r.kw, r.vec, 'rrf'));
    }),
    productScore: await evaluate(set, async (q) => {
      const r = await get(q);
      return ids(s.docs, productFusion(r.kw, r.vec, 'score'));
    }),
    fused: await evaluate(set, async (q) => {
      const r = await get(q);
      return ids(s.docs, scoreFusion(r.kw, r.vec, r.qv, s.vectors.vectors, lambda));
    }),
  };
}

/** The λ of score fusion with the best nDCG@10 on a tuning set. */
async function tuneLambda(s: Setup, set: EvalSet): Promise<{ lambda: number; rows: string[][] }> {
  let best = { lambda: LAMBDAS[0] as number, ndcg: -1 };
  const rows: string[][] = [];
  for (const lambda of LAMBDAS) {
    const r = await evaluate(set, async (q) => {
      const qv = await s.vectors.query(q);
      return ids(
        s.docs,
        scoreFusion(s.keyword.search(q), s.vectors.search(qv), qv, s.vectors.vectors, lambda),
      );
    });
    rows.push([`λ = ${lambda}`, ...fmt(r)]);
    if (r.ndcg10 > best.ndcg) best = { lambda, ndcg: r.ndcg10 };
  }
  return { lambda: best.lambda, rows };
}

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, (performance.now() - t) / 1000];
};

const scifact = loadSciFact(values.scifact);
const sfDocs: Doc[] = scifact.docs;
const sfTexts = sfDocs.map((d) => `${d.title}\n\n${d.abstract}`);
const sample = loadSample(values.sample);
const sampleTexts = sample.map((d) => `${d.title}\n\n${d.abstract}`);
const dev = loadDevSet(values.dev);
console.log(
  `SciFact: ${sfDocs.length} abstracts, ${scifact.test.length} test claims (${scifact.test.reduce((n, q) => n + q.relevant.length, 0)} judgements), ${scifact.train.length} train claims`,
);
console.log(
  `ML dev set: ${dev.length} queries (${dev.reduce((n, q) => n + q.relevant.length, 0)} judgements) over ${sample.length} papers of the sample`,
);
console.log(
  'keyword-only: the product index (src/search/lexical, BM25F), every word first, any word when none match\n',
);

if (values.candidates) {
  // Builtin model candidates, vector-only, on SciFact train claims and the dev set.
  const candidates: { name: string; train: (texts: string[]) => TermModel }[] = [
    { name: `LSA ${dim}, Σ^0`, train: (t) => trainLsa(t, { dim, sigmaPower: 0 }) },
    { name: `LSA ${dim}, Σ^-0.5`, train: (t) => trainLsa(t, { dim, sigmaPower: -0.5 }) },
    { name: `LSA ${dim}, Σ^-1`, train: (t) => trainLsa(t, { dim, sigmaPower: -1 }) },
    { name: `PPMI-SVD word vectors ${dim} + SIF`, train: (t) => trainPpmiSif(t, { dim }) },
  ];
  const rows = [
    ['candidate (vector-only)', 'train s', 'SciFact train nDCG@10', 'R@100', 'dev nDCG@10', 'R@100'],
  ];
  for (const c of candidates) {
    const [model, seconds] = timed(() => c.train(sfTexts));
    const sf = await setup(sfDocs, model);
    const onTrain = await evaluate(scifact.train, async (q) =>
      ids(
        sfDocs,
        sf.vectors.search(await sf.vectors.query(q)).map((h) => h.paperId),
      ),
    );
    const devModel = c.train(sampleTexts);
    const d = await setup(sample, devModel);
    const onDev = await evaluate(dev, async (q) =>
      ids(
        sample,
        d.vectors.search(await d.vectors.query(q)).map((h) => h.paperId),
      ),
    );
    rows.push([c.name, seconds.toFixed(1), ...fmt(onTrain), ...fmt(onDev)]);
  }
  console.log(`${table(rows)}\n`);
}

// The product's builtin model, with its defaults.
const [sfModel, sfSeconds] = timed(() => trainLsa(sfTexts, { dim }));
const sf = await setup(sfDocs, sfModel);
const tuned = await tuneLambda(sf, scifact.train);
console.log(
  `score fusion weight, tuned on SciFact train claims (nDCG@10, R@100):\n${table(tuned.rows)}\n-> λ = ${tuned.lambda}\n`,
);

const sfScores = await scoreAll(sf, scifact.test, tuned.lambda);
const [devModel, devSeconds] = timed(() => trainLsa(sampleTexts, { dim }));
const devScores = await scoreAll(await setup(sample, devModel), dev, tuned.lambda);

const rows = [
  ['', 'SciFact nDCG@10', 'SciFact R@100', 'dev nDCG@10', 'dev R@100'],
  ['BM25, published (BEIR)', BM25_REFERENCE.toFixed(3), '—', '—', '—'],
  ['keyword-only', ...fmt(sfScores.keyword), ...fmt(devScores.keyword)],
  [`vector-only (builtin LSA ${dim})`, ...fmt(sfScores.vector), ...fmt(devScores.vector)],
  ['hybrid: RRF k=60 (src/search/fusion.ts)', ...fmt(sfScores.rrf), ...fmt(devScores.rrf)],
  [`hybrid: BM25/max + ${tuned.lambda}·cosine (union)`, ...fmt(sfScores.fused), ...fmt(devScores.fused)],
  [
    'hybrid: score fusion of src/search/fusion.ts',
    ...fmt(sfScores.productScore),
    ...fmt(devScores.productScore),
  ],
];
console.log(table(rows));
console.log(
  `\nbuiltin model: LSA, ${dim} dimensions, Σ^${LSA_DEFAULTS.sigmaPower}; trained in ${sfSeconds.toFixed(1)} s on SciFact (${sfModel.vocab.length} words), ${devSeconds.toFixed(1)} s on the sample (${devModel.vocab.length} words)`,
);
