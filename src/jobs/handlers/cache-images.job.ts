// Fetches the thumbnails and avatars the feed shows into the media cache, so our pages serve them
// from /media/ and no reader's browser asks a third party (services/media.service.ts). Scheduled when
// PAPERBOY_IMAGE_CACHE is on (by default, when the Hugging Face mirror is); a run takes a batch and
// the next run continues. Idempotent: each picture is one upsert.
import { z } from 'zod';
import { defineJob } from '../job-definition.js';

export const cacheImagesJob = defineJob({
  kind: 'cache-images',
  summary: 'fetch the thumbnails and avatars the feed shows into the media cache: {"limit"?: 200}',
  payload: z.object({ limit: z.number().int().min(1).max(5000).default(200) }).strict(),
  routine: true,
  uniqueKey: () => 'cache-images',
  async run(p, ctx) {
    return ctx.services.media.cacheDue(p.limit, ctx.signal);
  },
});
