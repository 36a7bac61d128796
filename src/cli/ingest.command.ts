import { parseArgs } from 'node:util';
import { addDays, dayOf, daysBetween, isDay, parseIsoWeek } from '../domain/days.js';
import { createProgressBar, formatSeconds, type ProgressBar } from '../lib/progress.js';
import {
  type ArxivIdsSummary,
  HF_MAX_DAYS,
  IngestError,
  type IngestProgress,
  type IngestService,
  type IngestSummary,
  type OaiHarvestSummary,
} from '../services/ingest.service.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

const SHOWN_REJECTIONS = 20;

export const ingestCommand: Command = {
  name: 'ingest',
  help: `Usage: paperboy ingest arxiv --ids ID[,ID...] | --query QUERY [--max N]
                       | --oai --set SET [--from DAY] [--until DAY]
       paperboy ingest hf --date DAY | --from DAY [--until DAY] | --week YYYY-Www

Fetches papers from upstream and merges them into the catalogue, one page per transaction: a run
that stops half-way keeps the pages it finished, and running it again changes nothing that is
already there. Requests are spaced (PAPERBOY_ARXIV_MIN_INTERVAL_SECONDS, default 3 s for arXiv) and
retried with backoff on 429, 5xx, timeouts and dropped connections.

arXiv:
  --ids ID[,ID...]   papers by id, 100 per request: 2406.12345, 2406.12345v2 (that version),
                     hep-th/9901001; may be given more than once
  --query QUERY      an arXiv API search (e.g. "ti:diffusion AND cat:cs.CV"), best matches first
  --max N            how many search results to keep (default 100)
  --oai              harvest a set through OAI-PMH, incrementally:
  --set SET          the set (cs, math, physics:hep-th, ...)
  --from DAY         first day of changes to harvest (inclusive); without it, continue where the
                     last harvest of the set stopped (inside an interrupted one, or from its day)
  --until DAY        last day (inclusive; default: up to now)

Hugging Face daily papers (papers, upvotes, links, and their place on each day's feed):
  --date DAY         one day
  --from DAY         a range of days, up to --until DAY (default today), at most ${HF_MAX_DAYS}
  --week YYYY-Www    the seven days of an ISO week

Options:
  --json             print the summary as JSON on stdout
  --verbose          list every rejected record (default: the first ${SHOWN_REJECTIONS})
  -h, --help         show this help

Exit status: 0 when every page was ingested, 1 when a page failed (pages before it are kept) or
when another harvest of the set is running (a queued job, another run): one runs at a time.

Examples:
  paperboy ingest arxiv --ids 1706.03762,hep-th/9901001
  paperboy ingest arxiv --oai --set cs --from 2026-08-01
  paperboy ingest arxiv --oai --set cs            # daily, from cron: continues from the last run
  paperboy ingest hf --week 2026-W34`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        ids: { type: 'string', multiple: true },
        query: { type: 'string' },
        max: { type: 'string' },
        oai: { type: 'boolean' },
        set: { type: 'string' },
        from: { type: 'string' },
        until: { type: 'string' },
        date: { type: 'string' },
        week: { type: 'string' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const [source, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(' ')}"`);
    for (const name of ['from', 'until', 'date'] as const) {
      const day = values[name];
      if (day !== undefined && !isDay(day)) throw new UsageError(`--${name} must be a day like 2026-08-21`);
    }
    const task = source === 'arxiv' ? arxivTask(values) : source === 'hf' ? hfTask(values) : null;
    if (!task) throw new UsageError('say what to ingest: `ingest arxiv ...` or `ingest hf ...`');

    return withCliApp(async (ctx) => {
      const progress = values.json ? null : lazyProgressBar();
      try {
        const summary = await task(ctx.services.ingest, (p) => progress?.update(p));
        progress?.finish();
        if (values.json) console.log(JSON.stringify(summaryJson(summary), null, 2));
        else printSummary(summary, values.verbose ?? false);
        return 0;
      } catch (err) {
        progress?.finish();
        if (!(err instanceof IngestError)) throw err;
        if (values.json)
          console.log(JSON.stringify({ ...summaryJson(err.summary), error: err.message }, null, 2));
        else printSummary(err.summary, values.verbose ?? false);
        const again =
          err.summary.source === 'arxiv-oai'
            ? ' Run the same command again to continue where it stopped.'
            : ' Running it again is safe: pages already ingested change nothing.';
        console.error(`paperboy ingest: ${err.message}.${again}`);
        return 1;
      }
    });
  },
};

type Values = {
  ids?: string[] | undefined;
  query?: string | undefined;
  max?: string | undefined;
  oai?: boolean | undefined;
  set?: string | undefined;
  from?: string | undefined;
  until?: string | undefined;
  date?: string | undefined;
  week?: string | undefined;
};

type Task = (ingest: IngestService, onProgress: (p: IngestProgress) => void) => Promise<IngestSummary>;

const isIdsSummary = (s: IngestSummary): s is ArxivIdsSummary => 'missing' in s;
const isOaiSummary = (s: IngestSummary): s is OaiHarvestSummary => 'nextFrom' in s;

