// Writes the digests and topic alerts that are due to the outbox (services/digests.service.ts). The
// scheduler queues it every minute; each run only looks at subscriptions whose send time has come,
// and many runs at once are safe (each period is claimed by compare-and-set).
import { z } from 'zod';
import { defineJob } from '../job-definition.js';

export const planDigestsJob = defineJob({
  kind: 'plan-digests',
  summary: 'write the digests and alerts that are due to the outbox: {}',
  payload: z.object({}).strict(),
  routine: true,
  uniqueKey: () => 'plan-digests',
  async run(_p, ctx) {
    const r = await ctx.services.delivery.digests.planDue({ signal: ctx.signal });
    return { due: r.due, queued: r.queued, empty: r.empty, skipped: r.skipped };
  },
});
