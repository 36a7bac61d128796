// A worker process for the concurrency test, with a test-only job kind registered in this process
// only: `test-exclusive` records its run in job_runs (job_id is its primary key, so a job that ran
// twice, at once or one after the other, fails on the second insert) and holds it for a few ms.
//   node --import tsx test/support/job-worker.ts    (PAPERBOY_DATABASE_URL, PAPERBOY_WORKER_CONCURRENCY)
// It opens the app, prints "ready", waits for "go" on stdin (so every worker starts draining at the
// same moment), drains the queue, and prints its counts as JSON.
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import { openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createJobRegistry } from '../../src/jobs/handlers/index.js';
import { defineJob } from '../../src/jobs/job-definition.js';
import { createJobRunner } from '../../src/jobs/runner.js';
import { createLogger } from '../../src/lib/logger.js';

const ctx = await openApp(loadConfig(), createLogger('warn', 'stderr'));
const runner = createJobRunner(ctx, {
  registry: createJobRegistry([
    defineJob({
      kind: 'test-exclusive',
      summary: 'test',
      payload: z.object({ holdMs: z.number() }),
      run: async (p, job) => {
        await sql`insert into job_runs (job_id, worker) values (${job.job.id}, ${process.pid})`.execute(
          ctx.db.kysely,
        );
        await sleep(p.holdMs);
      },
    }),
  ]),
  schedules: [],
  worker: { pollMs: 20 },
});

console.log('ready');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();
const counts = await runner.worker.drain();
console.log(JSON.stringify(counts));
await ctx.close();
