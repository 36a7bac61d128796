// All stores bound to one connection or transaction, so a service can do a unit of work atomically.
import type { Kysely } from 'kysely';
import type { Db, DialectName } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { ApiTokensStore } from './api-tokens.store.js';
import { AuthorsStore } from './authors.store.js';
import { CollectionsStore } from './collections.store.js';
import { CommentsStore } from './comments.store.js';
import { DailyEntriesStore } from './daily-entries.store.js';
import { DuplicateFlagsStore } from './duplicate-flags.store.js';
import { EmbeddingsStore } from './embeddings.store.js';
import { FlagsStore } from './flags.store.js';
import { FollowingStore } from './following.store.js';
import { FollowsStore } from './follows.store.js';
import { IngestCursorsStore } from './ingest-cursors.store.js';
import { IngestLeasesStore } from './ingest-leases.store.js';
import { JobsStore } from './jobs.store.js';
import { LibraryStore } from './library.store.js';
import { LoginTokensStore } from './login-tokens.store.js';
import { MediaStore } from './media.store.js';
import { ModerationLogStore } from './moderation-log.store.js';
import { OutboxStore } from './outbox.store.js';
import { PapersStore } from './papers.store.js';
import { PaperVersionsStore } from './paper-versions.store.js';
import { RateLimitsStore } from './rate-limits.store.js';
import { ReaderStore } from './reader.store.js';
import { SavedAlertsStore } from './saved-alerts.store.js';
import { SchedulesStore } from './schedules.store.js';
import { SearchStore } from './search.store.js';
import { SessionsStore } from './sessions.store.js';
import { SettingsStore } from './settings.store.js';
import { SubmissionsStore } from './submissions.store.js';
import { SubscriptionTokensStore } from './subscription-tokens.store.js';
import { SubscriptionsStore } from './subscriptions.store.js';
import { UpstreamPacingStore } from './upstream-pacing.store.js';
import { UsersStore } from './users.store.js';
import { VotesStore } from './votes.store.js';

// The dialect is for stores whose SQL differs between databases (jobs: PostgreSQL's skip locked;
// votes and comments: a row lock before recounting).
export function createStores(db: Kysely<Database>, dialect: DialectName) {
  return {
    papers: new PapersStore(db),
    authors: new AuthorsStore(db),
    dailyEntries: new DailyEntriesStore(db),
    search: new SearchStore(db),
    paperVersions: new PaperVersionsStore(db),
    duplicateFlags: new DuplicateFlagsStore(db),
    ingestCursors: new IngestCursorsStore(db),
    // Processes sharing upstreams and harvests (migration 008).
    ingestLeases: new IngestLeasesStore(db),
    upstreamPacing: new UpstreamPacingStore(db),
    embeddings: new EmbeddingsStore(db),
    // Pictures for our pages (migration 011).
    media: new MediaStore(db),
    jobs: new JobsStore(db, dialect),
    schedules: new SchedulesStore(db),
    // The community (migration 006).
    users: new UsersStore(db),
    sessions: new SessionsStore(db),
    loginTokens: new LoginTokensStore(db),
    apiTokens: new ApiTokensStore(db),
    votes: new VotesStore(db, dialect),
    comments: new CommentsStore(db, dialect),
    flags: new FlagsStore(db),
    moderationLog: new ModerationLogStore(db),
    rateLimits: new RateLimitsStore(db),
    settings: new SettingsStore(db),
    // A reader's library, collections, follows and feedback (migration 012).
    library: new LibraryStore(db),
    collections: new CollectionsStore(db),
    follows: new FollowsStore(db),
    following: new FollowingStore(db),
    reader: new ReaderStore(db),
    submissions: new SubmissionsStore(db),
    // Delivery (migration 007).
    subscriptions: new SubscriptionsStore(db),
    subscriptionTokens: new SubscriptionTokensStore(db),
    savedAlerts: new SavedAlertsStore(db),
    outbox: new OutboxStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;

/** Runs `work` in one transaction with stores bound to it; commits when it resolves, rolls back when it throws. */
export function inTransaction<T>(db: Db, work: (stores: Stores) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work(createStores(trx, db.dialect)));
}
