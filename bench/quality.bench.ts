// Retrieval quality of keyword-only, vector-only and hybrid search, on SciFact (BEIR's test split:
// 300 claims, 339 judged documents) and on our ML development set (bench/dev-set/), printed beside the
// published BM25 reference. Candidates for the builtin model and the fusion weight are compared and
// chosen on SciFact's *train* claims only; the test claims and the dev set are scored once, at the end.
//   npx tsx bench/quality.bench.ts --scifact PATH/TO/scifact.zip [--dim 256] [--candidates]
//     [--distractors PATH/TO/arxiv-daily-listings]
// Both corpora are small enough for the exact vector scan the product uses below 10k papers. With
// --distractors, both query sets are also scored at catalogue size: SciFact, the sample and the arXiv
// listings in one corpus (~82k papers, one builtin model trained on it), with the exact scan and with
// the approximate index the product serves at that size, to show what the approximation costs.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BuiltinEmbedder } from '../src/search/embeddings/builtin.embedder.js';
import { LSA_DEFAULTS, trainLsa } from '../src/search/embeddings/lsa.trainer.js';
import type { TermModel } from '../src/search/embeddings/term-model.js';
import { type Doc, KeywordSide, productFusion, scoreFusion, VectorSide } from './quality/corpus.js';
import { loadDevSet, loadSample } from './quality/dev-set.js';
import { type EvalSet, evaluate, type Scores } from './quality/metrics.js';
import { trainPpmiSif } from './quality/ppmi-sif.trainer.js';
import { loadListings } from './quality/listings.js';
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
    distractors: { type: 'string' },
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

if (values.distractors) {
  // Catalogue size: one corpus of SciFact, the sample and the listings, one model trained on it.
  const known = new Set([...sfDocs, ...sample].map((d) => d.id));
  const big: Doc[] = [
    ...sfDocs,
    ...sample,
    ...loadListings(values.distractors).filter((d) => !known.has(d.id)),
  ];
  const [bigModel, bigSeconds] = timed(() =>
    trainLsa(
      big.map((d) => `${d.title}\n\n${d.abstract}`),
      { dim },
    ),
  );
  const b = await setup(big, bigModel);
  const t = performance.now();
  const ivf = await b.vectors.buildApproximate();
  const ivfSeconds = (performance.now() - t) / 1000;
  const agree = { k10: 0, k100: 0, n10: 0, n100: 0 };
  const score = async (set: EvalSet) => {
    const lists = async (q: string) => {
      const kw = b.keyword.search(q);
      const qv = await b.vectors.query(q);
      const exact = b.vectors.search(qv);
      const approximate = b.vectors.searchApproximate(qv, kw);
      const alone = b.vectors.searchApproximate(qv);
      for (const k of [10, 100] as const) {
        const got = new Set(alone.slice(0, k).map((h) => h.paperId));
        for (const h of exact.slice(0, k)) {
          agree[k === 10 ? 'n10' : 'n100']++;
          if (got.has(h.paperId)) agree[k === 10 ? 'k10' : 'k100']++;
        }
      }
      return { kw, exact, approximate, alone };
    };
    const cache = new Map<string, Awaited<ReturnType<typeof lists>>>();
    const get = async (q: string) => {
      let r = cache.get(q);
      if (!r) cache.set(q, (r = await lists(q)));
      return r;
    };
    return {
      keyword: await evaluate(set, async (q) =>
        ids(
          big,
          (await get(q)).kw.map((h) => h.paperId),
        ),
      ),
      vectorExact: await evaluate(set, async (q) =>
        ids(
          big,
          (await get(q)).exact.map((h) => h.paperId),
        ),
      ),
      vectorApproximate: await evaluate(set, async (q) =>
        ids(
          big,
          (await get(q)).alone.map((h) => h.paperId),
        ),
      ),
      hybridExact: await evaluate(set, async (q) => {
        const r = await get(q);
        return ids(big, productFusion(r.kw, r.exact, 'score'));
      }),
      hybridApproximate: await evaluate(set, async (q) => {
        const r = await get(q);
        return ids(big, productFusion(r.kw, r.approximate, 'score'));
      }),
    };
  };
  const sfBig = await score(scifact.test);
  const devBig = await score(dev);
  console.log(
    `\nat catalogue size: ${big.length} papers (SciFact, the sample, the arXiv listings); builtin model trained in ${bigSeconds.toFixed(0)} s (${bigModel.vocab.length} words); approximate index: ${ivf.listCount} lists, built in ${ivfSeconds.toFixed(1)} s`,
  );
  console.log(
    table([
      ['', 'SciFact nDCG@10', 'SciFact R@100', 'dev nDCG@10', 'dev R@100'],
      ['keyword-only', ...fmt(sfBig.keyword), ...fmt(devBig.keyword)],
      ['vector-only, exact scan', ...fmt(sfBig.vectorExact), ...fmt(devBig.vectorExact)],
      ['vector-only, approximate index', ...fmt(sfBig.vectorApproximate), ...fmt(devBig.vectorApproximate)],
      ['hybrid (score fusion), exact scan', ...fmt(sfBig.hybridExact), ...fmt(devBig.hybridExact)],
      [
        'hybrid (score fusion), approximate index',
        ...fmt(sfBig.hybridApproximate),
        ...fmt(devBig.hybridApproximate),
      ],
    ]),
  );
  console.log(
    `approximate vector list vs exact, over both query sets: recall@10 ${(agree.k10 / agree.n10).toFixed(3)}, recall@100 ${(agree.k100 / agree.n100).toFixed(3)}`,
  );
}