function arxivTask(v: Values): Task {
  const modes = [v.ids !== undefined, v.query !== undefined, v.oai === true].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('give exactly one of --ids, --query or --oai');
  if (v.date !== undefined || v.week !== undefined)
    throw new UsageError('--date and --week are for `ingest hf`');
  if (v.ids !== undefined) {
    const ids = v.ids.flatMap((list) => list.split(/[\s,]+/)).filter((id) => id !== '');
    if (ids.length === 0) throw new UsageError('--ids needs at least one arXiv id');
    return (ingest, onProgress) => ingest.fetchArxivIds(ids, onProgress);
  }
  if (v.query !== undefined) {
    const max = v.max === undefined ? 100 : Number(v.max);
    if (!Number.isInteger(max) || max < 1) throw new UsageError('--max must be a positive integer');
    return (ingest, onProgress) => ingest.searchArxiv(v.query ?? '', max, onProgress);
  }
  if (v.max !== undefined) throw new UsageError('--max goes with --query');
  const set = v.set;
  if (set === undefined) throw new UsageError('--oai needs --set (e.g. --set cs)');
  return (ingest, onProgress) =>
    ingest.harvestOai({ set, from: v.from ?? null, until: v.until ?? null }, onProgress);
}

function hfTask(v: Values): Task {
  if (v.ids !== undefined || v.query !== undefined || v.oai || v.set !== undefined) {
    throw new UsageError('--ids, --query, --oai and --set are for `ingest arxiv`');
  }
  const modes = [v.date !== undefined, v.from !== undefined, v.week !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('give exactly one of --date, --from or --week');
  if (v.until !== undefined && v.from === undefined) throw new UsageError('--until goes with --from');
  let days: string[];
  if (v.date !== undefined) days = [v.date];
  else if (v.week !== undefined) {
    const week = parseIsoWeek(v.week);
    if (!week) throw new UsageError('--week must be an ISO week like 2026-W34');
    days = dayRange(week.from, week.to);
  } else {
    const from = v.from ?? '';
    const until = v.until ?? dayOf(new Date());
    if (until < from) throw new UsageError(`--until (${until}) is before --from (${from})`);
    if (daysBetween(from, until) + 1 > HF_MAX_DAYS)
      throw new UsageError(`at most ${HF_MAX_DAYS} days at a time`);
    days = dayRange(from, until);
  }
  return (ingest, onProgress) => ingest.mirrorHfDays(days, onProgress);
}

/** A progress bar drawn once the first page says how much there is to do. */
function lazyProgressBar() {
  let bar: ProgressBar | null = null;
  return {
    update(p: IngestProgress) {
      bar ??= createProgressBar(p.source, p.total ?? p.done);
      bar.update(p.done, `${p.label}, ${p.read} records`);
    },
    finish: () => bar?.finish(),
  };
}

function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

function summaryJson(s: IngestSummary) {
  return {
    source: s.source,
    pages: s.pages,
    read: s.read,
    new: s.new,
    updated: s.updated,
    skipped: s.skipped,
    rejected: s.rejected,
    featured: s.featured,
    flagged: s.flagged,
    rejections: s.rejections,
    ...(isIdsSummary(s) ? { missing: s.missing } : {}),
    ...(isOaiSummary(s) ? oaiFields(s) : {}),
    seconds: Math.round(s.seconds * 1000) / 1000,
  };
}

function oaiFields(s: OaiHarvestSummary) {
  return { set: s.set, from: s.from, until: s.until, resumed: s.resumed, nextFrom: s.nextFrom };
}

function printSummary(s: IngestSummary, verbose: boolean): void {
  const shown = verbose ? s.rejections : s.rejections.slice(0, SHOWN_REJECTIONS);
  for (const r of shown) console.error(`rejected ${r.where}: ${r.reason}`);
  if (shown.length < s.rejections.length) {
    console.error(
      `... and ${s.rejections.length - shown.length} more rejected records (--verbose lists them all)`,
    );
  }
  if (isIdsSummary(s) && s.missing.length > 0)
    console.error(`arXiv has no paper for: ${s.missing.join(', ')}`);
  const oai = isOaiSummary(s) ? s : null;
  const what = oai
    ? `${s.source} set ${oai.set} from ${oai.from}${oai.until ? ` until ${oai.until}` : ''}${oai.resumed ? ' (resumed)' : ''}`
    : s.source;
  const next = oai?.nextFrom && s.pages > 0 ? `; next harvest from ${oai.nextFrom}` : '';
  console.log(
    `${what}: ${s.pages} page${s.pages === 1 ? '' : 's'}, read ${s.read}, new ${s.new}, updated ${s.updated}, ` +
      `skipped ${s.skipped}, rejected ${s.rejected}; ${s.featured} daily entries added; ` +
      `${s.flagged} possible duplicate${s.flagged === 1 ? '' : 's'} flagged${next} — ${formatSeconds(s.seconds)}`,
  );
}
