// Wires delivery (subscriptions, digests and alerts, the outbox sender) so app.ts needs one line.
// It shares the community's mail transport and rate limits.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { OutboxSender } from '../email/outbox-sender.js';
import type { MailTransport } from '../email/transport.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stores } from '../stores/index.js';
import { type AlertMeaning, DigestsService } from './digests.service.js';
import type { FeedService } from './feed.service.js';
import type { RateLimitService } from './rate-limit.service.js';
import { SubscriptionsService } from './subscriptions.service.js';

export function createDeliveryServices(
  db: Db,
  stores: Stores,
  config: Config,
  clock: Clock,
  log: Logger,
  deps: {
    feed: FeedService;
    jobs: JobQueue;
    mail: MailTransport;
    rateLimits: RateLimitService;
    /** Matches `~` topic alerts by meaning; null when embeddings are off. */
    meaning: AlertMeaning | null;
  },
) {
  const sender = new OutboxSender(stores, deps.mail, clock, log, config.delivery);
  return {
    subscriptions: new SubscriptionsService(db, stores, clock, log, deps.rateLimits, deps.jobs, config),
    digests: new DigestsService(db, stores, deps.feed, deps.jobs, clock, log, config, deps.meaning),
    sender,
    /** A sent (or waiting) email of this subscription, for "view in a browser". */
    async emailFor(subscriptionId: number, outboxId: number) {
      const row = await stores.outbox.findById(outboxId);
      return row && row.subscription_id === subscriptionId && row.kind === 'digest' ? row : null;
    },
    /** When the next email waiting in the outbox is due, or null when none waits. */
    async nextSendAt(): Promise<Date | null> {
      const at = await stores.outbox.findNextDue();
      return at ? new Date(at) : null;
    },
  };
}

export type DeliveryServices = ReturnType<typeof createDeliveryServices>;
