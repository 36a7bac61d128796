// Benchmark of delivery: time to render and queue the digests of 10,000 subscribers, each with a
// topic alert of its own, in one run, beside baselines measured in the same run:
//   1. planning (match alerts, rank, render, write to the outbox)  vs  writing the same rows alone
//   2. matching 10,000 alerts on the index of new papers            vs  one catalogue search per alert
//
//   npx tsx bench/digests.bench.ts [--subscribers 10000] [--database URL] [--listings DIR --files N]
//
// The new papers are the bundled sample (about 3,000 real Hugging Face daily papers, all "new since
// the last digest"); --listings adds arXiv listing files as an older catalogue, so the per-alert
// search baseline searches a catalogue larger than the day's papers, as in production.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { words } from '../src/search/lexical/text.js';
import { AlertMatcher } from '../src/search/alerts/alert-matcher.js';
import { toIndexDocument } from '../src/services/search-index.service.js';
import { sampleFiles } from '../src/services/sample-data.service.js';
import { silentLogger } from '../src/lib/logger.js';
import { createStores, inTransaction } from '../src/stores/index.js';
import { openBenchDatabase } from './database.js';
import { ms, ratio, seededRandom, table } from './lib.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '10000' },
    database: { type: 'string' },
    listings: { type: 'string' },
    files: { type: 'string', default: '20' },
    'search-sample': { type: 'string', default: '500' },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const SEARCH_SAMPLE = Math.min(SUBSCRIBERS, Number(values['search-sample']));

const { db, url, drop } = await openBenchDatabase(values.database, 'digest-bench');
const config = { ...loadConfig({ PAPERBOY_DATABASE_URL: url }), baseUrl: 'https://papers.example.org' };
const now = new Date();
let at = new Date(now.getTime() - 30 * 86_400_000);
const clock = { now: () => new Date(at) };
const services = createServices(db, config, clock, silentLogger);
const stores = createStores(db.kysely, db.dialect);
const t = () => performance.now();

// ---- data: an older catalogue (optional), then the day's new papers ----
if (values.listings) {
  const files = readdirSync(values.listings)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()
    .slice(0, Number(values.files))
    .map((f) => join(values.listings as string, f));
  const old = await services.importer.importFiles(files);
  console.log(`older catalogue: ${old.new} papers from ${files.length} listing files`);
}
at = new Date(now.getTime() - 3_600_000);
const fresh = await services.importer.importFiles(sampleFiles());
at = now;
const newPapers = await stores.papers.listCreatedBetween(
  new Date(now.getTime() - 2 * 3_600_000).toISOString(),
  now.toISOString(),
  100_000,
);
console.log(`new papers: ${newPapers.length} (${fresh.featured} feed entries)`);

