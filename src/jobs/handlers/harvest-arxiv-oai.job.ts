// Harvests an arXiv OAI-PMH set incrementally (the scheduler queues one per configured set). The
// ingest service keeps the set's cursor in the same transaction as each page, so a run that is killed
// or retried continues at the page after the last one committed. While another harvest of the set
// runs (`paperboy ingest arxiv --oai` from cron, say), the service refuses with HarvestBusyError and
// the job is retried later, like any failure that may pass.
import { z } from 'zod';
import { addDays, dayOf, isDay } from '../../domain/days.js';
import { InvalidInputError } from '../../services/errors.js';
import type { OaiHarvestSummary } from '../../services/ingest.service.js';
import { defineJob } from '../job-definition.js';

const day = z.string().refine(isDay, 'must be a day like 2026-08-21');

export const harvestArxivOaiJob = defineJob({
  kind: 'harvest-arxiv-oai',
  summary: 'harvest an arXiv OAI-PMH set: {"set": "cs", "from"?: DAY, "until"?: DAY}',
  payload: z
    .object({
      set: z
        .string()
        .regex(/^[A-Za-z-]+(?::[A-Za-z-]+)*$/, 'must be an OAI-PMH set like cs or physics:hep-th'),
      from: day.optional(),
      until: day.optional(),
    })
    .strict(),
  // Two harvests of one set would race on its cursor: one at a time, whatever the days asked.
  uniqueKey: (p) => `harvest-arxiv-oai:${p.set}`,
  async run(p, ctx) {
    // Called after each committed page: the natural place to stop when the worker asks.
    const onProgress = () => ctx.signal.throwIfAborted();
    const harvest = (from: string | undefined) =>
      ctx.services.ingest.harvestOai({ set: p.set, from: from ?? null, until: p.until ?? null }, onProgress);
    let summary: OaiHarvestSummary;
    try {
      summary = await harvest(p.from);
    } catch (err) {
      // A scheduled harvest names no day; the service needs one for a set it has never harvested.
      // Start with the previous day's changes (older papers are a back-fill for `paperboy ingest`).
      if (p.from !== undefined || !(err instanceof InvalidInputError) || err.field !== 'from') throw err;
      const from = addDays(dayOf(ctx.clock.now()), -1);
      ctx.log.info({ set: p.set, from }, 'first harvest of this set; starting from the previous day');
      summary = await harvest(from);
    }
    return {
      set: summary.set,
      from: summary.from,
      pages: summary.pages,
      new: summary.new,
      updated: summary.updated,
      resumed: summary.resumed,
      next_from: summary.nextFrom,
    };
  },
});
