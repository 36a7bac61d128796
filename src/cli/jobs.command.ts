import { parseArgs } from 'node:util';
import type { JobRow, JobStatus } from '../db/schema.js';
import { builtinJobs } from '../jobs/handlers/index.js';
import type { JobQueue } from '../jobs/queue.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

const STATUSES: readonly JobStatus[] = ['queued', 'running', 'failed', 'done'];
const kindWidth = Math.max(...builtinJobs.map((j) => j.kind.length));

export const jobsCommand: Command = {
  name: 'jobs',
  help: `Usage: paperboy jobs [--all] [--status STATUS] [--limit N] [--json]
       paperboy jobs retry ID
       paperboy jobs enqueue KIND [--payload JSON] [--key KEY] [--run-at TIME]

Lists background jobs: running ones with their lease, queued ones by when they are due, failed
ones with their last error. \`paperboy worker\` (or \`paperboy serve\`) runs them.

Listing:
  --all              include done jobs
  --status STATUS    only queued, running, failed or done jobs
  --limit N          how many to list (default 50)
  --json             print the jobs as JSON on stdout (the error in full)

retry ID             queue a failed job again, due now, with its attempts reset
enqueue KIND         queue a job; a queued or running job with the same unique key is kept instead
  --payload JSON     the job's payload (default {}), checked against the kind's schema
  --key KEY          a unique key of your own (default: the kind's, e.g. one harvest per set)
  --run-at TIME      when it is due (ISO-8601, default now)

Kinds:
${builtinJobs.map((j) => `  ${j.kind.padEnd(kindWidth)}  ${j.summary}`).join('\n')}

Examples:
  paperboy jobs
  paperboy jobs enqueue harvest-arxiv-oai --payload '{"set":"cs","from":"2026-08-01"}'
  paperboy jobs retry 42`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        all: { type: 'boolean' },
        status: { type: 'string' },
        limit: { type: 'string', default: '50' },
        json: { type: 'boolean' },
        payload: { type: 'string' },
        key: { type: 'string' },
        'run-at': { type: 'string' },
      },
      allowPositionals: true,
    });
    const [action, ...rest] = positionals;
    if (action === 'retry') {
      const id = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(id) || id < 1)
        throw new UsageError('retry takes the number of one job, as listed');
      return withCliApp((ctx) => retry(ctx.services.jobs, id));
    }
    if (action === 'enqueue') {
      const [kind, ...extra] = rest;
      if (kind === undefined || extra.length > 0) throw new UsageError('enqueue takes one job kind');
      let payload: unknown = {};
      if (values.payload !== undefined) {
        try {
          payload = JSON.parse(values.payload);
        } catch {
          throw new UsageError('--payload must be JSON, like \'{"set":"cs"}\'');
        }
      }
      const runAt = values['run-at'] === undefined ? undefined : new Date(values['run-at']);
      if (runAt && Number.isNaN(runAt.getTime()))
        throw new UsageError('--run-at must be a time like 2026-08-22T09:00:00Z');
      return withCliApp(async (ctx) => {
        const { job, created } = await ctx.services.jobs.enqueueAny(kind, payload, {
          ...(values.key !== undefined ? { uniqueKey: values.key } : {}),
          ...(runAt ? { runAt } : {}),
        });
        if (values.json) console.log(JSON.stringify({ created, job: jobJson(job) }, null, 2));
        else if (created) console.log(`queued job ${job.id} (${job.kind}), due ${formatTime(job.run_at)}`);
        else
          console.log(
            `job ${job.id} (${job.kind}) with key ${job.unique_key ?? ''} is already ${job.status}; nothing queued`,
          );
        return 0;
      });
    }
    if (action !== undefined) throw new UsageError(`unknown action "${action}" (retry or enqueue)`);

    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    let statuses: JobStatus[] = values.all ? [...STATUSES] : ['running', 'queued', 'failed'];
    if (values.status !== undefined) {
      const status = STATUSES.find((s) => s === values.status);
      if (!status) throw new UsageError('--status must be queued, running, failed or done');
      statuses = [status];
    }
    return withCliApp(async (ctx) => {
      const jobs = await ctx.services.jobs.list(statuses, limit);
      if (values.json) {
        console.log(JSON.stringify(jobs.map(jobJson), null, 2));
        return 0;
      }
      const counts = await ctx.services.jobs.counts();
      if (jobs.length > 0) console.log(table(jobs));
      else console.log(`no ${statuses.join(', ')} jobs`);
      console.log(
        `\n${STATUSES.map((s) => `${counts[s]} ${s}`).join(', ')}` +
          (counts.failed > 0 ? '; `paperboy jobs retry ID` queues a failed job again' : ''),
      );
      return 0;
    });
  },
};

async function retry(jobs: JobQueue, id: number): Promise<number> {
  const outcome = await jobs.retry(id);
  switch (outcome) {
    case 'queued':
      console.log(`job ${id} queued again`);
      return 0;
    case 'not-found':
      console.error(`paperboy jobs: there is no job ${id}`);
      return 1;
    case 'not-failed': {
      const job = await jobs.find(id);
      console.error(`paperboy jobs: job ${id} is ${job?.status ?? 'gone'}, not failed`);
      return 1;
    }
    case 'duplicate':
      console.error(
        `paperboy jobs: job ${id} is not queued again: a job with the same key is queued or running`,
      );
      return 1;
  }
}

function table(jobs: JobRow[]): string {
  const rows = jobs.map((j) => [
    String(j.id),
    j.kind,
    j.status,
    `${j.attempts}/${j.max_attempts}`,
    j.status === 'queued' || j.status === 'running' ? formatTime(j.run_at) : '',
    j.status === 'running' && j.locked_until ? `${formatTime(j.locked_until)} ${j.locked_by ?? ''}` : '',
    j.payload === '{}' ? '' : j.payload,
    firstLine(j.last_error),
  ]);
  const header = ['ID', 'KIND', 'STATUS', 'ATTEMPTS', 'DUE (UTC)', 'LEASE UNTIL', 'PAYLOAD', 'LAST ERROR'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `2026-08-22 09:00:00` (UTC, to the second). */
function formatTime(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

function firstLine(text: string | null): string {
  if (text === null) return '';
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function jobJson(j: JobRow) {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    payload: JSON.parse(j.payload) as unknown,
    uniqueKey: j.unique_key,
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    runAt: j.run_at,
    lockedBy: j.locked_by,
    lockedUntil: j.locked_until,
    lastError: j.last_error,
    createdAt: j.created_at,
    updatedAt: j.updated_at,
    finishedAt: j.finished_at,
  };
}
