// Wires stores -> services once per process. http and the CLI both start from here.
import type { Config } from './config.js';
import { type Db, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { createIngestSources } from './ingest/sources/index.js';
import { createJobRegistry } from './jobs/handlers/index.js';
import { JobQueue } from './jobs/queue.js';
import { createEmbedderSource } from './search/embeddings/embedder-factory.js';
import { AuthorsService } from './services/authors.service.js';
import { createCommunityServices } from './services/community.js';
import { CurationService } from './services/curation.service.js';
import { createDeliveryServices } from './services/delivery.js';
import { createLibraryServices } from './services/library.js';
import { EmbeddingsService } from './services/embeddings.service.js';
import { FeedService } from './services/feed.service.js';
import { ImportService } from './services/import.service.js';
import { IngestService } from './services/ingest.service.js';
import { MediaService } from './services/media.service.js';
import { PapersService } from './services/papers.service.js';
import { SearchIndexService } from './services/search-index.service.js';
import { SearchService } from './services/search.service.js';
import { SemanticService } from './services/semantic.service.js';
import { StatsService } from './services/stats.service.js';
import { databasePacing } from './services/upstream-pacing.js';
import { createStores } from './stores/index.js';

export function createServices(db: Db, config: Config, clock: Clock, log: Logger) {
  const stores = createStores(db.kysely, db.dialect);
  const sources = createIngestSources(config, log, databasePacing(stores.upstreamPacing));
  const ingest = new IngestService(db, clock, log, sources);
  // One embedder source per process: the builtin model is read from the database once per model.
  const embedders = createEmbedderSource(config.embedder, {
    latestName: async () => (await stores.embeddings.findLatestModel())?.name ?? null,
    load: (name) => stores.embeddings.findModel(name),
  });
  const semantic = new SemanticService(stores, embedders, log);
  const searchIndex = new SearchIndexService(stores, log, {
    refreshSeconds: config.searchRefreshSeconds,
    overlapSeconds: config.searchRefreshOverlapSeconds,
  });
  const curation = new CurationService(db, clock, log, ingest);
  const feed = new FeedService(stores, clock, config.trendingWindowDays);
  const jobs = new JobQueue(stores.jobs, createJobRegistry(), clock, {
    maxAttempts: config.jobs.maxAttempts,
  });
  const community = createCommunityServices(db, stores, config, clock, log, { ingest, curation });
  const search = new SearchService(stores, searchIndex, semantic, log, {
    embedTimeoutMs: config.searchEmbedTimeoutSeconds * 1000,
    fusion: config.searchFusion,
  });
  return {
    feed,
    papers: new PapersService(stores, clock, semantic),
    embeddings: new EmbeddingsService(stores, embedders, config.embedder, clock, log),
    semantic,
    searchIndex,
    search,
    authors: new AuthorsService(stores),
    importer: new ImportService(db, clock, log),
    ingest,
    curation,
    stats: new StatsService(stores),
    media: new MediaService(stores, sources.hfHttp, config.media, clock, log),
    jobs,
    // Accounts, votes, comments, submissions, moderation (services/community.ts).
    ...community,
    // A reader's library, collections, follows and "for you" (services/library.ts).
    ...createLibraryServices(db, stores, clock, { rateLimits: community.rateLimits, search }),
    // Subscriptions, digests, topic alerts and the outbox (services/delivery.ts).
    delivery: createDeliveryServices(db, stores, config, clock, log, {
      feed,
      jobs,
      mail: community.mail,
      rateLimits: community.rateLimits,
      meaning: semantic.enabled ? semantic : null,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and builds the services. */
export async function openApp(config: Config, log: Logger, clock: Clock = systemClock): Promise<AppContext> {
  const db = openDatabase(config.databaseUrl);
  try {
    const { applied } = await migrateToLatest(db);
    if (applied.length > 0) log.info({ migrations: applied, database: db.description }, 'database migrated');
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    config,
    db,
    log,
    clock,
    services: createServices(db, config, clock, log),
    close: () => db.close(),
  };
}
