import { parseArgs } from 'node:util';
import { openApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createJobRunner } from '../jobs/runner.js';
import { createLogger } from '../lib/logger.js';
import { type Command, UsageError } from './command.js';

export const workerCommand: Command = {
  name: 'worker',
  help: `Usage: paperboy worker [--once]

Runs background jobs (arXiv harvests, Hugging Face mirrors, housekeeping) from the queue in the
database, and queues the recurring ones the settings ask for (PAPERBOY_HARVEST_ARXIV_SETS,
PAPERBOY_MIRROR_HF_EVERY_MINUTES), until SIGINT or SIGTERM. \`paperboy serve\` runs one too unless
PAPERBOY_WORKER=off; run separate workers when web and background work should scale apart.

Any number of workers can share one database: a job runs in one worker at a time, and a job whose
worker died is taken over once its lease lapses (PAPERBOY_JOB_LEASE_SECONDS). A failed job is tried
again later, waiting longer each time, up to PAPERBOY_JOB_MAX_ATTEMPTS. On SIGINT/SIGTERM the
worker stops taking jobs, lets running ones finish for up to 10 seconds, then queues them again.
Logs are JSON lines on standard output, one per job start, finish and failure.

Options:
  --once       queue what the schedules have due, run every job that is due, then exit
               (for cron and scripts); exits 1 when a job failed for good
  -h, --help   show this help

See \`paperboy jobs\` for what is queued, running and failed.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { once: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals.join(' ')}"`);
    const config = loadConfig();
    const log = createLogger(config.logLevel, 'stdout', config.logFormat);
    const ctx = await openApp(config, log);
    const runner = createJobRunner(ctx);
    // A second signal gets Node's default (exit at once): the lease covers whatever was running.
    const signalled = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    void signalled.then((signal) => {
      log.info({ signal }, 'shutting down');
      return runner.stop();
    });

    let code = 0;
    if (values.once) {
      await runner.scheduler.tick();
      const counts = await runner.worker.drain();
      log.info(counts, 'worker drained the queue');
      if (counts.failed > 0) code = 1;
    } else {
      runner.start();
      await signalled;
    }
    const { abandoned } = await runner.stop();
    await ctx.close();
    // A job that ignored the request to stop may hold the process open (a stalled upstream request):
    // its lease hands it to another worker, so there is nothing left to wait for.
    if (abandoned.length > 0) process.exit(code);
    return code;
  },
};
