// Papers arriving by themselves: runs an upstream source (src/ingest/sources/) and folds each page it
// returns into the catalogue with the same upsert as file imports, in ONE TRANSACTION PER PAGE.
// A harvest that can resume (OAI-PMH) saves its cursor in that same transaction, so whenever the
// process stops, the database holds whole pages and a cursor that points just past them: the next
// run continues there, and nothing is lost or written twice.
//
// The job queue calls these methods too; each is a plain async call that returns a summary, or
// throws IngestError (which carries the summary of the pages committed before the failure).
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import { dayOf, isDay } from '../domain/days.js';
import { dayOfTimestamp } from '../ingest/normalize/fields.js';
import type { ArxivApiSource } from '../ingest/sources/arxiv-api.source.js';
import {
  type OaiListRequest,
  type OaiPage,
  ResumptionTokenRejectedError,
} from '../ingest/sources/arxiv-oai.source.js';
import type { IngestSources } from '../ingest/sources/index.js';
import type { PageStream, SourcePage } from '../ingest/sources/source.js';
import { emptyCounts, type UpsertCounts, type UpsertRecord, upsertRecords } from '../ingest/upsert.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { InvalidInputError } from './errors.js';
import { HarvestLease, type HarvestLeaseOptions } from './harvest-lease.js';
import type { Rejection } from './import.service.js';

export type IngestSourceName = 'arxiv-api' | 'arxiv-oai' | 'hf';

export interface IngestSummary extends UpsertCounts {
  source: IngestSourceName;
  /** Pages committed. */
  pages: number;
  /** Records read (rejected ones included). */
  read: number;
  rejected: number;
  rejections: Rejection[];
  seconds: number;
}

export interface ArxivIdsSummary extends IngestSummary {
  /** Requested ids arXiv returned no paper for. */
  missing: string[];
}

export interface OaiHarvestSummary extends IngestSummary {
  set: string;
  from: string;
  until: string | null;
  /** True when this run continued an interrupted harvest. */
  resumed: boolean;
  /** Where the next incremental harvest of this set will start. */
  nextFrom: string | null;
}

export interface IngestProgress {
  source: IngestSourceName;
  /** Pages committed so far. */
  pages: number;
  label: string;
  read: number;
  done: number;
  total: number | null;
}

export type OnIngestProgress = (progress: IngestProgress) => void;

/** A source failed part-way. `summary` counts what was committed before the failure (kept). */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    message: string,
    readonly summary: IngestSummary,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** arXiv refuses to page past this many results of one query. */
export const ARXIV_QUERY_MAX = 30_000;
/** A year of days is plenty for one mirror run (and a typo in --from should not mean 20 years). */
export const HF_MAX_DAYS = 366;
const SET = /^[A-Za-z-]+(?::[A-Za-z-]+)*$/;

/** What the `arxiv-oai:<set>` cursor holds. */
const OaiCursorSchema = z.object({
  set: z.string(),
  /** The harvest in progress (or last finished): its days. */
  from: z.string().nullable(),
  until: z.string().nullable(),
  /** Non-null while a harvest is in progress: where its list continues. */
  resumptionToken: z.string().nullable(),
  /** The day of the server's first answer in the harvest in progress. */
  listStartedOn: z.string().nullable(),
  /** Where the next incremental harvest starts (`from` is inclusive, so one day overlaps). */
  nextFrom: z.string().nullable(),
});
type OaiCursor = z.infer<typeof OaiCursorSchema>;

