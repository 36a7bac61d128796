// Daily housekeeping of delivery: link tokens older than a year, subscriptions never confirmed within
// 30 days, bodies of emails sent two weeks ago (the row stays: it is what stops a second digest for
// its period), and finished outbox rows after 90 days.
import { z } from 'zod';
import { defineJob } from '../job-definition.js';

export const pruneDeliveryJob = defineJob({
  kind: 'prune-delivery',
  summary: 'delete old link tokens, unconfirmed subscriptions and old outbox rows: {}',
  payload: z.object({}).strict(),
  uniqueKey: () => 'prune-delivery',
  async run(_p, ctx) {
    return ctx.services.delivery.subscriptions.prune();
  },
});
