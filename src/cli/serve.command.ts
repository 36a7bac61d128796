import { parseArgs } from 'node:util';
import { openApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createNodeServer } from '../http/node-server.js';
import { createHttpApp } from '../http/server.js';
import { createJobRunner, type JobRunner } from '../jobs/runner.js';
import { createLogger } from '../lib/logger.js';
import { loadSampleIfEmpty } from '../services/sample-data.service.js';
import { type Command, UsageError } from './command.js';

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: paperboy serve [options]

Serves paperboy on PAPERBOY_HOST:PAPERBOY_PORT (default 127.0.0.1:3000). Migrates the database
first, and loads the bundled sample dataset when the catalogue is empty (PAPERBOY_SAMPLE_DATA=off
to start empty). Also runs background jobs and their schedules, as \`paperboy worker\` does, unless
--no-worker or PAPERBOY_WORKER=off. Stops cleanly on SIGINT/SIGTERM.

Options:
  --port N       listen on this port (overrides PAPERBOY_PORT)
  --host ADDR    listen on this address (overrides PAPERBOY_HOST)
  --no-worker    serve pages only; separate \`paperboy worker\` processes run the jobs
  -h, --help     show this help`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, 'no-worker': { type: 'boolean' } },
    });
    const config = loadConfig({
      ...process.env,
      ...(values.port !== undefined ? { PAPERBOY_PORT: values.port } : {}),
      ...(values.host !== undefined ? { PAPERBOY_HOST: values.host } : {}),
    });
    if (values.port !== undefined && !/^\d+$/.test(values.port))
      throw new UsageError('--port must be a number');
    const log = createLogger(config.logLevel, 'stdout', config.logFormat);
    // On a terminal, where it will be, before the migrations and the sample say what they do.
    if (process.stdout.isTTY) console.log(`paperboy is starting: ${config.baseUrl} in a moment`);
    const ctx = await openApp(config, log);
    if (config.sampleData)
      await loadSampleIfEmpty(
        ctx.services.importer,
        async () => (await ctx.services.stats.catalogue()).papers,
        log,
      );

    // The search index is built before the first request needs it, then follows the database.
    await ctx.services.searchIndex.ready();
    ctx.services.searchIndex.start();
    // The vectors load in the background (exact search until the approximate index is built).
    ctx.services.semantic.start();

    const app = createHttpApp(ctx);
    const server = createNodeServer(app.fetch, log, { hostname: config.host });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
      server.listen(config.port, config.host);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info(
      { url: config.baseUrl, host: config.host, port, database: ctx.db.description },
      'paperboy listening',
    );
    if (config.jobs.mirrorHfEveryMinutes === 0)
      log.info(
        "Hugging Face mirroring is off: set PAPERBOY_MIRROR_HF_EVERY_MINUTES=30 to fetch each day's papers",
      );
    let jobs: JobRunner | null = null;
    if (config.jobs.workerInServe && !values['no-worker']) {
      jobs = createJobRunner(ctx);
      jobs.start();
    }
    let jobsStopped: ReturnType<JobRunner['stop']> | undefined;

    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info({ signal }, 'shutting down');
        jobsStopped = jobs?.stop();
        server.close(() => resolve());
        // Keep-alive connections would hold close() open: end them.
        if ('closeAllConnections' in server) server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    const abandoned = (await jobsStopped)?.abandoned ?? [];
    ctx.services.searchIndex.stop();
    ctx.services.semantic.stop();
    await ctx.close();
    // A job that ignored the request to stop may hold the process open: its lease hands it on.
    if (abandoned.length > 0) process.exit(0);
    return 0;
  },
};
