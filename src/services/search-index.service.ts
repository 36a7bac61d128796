// Keeps this process's lexical index in step with the database, which stays the source of truth.
// Built on first use (or at `serve` start) from every paper in id order; then a change cursor polls
// papers whose modified_at is at or after the newest seen, minus an overlap window: a writer stamps
// modified_at when it writes but commits later (one transaction per imported file), so a commit can
// land "in the past". Rows whose stored version equals the indexed one are skipped, so re-reading the
// window is cheap and updates are idempotent. A paper count that disagrees with the index triggers a
// full reconcile (deleted papers); a delta past a tenth of the base triggers a rebuild, off to the
// side, swapped in when done.
import type { Logger } from '../lib/logger.js';
import type { IndexDocument } from '../search/lexical/analyzer.js';
import {
  type LexicalIndex,
  LexicalIndexBuilder,
  type LexicalIndexOptions,
} from '../search/lexical/lexical-index.js';
import { LexicalSearcher } from '../search/lexical/lexical-search.js';
import type { IndexRow } from '../stores/search.store.js';
import type { Stores } from '../stores/index.js';

export interface SearchIndexOptions {
  /** Seconds between two polls of the change cursor (when started). */
  refreshSeconds: number;
  /** Seconds re-read before the newest change seen. */
  overlapSeconds: number;
  lexical?: LexicalIndexOptions;
  /** Papers read per page while building. */
  pageSize?: number;
}

export interface LoadedIndex {
  index: LexicalIndex;
  searcher: LexicalSearcher;
}

export interface BuildStats {
  papers: number;
  seconds: number;
}

export function toIndexDocument(row: IndexRow): IndexDocument {
  return {
    paperId: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors) as string[],
    categories: row.categories ? row.categories.split(' ') : [],
    publishedAt: row.published_at,
    votes: row.hf_upvotes + row.upvotes,
    version: Date.parse(row.modified_at),
  };
}

/** Lets queued I/O (HTTP requests) run between two pages of a build. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SearchIndexService {
  private loaded: LoadedIndex | null = null;
  private firstBuild: Promise<LoadedIndex> | null = null;
  /** Newest modified_at seen (ISO text sorts in time order). */
  private cursor = '';
  /** Maintenance (refresh, rebuild) runs one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  lastBuild: BuildStats | null = null;

  constructor(
    private readonly stores: Stores,
    private readonly log: Logger,
    private readonly options: SearchIndexOptions,
  ) {}

  /** The index, built on first call; concurrent first calls share one build. */
  async ready(): Promise<LoadedIndex> {
    if (this.loaded) return this.loaded;
    this.firstBuild ??= this.enqueue(() => this.build()).catch((err: unknown) => {
      this.firstBuild = null;
      throw err;
    });
    return this.firstBuild;
  }

  /** Polls the change cursor every `refreshSeconds` until stop(). Builds first if needed. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.refresh().catch((err: unknown) => this.log.error({ err }, 'search index refresh failed'));
    };
    this.timer = setInterval(tick, Math.max(10, this.options.refreshSeconds * 1000));
    // The web server keeps the process alive, not this timer (a CLI command may exit).
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Applies the changes since the last poll. A no-op until the index is first built. */
  async refresh(): Promise<{ updated: number; removed: number }> {
    if (!this.loaded) return { updated: 0, removed: 0 };
    return this.enqueue(() => this.applyChanges());
  }

  /** Builds a fresh index from the database and swaps it in. */
  async rebuild(): Promise<LoadedIndex> {
    return this.enqueue(() => this.build());
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async build(): Promise<LoadedIndex> {
    const started = performance.now();
    const builder = new LexicalIndexBuilder(this.options.lexical);
    const pageSize = this.options.pageSize ?? 2000;
    let cursor = '';
    for (let after = 0; ;) {
      const rows = await this.stores.search.listIndexRows(after, pageSize);
      for (const row of rows) {
        builder.add(toIndexDocument(row));
        if (row.modified_at > cursor) cursor = row.modified_at;
      }
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) break;
      after = last.id;
      await yieldToEventLoop();
    }
    const index = builder.finish();
    this.loaded = { index, searcher: new LexicalSearcher(index) };
    if (cursor > this.cursor || this.cursor === '') this.cursor = cursor;
    const seconds = (performance.now() - started) / 1000;
    this.lastBuild = { papers: index.size, seconds };
    this.log.info({ papers: index.size, duration_ms: Math.round(seconds * 1000) }, 'search index built');
    // Changes committed while the build read its pages are picked up by the next poll.
    return this.loaded;
  }

  private async applyChanges(): Promise<{ updated: number; removed: number }> {
    const loaded = this.loaded;
    if (!loaded) return { updated: 0, removed: 0 };
    const { index } = loaded;
    const since = this.cursor
      ? new Date(Date.parse(this.cursor) - this.options.overlapSeconds * 1000).toISOString()
      : '';
    const changed = await this.stores.search.listChangedSince(since);
    let newest = this.cursor;
    const stale: number[] = [];
    for (const c of changed) {
      if (c.modified_at > newest) newest = c.modified_at;
      if (index.versionOf(c.id) !== Date.parse(c.modified_at)) stale.push(c.id);
    }
    let updated = await this.upsertIds(index, stale);
    this.cursor = newest;

    let removed = 0;
    if ((await this.stores.search.countPapers()) !== index.size) {
      // Papers were deleted (or a write slipped past the overlap window): compare everything.
      const all = await this.stores.search.listAllVersions();
      const live = new Map(all.map((v) => [v.id, Date.parse(v.modified_at)]));
      for (const p of [...index.livePapers()])
        if (!live.has(p.paperId)) {
          index.remove(p.paperId);
          removed++;
        }
      updated += await this.upsertIds(
        index,
        all.filter((v) => index.versionOf(v.id) !== live.get(v.id)).map((v) => v.id),
      );
    }
    if (updated + removed > 0) this.log.debug({ updated, removed }, 'search index refreshed');
    if (index.needsCompaction) {
      await this.build();
      return { updated, removed };
    }
    return { updated, removed };
  }

  private async upsertIds(index: LexicalIndex, ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.stores.search.listIndexRowsByIds(ids);
    for (const row of rows) index.upsert(toIndexDocument(row));
    return rows.length;
  }
}
