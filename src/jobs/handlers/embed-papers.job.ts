// Keeps vectors current in the background: retrains the builtin model when the catalogue has grown
// by PAPERBOY_EMBEDDER_RETRAIN_GROWTH (a new model re-embeds every paper while the old vectors keep
// serving), then embeds papers that lack a vector for the active model or whose text changed.
// Idempotent and resumable: vectors are written batch by batch, and a rerun skips what is current.
import { z } from 'zod';
import type { Services } from '../../app.js';

const payload = z
  .object({
    /** Embed every paper again, current or not. */
    all: z.boolean().default(false),
    /** Train a new builtin model first even if the catalogue has not grown enough. */
    train: z.boolean().default(false),
  })
  .strict();

/** A job definition (see ../job-definition.ts); typed by shape so this file stands on its own. */
export const embedPapersJob = {
  kind: 'embed-papers' as const,
  summary:
    'embed papers missing a current vector (retraining the builtin model when due): {"all"?: false, "train"?: false}',
  payload,
  uniqueKey: () => 'embed-papers',
  async run(p: z.output<typeof payload>, ctx: { services: Services; signal: AbortSignal }) {
    const { embeddings } = ctx.services;
    const trained = p.train ? await embeddings.train(ctx.signal) : await embeddings.retrainIfDue(ctx.signal);
    const r = await embeddings.embedPending({ all: p.all, signal: ctx.signal });
    return {
      model: r.model,
      trained: trained?.model ?? null,
      embedded: r.embedded,
      scanned: r.scanned,
      complete: r.complete,
      removed: r.removed,
    };
  },
} as const;
