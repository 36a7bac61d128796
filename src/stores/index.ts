// All stores bound to one connection or transaction, so a service can do a unit of work atomically.
import type { Kysely } from 'kysely';
import type { Db, DialectName } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AuthorsStore } from './authors.store.js';
import { DailyEntriesStore } from './daily-entries.store.js';
import { DuplicateFlagsStore } from './duplicate-flags.store.js';
import { EmbeddingsStore } from './embeddings.store.js';
import { IngestCursorsStore } from './ingest-cursors.store.js';
import { JobsStore } from './jobs.store.js';
import { PapersStore } from './papers.store.js';
import { PaperVersionsStore } from './paper-versions.store.js';
import { SchedulesStore } from './schedules.store.js';
import { SearchStore } from './search.store.js';

// The dialect is for stores whose SQL differs between databases (jobs: PostgreSQL's skip locked).
export function createStores(db: Kysely<Database>, dialect: DialectName) {
  return {
    papers: new PapersStore(db),
    authors: new AuthorsStore(db),
    dailyEntries: new DailyEntriesStore(db),
    search: new SearchStore(db),
    paperVersions: new PaperVersionsStore(db),
    duplicateFlags: new DuplicateFlagsStore(db),
    ingestCursors: new IngestCursorsStore(db),
    embeddings: new EmbeddingsStore(db),
    jobs: new JobsStore(db, dialect),
    schedules: new SchedulesStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;

/** Runs `work` in one transaction with stores bound to it; commits when it resolves, rolls back when it throws. */
export function inTransaction<T>(db: Db, work: (stores: Stores) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work(createStores(trx, db.dialect)));
}
