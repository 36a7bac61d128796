// Mirrors Hugging Face's daily papers: the papers, their links and upvotes, and each day's feed.
// Without days it takes today and yesterday (UTC) at run time, so a late or retried run still covers
// the day that was current when it was queued, and a day's late submissions are picked up.
import { z } from 'zod';
import { addDays, dayOf, isDay } from '../../domain/days.js';
import { HF_MAX_DAYS } from '../../services/ingest.service.js';
import { defineJob } from '../job-definition.js';

export const mirrorHfDailyJob = defineJob({
  kind: 'mirror-hf-daily',
  summary: 'mirror Hugging Face daily papers: {"days"?: [DAY, ...]} (default today and yesterday)',
  payload: z
    .object({
      days: z
        .array(z.string().refine(isDay, 'must be a day like 2026-08-21'))
        .min(1)
        .max(HF_MAX_DAYS)
        .optional(),
    })
    .strict(),
  uniqueKey: (p) => `mirror-hf-daily:${p.days?.join(',') ?? 'recent'}`,
  async run(p, ctx) {
    const today = dayOf(ctx.clock.now());
    const days = p.days ?? [addDays(today, -1), today];
    const summary = await ctx.services.ingest.mirrorHfDays(days, () => ctx.signal.throwIfAborted());
    return {
      days: days.join(','),
      pages: summary.pages,
      new: summary.new,
      updated: summary.updated,
      featured: summary.featured,
    };
  },
});
