// Builds sample/hf-daily-papers.jsonl.gz, the dataset `paperboy serve` loads into an empty catalogue,
// from a folder of Hugging Face daily_papers responses (one YYYY-MM-DD.json per day).
//
//   npx tsx scripts/build-sample.ts --from PATH/TO/hf-daily-papers/daily [--days 180]
//
// It keeps the days within --days of the newest one, and of each entry only the fields paperboy
// reads (still a valid daily_papers entry), one entry per line, gzipped: about a tenth of the size.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const { values } = parseArgs({
  options: { from: { type: 'string' }, days: { type: 'string', default: '180' } },
});
if (!values.from) {
  console.error('usage: tsx scripts/build-sample.ts --from DIR [--days N]');
  process.exit(2);
}
const dir = values.from;
const days = Number(values.days);
const files = readdirSync(dir)
  .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
  .sort();
const newest = files.at(-1)?.slice(0, 10);
if (!newest) throw new Error(`no YYYY-MM-DD.json files in ${dir}`);
const oldest = new Date(Date.parse(`${newest}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

type Json = Record<string, unknown>;
const pick = (o: unknown, keys: string[]): Json | undefined => {
  if (!o || typeof o !== 'object') return undefined;
  const out: Json = {};
  for (const k of keys) if ((o as Json)[k] !== undefined) out[k] = (o as Json)[k];
  return out;
};

const lines: string[] = [];
for (const file of files.filter((f) => f.slice(0, 10) >= oldest)) {
  const day = file.slice(0, 10);
  const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
  if (!Array.isArray(entries)) throw new Error(`${file}: expected a JSON array of entries`);
  for (const e of entries as Json[]) {
    const paper = e.paper as Json;
    const compact = {
      paper: {
        ...pick(paper, [
          'id',
          'publishedAt',
          'title',
          'summary',
          'upvotes',
          'githubRepo',
          'githubStars',
          'projectPage',
          'ai_summary',
          'ai_keywords',
        ]),
        // The day the entry belongs to, explicit on every line (a JSON Lines file has no file-name date).
        submittedOnDailyAt: paper.submittedOnDailyAt ?? `${day}T00:00:00.000Z`,
        authors: (paper.authors as Json[]).map((a) => pick(a, ['name', 'hidden'])),
        organization: pick(paper.organization, ['name', 'fullname']),
      },
      ...pick(e, ['publishedAt', 'title', 'thumbnail', 'numComments']),
      submittedBy: pick(e.submittedBy, ['name', 'fullname', 'avatarUrl']),
      organization: pick(e.organization, ['name', 'fullname']),
    };
    lines.push(JSON.stringify(compact));
  }
}
const out = new URL('../sample/hf-daily-papers.jsonl.gz', import.meta.url);
const gz = gzipSync(lines.join('\n') + '\n', { level: 9 });
writeFileSync(out, gz);
console.log(`wrote ${lines.length} entries from ${oldest} to ${newest} (${(gz.length / 1e6).toFixed(2)} MB)`);