// ---- 10,000 subscribers, each with a distinct alert drawn from the new papers' titles ----
const random = seededRandom(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const alerts = new Set<string>();
const vocab = newPapers.map((p) => words(p.title).filter((w) => w.length > 3 && !/\d/.test(w)));
const categories = [...new Set(newPapers.flatMap((p) => p.categories.split(' ')).filter((c) => c))];
while (alerts.size < SUBSCRIBERS) {
  const title = pick(vocab);
  if (title.length < 2) continue;
  const kind = random();
  const a = pick(title);
  const b = pick(title);
  if (a === b) continue;
  alerts.add(
    kind < 0.6
      ? `${a} ${b}`
      : kind < 0.8
        ? `"${a} ${b}"`
        : kind < 0.9
          ? `${a} cat:${pick(categories)}`
          : `${a} ${b} -${pick(pick(vocab))}`,
  );
}
const hour = (now.getUTCHours() + 23) % 24;
const setupStarted = t();
const alertList = [...alerts];
for (let i = 0; i < SUBSCRIBERS; i += 1000) {
  await inTransaction(db, async (s) => {
    for (let k = i; k < Math.min(SUBSCRIBERS, i + 1000); k++) {
      const { row } = await s.subscriptions.insertIfAbsent(
        {
          email: `reader${k}@example.org`,
          userId: null,
          status: 'active',
          cadence: 'daily',
          skipWeekends: false,
          hour,
          timeZone: 'UTC',
          digest: true,
          // Due an hour ago, so every one of them is due now.
          nextDueAt: new Date(now.getTime() - 3_600_000).toISOString(),
          confirmedAt: new Date(now.getTime() - 2 * 86_400_000).toISOString(),
        },
        now.toISOString(),
      );
      await s.savedAlerts.insertIfAbsent(
        row.id,
        alertList[k] as string,
        alertList[k] as string,
        new Date(now.getTime() - 86_400_000).toISOString(),
        now.toISOString(),
      );
    }
  });
}
console.log(
  `set up ${SUBSCRIBERS} subscribers with distinct alerts in ${((t() - setupStarted) / 1000).toFixed(1)} s`,
);

// ---- 2. alert matching alone: ours vs one search per alert (a sample, extrapolated) ----
const matchStarted = t();
const matcher = new AlertMatcher(newPapers.map((p) => toIndexDocument(p)));
const built = t() - matchStarted;
let matched = 0;
for (const q of alertList) matched += matcher.match(q, 10, () => true).total > 0 ? 1 : 0;
const ours = t() - matchStarted;
await services.searchIndex.ready();
const searchStarted = t();
const since = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
for (const q of alertList.slice(0, SEARCH_SAMPLE))
  await services.search.search({ q, sort: 'date', limit: 10, offset: 0, from: since });
const perSearch = (t() - searchStarted) / SEARCH_SAMPLE;

// ---- 1. plan everything: match, rank, render, write to the outbox ----
const planStarted = t();
const plan = await services.delivery.digests.planDue();
const planned = t() - planStarted;
const size = await sql<{
  bytes: number;
}>`select sum(length(html) + length(text)) as bytes from outbox where kind = 'digest'`.execute(db.kysely);
const bytes = Number(size.rows[0]?.bytes ?? 0);

// Baseline: the same rows written to the outbox alone, in the same batches (then removed).
const rows = await db.kysely.selectFrom('outbox').selectAll().where('kind', '=', 'digest').execute();
const floorStarted = t();
for (let i = 0; i < rows.length; i += 50) {
  await inTransaction(db, async (s) => {
    for (const r of rows.slice(i, i + 50))
      await s.outbox.insertIfAbsent(
        {
          subscriptionId: r.subscription_id,
          kind: 'digest',
          periodKey: `floor:${r.period_key}`,
          to: r.to_address,
          subject: r.subject,
          html: r.html,
          text: r.text,
          headers: JSON.parse(r.headers) as Record<string, string>,
          tokenPurpose: 'manage',
          messageIdHost: 'papers.example.org',
        },
        now.toISOString(),
      );
  });
}
const floor = t() - floorStarted;

console.log(`\ndatabase: ${db.description}`);
console.log(
  table([
    ['measure', 'result', 'baseline (same run)', 'ratio'],
    [
      `plan ${plan.due} due digests (${plan.queued} written, ${plan.empty} empty)`,
      `${(planned / 1000).toFixed(2)} s, ${(plan.queued / (planned / 1000)).toFixed(0)} digests/s`,
      `outbox writes alone ${(floor / 1000).toFixed(2)} s`,
      `${ratio(planned, floor)} of the write floor`,
    ],
    ['per digest', ms(planned / Math.max(1, plan.queued)), ms(floor / Math.max(1, rows.length)), ''],
    [
      `match ${SUBSCRIBERS} alerts over ${matcher.size} new papers`,
      `${ms(ours)} (index build ${ms(built)}), ${matched} with matches`,
      `one search per alert: ${ms(perSearch)} each, ${ms(perSearch * SUBSCRIBERS)} for all (from ${SEARCH_SAMPLE})`,
      `${ratio(perSearch * SUBSCRIBERS, ours)} faster`,
    ],
    [
      'outbox size',
      `${(bytes / 1_048_576).toFixed(1)} MB, ${(bytes / Math.max(1, plan.queued) / 1024).toFixed(1)} KB a digest`,
      '',
      '',
    ],
  ]),
);

await drop();
