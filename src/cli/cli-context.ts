// Opens paperboy for a CLI command: config from the environment, logs on stderr (stdout is for
// results), errors only unless PAPERBOY_LOG_LEVEL says otherwise: commands print their own results.
import { type AppContext, openApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../lib/logger.js';

export async function openCliApp(): Promise<AppContext> {
  const config = loadConfig();
  const level = process.env.PAPERBOY_LOG_LEVEL ? config.logLevel : 'error';
  return openApp(config, createLogger(level, 'stderr', config.logFormat));
}

/** Runs `work` with an open app and always closes it. */
export async function withCliApp<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openCliApp();
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
