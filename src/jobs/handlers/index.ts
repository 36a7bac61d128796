// The registry of job kinds: kind -> payload schema and handler. To add a kind, write its
// `<kind>.job.ts` beside these (a `defineJob` call) and list it below; the queue, the worker, the
// CLI and `paperboy jobs --help` pick it up from here. Tests add kinds of their own through
// `createJobRegistry(extra)` without shipping them.
import type { z } from 'zod';
import type { JobDefinition } from '../job-definition.js';
import { cacheImagesJob } from './cache-images.job.js';
import { embedPapersJob } from './embed-papers.job.js';
import { fetchArxivIdsJob } from './fetch-arxiv-ids.job.js';
import { harvestArxivOaiJob } from './harvest-arxiv-oai.job.js';
import { mirrorHfDailyJob } from './mirror-hf-daily.job.js';
import { planDigestsJob } from './plan-digests.job.js';
import { pruneDeliveryJob } from './prune-delivery.job.js';
import { pruneJobsJob } from './prune-jobs.job.js';
import { sendOutboxJob } from './send-outbox.job.js';

export const builtinJobs = [
  harvestArxivOaiJob,
  mirrorHfDailyJob,
  fetchArxivIdsJob,
  pruneJobsJob,
  embedPapersJob,
  planDigestsJob,
  sendOutboxJob,
  pruneDeliveryJob,
  cacheImagesJob,
] as const;

export type BuiltinJob = (typeof builtinJobs)[number];
export type BuiltinJobKind = BuiltinJob['kind'];
/** What a kind accepts when queued: its schema's input (fields with defaults may be left out). */
export type JobPayloadInput<K extends BuiltinJobKind> = z.input<Extract<BuiltinJob, { kind: K }>['payload']>;

export class JobRegistry {
  private readonly byKind = new Map<string, JobDefinition>();

  constructor(definitions: readonly JobDefinition[]) {
    for (const definition of definitions) {
      if (this.byKind.has(definition.kind)) throw new Error(`job kind ${definition.kind} is defined twice`);
      this.byKind.set(definition.kind, definition);
    }
  }

  get(kind: string): JobDefinition | undefined {
    return this.byKind.get(kind);
  }

  /** Kinds this registry can run: a worker claims only these, so a worker of an older release
   * leaves a newer kind to the workers that know it. */
  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  list(): JobDefinition[] {
    return [...this.byKind.values()];
  }
}

export function createJobRegistry(extra: readonly JobDefinition[] = []): JobRegistry {
  return new JobRegistry([...builtinJobs, ...extra]);
}
