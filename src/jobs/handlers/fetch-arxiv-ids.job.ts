// Fetches papers by arXiv id (new or updated metadata), 100 ids per upstream request.
import { z } from 'zod';
import { parseArxivId } from '../../domain/arxiv-id.js';
import { defineJob } from '../job-definition.js';

export const fetchArxivIdsJob = defineJob({
  kind: 'fetch-arxiv-ids',
  summary: 'fetch papers by arXiv id: {"ids": ["2406.12345", "hep-th/9901001", ...]}',
  payload: z
    .object({
      ids: z
        .array(z.string().refine((id) => parseArxivId(id) !== null, 'must be an arXiv id like 2406.12345'))
        .min(1)
        .max(10_000),
    })
    .strict(),
  async run(p, ctx) {
    const summary = await ctx.services.ingest.fetchArxivIds(p.ids, () => ctx.signal.throwIfAborted());
    return {
      requested: p.ids.length,
      new: summary.new,
      updated: summary.updated,
      missing: summary.missing.length,
    };
  },
});
