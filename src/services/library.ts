// Wires a reader's own services (library, collections, follows; the "for you" feed) so app.ts needs
// one line for them.
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Stores } from '../stores/index.js';
import { CollectionsService } from './collections.service.js';
import { FollowsService } from './follows.service.js';
import { LibraryService } from './library.service.js';
import type { RateLimitService } from './rate-limit.service.js';
import type { SearchService } from './search.service.js';

export function createLibraryServices(
  db: Db,
  stores: Stores,
  clock: Clock,
  deps: { rateLimits: RateLimitService; search: SearchService },
) {
  const follows = new FollowsService(stores, clock, deps.rateLimits, deps.search);
  return {
    library: new LibraryService(db, stores, clock, deps.rateLimits),
    collections: new CollectionsService(db, stores, clock, deps.rateLimits),
    follows,
  };
}
