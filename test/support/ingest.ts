// Test support for ingestion from live sources: an app whose sources point at the loopback upstream
// server with millisecond spacing, logs captured as parsed JSON lines, and a snapshot of everything
// ingestion writes that two runs can be compared by.
import pino from 'pino';
import { sql } from 'kysely';
import { type AppContext, createServices } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Db, DialectName } from '../../src/db/database.js';
import { fixedClock } from '../../src/lib/clock.js';
import type { Logger } from '../../src/lib/logger.js';
import { TEST_NOW } from './app.js';
import { createTestDatabase } from './databases.js';
import type { UpstreamServer } from './upstream-server.js';

/** Settings that make the sources fast against the loopback server, but keep every rule in play. */
export function fastUpstreamConfig(server: UpstreamServer): Partial<Config> {
  return {
    ...server.urls,
    arxivMinIntervalSeconds: 0.005,
    hfMinIntervalSeconds: 0.005,
    httpTimeoutSeconds: 0.5,
    httpMaxRetries: 3,
    httpBackoffSeconds: 0.01,
    httpMaxWaitSeconds: 5,
  };
}

/** The same settings as environment variables, for the real CLI in a child process. */
export function fastUpstreamEnv(server: UpstreamServer): Record<string, string> {
  return {
    PAPERBOY_ARXIV_API_URL: server.urls.arxivApiUrl,
    PAPERBOY_ARXIV_OAI_URL: server.urls.arxivOaiUrl,
    PAPERBOY_HF_API_URL: server.urls.hfApiUrl,
    PAPERBOY_ARXIV_MIN_INTERVAL_SECONDS: '0.005',
    PAPERBOY_HF_MIN_INTERVAL_SECONDS: '0.005',
    PAPERBOY_HTTP_BACKOFF_SECONDS: '0.01',
  };
}

export interface CapturedLogs {
  log: Logger;
  lines: Record<string, unknown>[];
  /** The lines with this message. */
  find(msg: string): Record<string, unknown>[];
}

export function captureLogs(): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines, find: (msg) => lines.filter((l) => l.msg === msg) };
}

/** An app on `db` whose sources talk to `server`, with a fixed clock and captured logs. */
export function createIngestTestApp(
  db: Db,
  server: UpstreamServer,
  overrides: Partial<Config> = {},
): AppContext & { logs: CapturedLogs } {
  const config = {
    ...loadConfig({}),
    baseUrl: 'https://papers.example.org',
    contactEmail: 'curators@example.org',
    ...fastUpstreamConfig(server),
    ...overrides,
  };
  const clock = fixedClock(TEST_NOW);
  const logs = captureLogs();
  return {
    config,
    db,
    log: logs.log,
    clock,
    logs,
    services: createServices(db, config, clock, logs.log),
    close: async () => {},
  };
}

/** Empties every table ingestion writes, so each test starts from nothing. */
export async function clearCatalogue(db: Db): Promise<void> {
  for (const table of [
    'duplicate_flags',
    'paper_versions',
    'daily_entries',
    'paper_authors',
    'paper_categories',
    'papers',
    'authors',
    'ingest_cursors',
    'ingest_leases',
    'upstream_pacing',
  ] as const) {
    await db.kysely.deleteFrom(table).execute();
  }
}

/**
 * Everything ingestion writes, as one comparable string: rows keyed by arXiv id rather than by
 * generated ids, and without the write times (a run in another process has another clock).
 */
export async function catalogueSnapshot(db: Db): Promise<string> {
  const k = db.kysely;
  const papers = await sql`
    select arxiv_id, version, title, abstract, authors, categories, primary_category, comment,
      journal_ref, doi, published_at, updated_at, listed_on, github_repo, github_stars, project_page,
      thumbnail_url, ai_summary, ai_keywords, organization, hf_upvotes, hf_comments, hf_snapshot_on,
      sources, metadata_source, metadata_as_of, title_key
    from papers order by arxiv_id`.execute(k);
  const entries = await sql`
    select p.arxiv_id, e.day, e.featured_at, e.source, e.submitter_name, e.submitter_fullname,
      e.submitter_avatar_url
    from daily_entries e join papers p on p.id = e.paper_id order by p.arxiv_id, e.day`.execute(k);
  const versions = await sql`
    select p.arxiv_id, v.version, v.submitted_at, v.source
    from paper_versions v join papers p on p.id = v.paper_id order by p.arxiv_id, v.version`.execute(k);
  const authors = await sql`
    select p.arxiv_id, pa.position, a.slug, a.name
    from paper_authors pa join papers p on p.id = pa.paper_id join authors a on a.id = pa.author_id
    order by p.arxiv_id, pa.position`.execute(k);
  const categories = await sql`
    select p.arxiv_id, c.category from paper_categories c join papers p on p.id = c.paper_id
    order by p.arxiv_id, c.category`.execute(k);
  const flags = await sql`
    select p.arxiv_id, o.arxiv_id as other, f.reason, f.status from duplicate_flags f
    join papers p on p.id = f.paper_id join papers o on o.id = f.other_paper_id order by p.arxiv_id, o.arxiv_id`.execute(
    k,
  );
  const cursors = await sql`select name, value from ingest_cursors order by name`.execute(k);
  return JSON.stringify({
    papers: papers.rows,
    entries: entries.rows,
    versions: versions.rows,
    authors: authors.rows,
    categories: categories.rows,
    flags: flags.rows,
    cursors: cursors.rows,
  });
}

/**
 * What a clean, uninterrupted harvest leaves behind: run in process on a database of its own, then
 * dropped; the upstream server's request log is reset for the run under test.
 */
export async function cleanHarvestSnapshot(
  dialect: DialectName,
  server: UpstreamServer,
  request: { set: string; from?: string },
): Promise<string> {
  const reference = await createTestDatabase(dialect);
  try {
    await createIngestTestApp(reference.db, server).services.ingest.harvestOai(request);
    return await catalogueSnapshot(reference.db);
  } finally {
    await reference.drop();
    server.reset();
  }
}