export class IngestService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly sources: IngestSources,
    private readonly options: { harvestLease?: HarvestLeaseOptions } = {},
  ) {}

  /**
   * Fetches papers by arXiv id (new or old style, with or without version: a version asks for that
   * version) in batches of 100. Known papers are updated; `missing` lists ids arXiv did not return.
   */
  async fetchArxivIds(ids: readonly string[], onProgress?: OnIngestProgress): Promise<ArxivIdsSummary> {
    const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
    if (wanted.length === 0) throw new InvalidInputError('ids', 'give at least one arXiv id');
    const bad = wanted.filter((id) => parseArxivId(id) === null);
    if (bad.length > 0) {
      throw new InvalidInputError(
        'ids',
        `not arXiv ids: ${bad.map((id) => JSON.stringify(id)).join(', ')} (expected ids like 2406.12345, 2406.12345v2 or hep-th/9901001)`,
      );
    }
    const returned = new Set<string>();
    const pages = collectIds(this.sources.arxivApi.byIds(wanted), returned);
    const summary = await this.run('arxiv-api', pages, onProgress);
    const missing = wanted.filter((id) => !returned.has(parseArxivId(id)?.id ?? id));
    if (missing.length > 0)
      this.log.warn({ source: 'arxiv-api', missing }, 'arXiv returned no paper for some ids');
    return { ...summary, missing };
  }

  /** Runs an arXiv API search (its query syntax: `ti:transformer AND cat:cs.CL`) and keeps up to `max` results. */
  async searchArxiv(query: string, max: number, onProgress?: OnIngestProgress): Promise<IngestSummary> {
    if (query.trim() === '') throw new InvalidInputError('query', 'give a search query');
    if (!Number.isInteger(max) || max < 1 || max > ARXIV_QUERY_MAX) {
      throw new InvalidInputError('max', `max must be an integer from 1 to ${ARXIV_QUERY_MAX}`);
    }
    return this.run('arxiv-api', this.sources.arxivApi.byQuery(query.trim(), max), onProgress);
  }

  /**
   * Harvests an OAI-PMH set incrementally. Without `from`, continues where the last harvest of the
   * set stopped: inside an interrupted list (by its resumption token), or from the day the last
   * finished harvest began. With the `from`/`until` of an interrupted harvest, resumes it too; with
   * other days, starts a new list. One harvest of a set runs at a time, in any process: while
   * another holds the set's lease, this throws HarvestBusyError (a ConflictError) and asks nothing.
   */
  async harvestOai(
    request: { set: string; from?: string | null; until?: string | null },
    onProgress?: OnIngestProgress,
  ): Promise<OaiHarvestSummary> {
    const set = request.set.trim();
    const askedFrom = request.from ?? null;
    const askedUntil = request.until ?? null;
    if (!SET.test(set))
      throw new InvalidInputError('set', `"${set}" is not an OAI-PMH set like cs or physics:hep-th`);
    for (const [field, day] of [
      ['from', askedFrom],
      ['until', askedUntil],
    ] as const) {
      if (day !== null && !isDay(day))
        throw new InvalidInputError(field, `${field} must be a day like 2026-08-21`);
    }
    if (askedFrom !== null && askedUntil !== null && askedFrom > askedUntil) {
      throw new InvalidInputError('until', `until (${askedUntil}) is before from (${askedFrom})`);
    }

    const name = `arxiv-oai:${set}`;
    const lease = await HarvestLease.take(
      this.db,
      this.clock,
      this.log,
      name,
      `set ${set}`,
      this.options.harvestLease,
    );
    try {
      return await this.harvestOaiHolding(lease, set, askedFrom, askedUntil, onProgress);
    } finally {
      await lease.release();
    }
  }

  /** harvestOai with the set's lease held: the cursor is read and written only under it. */
  private async harvestOaiHolding(
    lease: HarvestLease,
    set: string,
    askedFrom: string | null,
    askedUntil: string | null,
    onProgress: OnIngestProgress | undefined,
  ): Promise<OaiHarvestSummary> {
    const name = lease.name;
    const saved = await this.loadOaiCursor(name);
    const interrupted = saved?.resumptionToken != null;
    const resumed =
      interrupted && (askedFrom === null || (askedFrom === saved.from && askedUntil === saved.until));
    const from = resumed ? saved.from : (askedFrom ?? saved?.nextFrom ?? null);
    if (from === null) {
      throw new InvalidInputError(
        'from',
        `set ${set} has not been harvested before: give the first day to harvest (from)`,
      );
    }
    const until = resumed ? saved.until : askedUntil;
    if (interrupted && !resumed) {
      this.log.warn(
        { source: 'arxiv-oai', set, from: saved.from, until: saved.until },
        'interrupted harvest abandoned for a new one',
      );
    }
    this.log.info({ source: 'arxiv-oai', set, from, until, resumed }, 'harvest starting');

    // Bookkeeping for the cursor saved with each page.
    let listStartedOn = resumed ? saved.listStartedOn : null;
    let nextFrom = saved?.nextFrom ?? null;
    const today = dayOf(this.clock.now());
    const saveCursor = async (stores: Stores, page: OaiPage, now: string) => {
      await lease.confirm(stores);
      listStartedOn ??= dayOfTimestamp(page.responseDate) ?? today;
      let cursor: OaiCursor;
      if (page.resumptionToken !== null) {
        cursor = { set, from, until, resumptionToken: page.resumptionToken, listStartedOn, nextFrom };
      } else {
        // Done: the next harvest starts at the day this list was taken (or `until`, if earlier), but
        // never moves back behind a later harvest already made.
        const reached = until !== null && until < listStartedOn ? until : listStartedOn;
        nextFrom = nextFrom !== null && nextFrom > reached ? nextFrom : reached;
        cursor = { set, from, until, resumptionToken: null, listStartedOn: null, nextFrom };
      }
      await stores.ingestCursors.save(name, cursor, now);
    };
    const pages = this.oaiPages({ set, from, until }, resumed ? saved.resumptionToken : null, () => {
      listStartedOn = null;
    });
    const summary = await this.run('arxiv-oai', pages, onProgress, saveCursor);
    return { ...summary, set, from, until, resumed, nextFrom };
  }

  /** Mirrors Hugging Face's daily papers of each day: papers, their links and upvotes, and the day's feed. */
  async mirrorHfDays(days: readonly string[], onProgress?: OnIngestProgress): Promise<IngestSummary> {
    if (days.length === 0) throw new InvalidInputError('days', 'give at least one day');
    if (days.length > HF_MAX_DAYS)
      throw new InvalidInputError('days', `at most ${HF_MAX_DAYS} days at a time`);
    const bad = days.find((day) => !isDay(day));
    if (bad !== undefined) throw new InvalidInputError('days', `"${bad}" is not a day like 2026-08-21`);
    const snapshotOn = dayOf(this.clock.now());
    return this.run('hf', this.sources.hfDaily.days(days, snapshotOn), onProgress);
  }

  private async loadOaiCursor(name: string): Promise<OaiCursor | null> {
    const value = await inTransaction(this.db, (stores) => stores.ingestCursors.find(name));
    if (value === null) return null;
    const parsed = OaiCursorSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    this.log.warn({ cursor: name, err: z.prettifyError(parsed.error) }, 'unreadable ingest cursor ignored');
    return null;
  }

  /**
   * The list's pages from the token (or its start). Tokens expire; when the server no longer knows
   * one, the list is harvested again from its start, once: pages already committed are simply
   * read again, which changes nothing.
   */
  private async *oaiPages(
    request: OaiListRequest,
    token: string | null,
    onRestart: () => void,
  ): PageStream<OaiPage> {
    try {
      yield* this.sources.arxivOai.listRecords(request, token);
    } catch (err) {
      if (!(err instanceof ResumptionTokenRejectedError)) throw err;
      this.log.warn(
        { source: 'arxiv-oai', set: request.set, from: request.from, err: err.message },
        'resumption token rejected; harvesting the list again from its start',
      );
      onRestart();
      yield* this.sources.arxivOai.listRecords(request, null);
    }
  }

  /** Pulls pages one at a time and commits each in its own transaction, with `afterPage` inside it. */
  private async run<P extends SourcePage>(
    source: IngestSourceName,
    pages: PageStream<P>,
    onProgress: OnIngestProgress | undefined,
    afterPage?: (stores: Stores, page: P, now: string) => Promise<void>,
  ): Promise<IngestSummary> {
    const started = performance.now();
    const summary: IngestSummary = {
      ...emptyCounts(),
      source,
      pages: 0,
      read: 0,
      rejected: 0,
      rejections: [],
      seconds: 0,
    };
    let last: string | null = null;
    try {
      for await (const page of pages) {
        const pageStarted = performance.now();
        const records: UpsertRecord[] = [];
        let rejected = 0;
        for (const item of page.items) {
          if (item.kind === 'record') records.push({ paper: item.paper, daily: item.daily });
          else {
            rejected++;
            summary.rejections.push({ where: `${page.label}: ${item.position}`, reason: item.reason });
          }
        }
        const now = this.clock.now().toISOString();
        const counts = await inTransaction(this.db, async (stores) => {
          const c = await upsertRecords(stores, records, now);
          await afterPage?.(stores, page, now);
          return c;
        });
        summary.pages++;
        summary.read += page.items.length;
        summary.rejected += rejected;
        for (const k of ['new', 'updated', 'skipped', 'featured', 'flagged'] as const)
          summary[k] += counts[k];
        last = page.label;
        this.log.info(
          {
            source,
            page: summary.pages,
            label: page.label,
            url: page.url,
            read: page.items.length,
            new: counts.new,
            updated: counts.updated,
            skipped: counts.skipped,
            rejected,
            featured: counts.featured,
            flagged: counts.flagged,
            duration_ms: Math.round(performance.now() - pageStarted),
          },
          'ingest page committed',
        );
        onProgress?.({
          source,
          pages: summary.pages,
          label: page.label,
          read: summary.read,
          ...page.progress,
        });
      }
    } catch (err) {
      summary.seconds = (performance.now() - started) / 1000;
      const cause = err instanceof Error ? err.message : String(err);
      const after =
        last === null
          ? 'nothing committed'
          : `${summary.pages} page${summary.pages === 1 ? '' : 's'} committed, the last ${last}`;
      this.log.error(
        { source, page: summary.pages + 1, pages_committed: summary.pages, err: cause },
        'ingest failed',
      );
      throw new IngestError(`${source}: page ${summary.pages + 1} failed (${after}): ${cause}`, summary, {
        cause: err,
      });
    }
    summary.seconds = (performance.now() - started) / 1000;
    this.log.info(
      {
        source,
        pages: summary.pages,
        read: summary.read,
        new: summary.new,
        updated: summary.updated,
        skipped: summary.skipped,
        rejected: summary.rejected,
        featured: summary.featured,
        flagged: summary.flagged,
        duration_ms: Math.round(summary.seconds * 1000),
      },
      'ingest finished',
    );
    return summary;
  }
}

/** Passes pages through, noting the arXiv ids they hold (to tell which requested ids were missing). */
async function* collectIds(pages: ReturnType<ArxivApiSource['byIds']>, into: Set<string>): PageStream {
  for await (const page of pages) {
    for (const item of page.items) if (item.kind === 'record') into.add(item.paper.arxivId);
    yield page;
  }
}
