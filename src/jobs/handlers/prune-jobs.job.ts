// Housekeeping: deletes done jobs after a while so the table stays small. Failed jobs stay until an
// operator retries them (`paperboy jobs retry ID`) or they are dealt with otherwise.
import { z } from 'zod';
import { defineJob } from '../job-definition.js';

const MS_PER_DAY = 86_400_000;

export const pruneJobsJob = defineJob({
  kind: 'prune-jobs',
  summary: 'delete done jobs that finished more than N days ago: {"olderThanDays"?: 14}',
  payload: z.object({ olderThanDays: z.number().int().min(1).max(3650).default(14) }).strict(),
  uniqueKey: () => 'prune-jobs',
  async run(p, ctx) {
    const before = new Date(ctx.clock.now().getTime() - p.olderThanDays * MS_PER_DAY).toISOString();
    const deleted = await ctx.services.jobs.pruneDone(before);
    return { deleted, before };
  },
});
