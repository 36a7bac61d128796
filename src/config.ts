// Environment -> typed config, validated once at boot. Nothing else in paperboy reads process.env.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** Every setting, its default and its meaning. The README's settings table is written from this. */
export const configSchema = z.object({
  PAPERBOY_PORT: port.default(3000).describe('HTTP port of `paperboy serve`.'),
  PAPERBOY_HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('Interface to listen on; `0.0.0.0` to accept connections from other machines.'),
  PAPERBOY_DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/paperboy.db')
    .describe('`sqlite:PATH` (embedded, the default) or `postgres://user@host:port/db`.'),
  PAPERBOY_BASE_URL: z
    .url()
    .optional()
    .describe('Public address used in feeds, emails and canonical links. Default: http://localhost:PORT.'),
  PAPERBOY_SITE_NAME: z
    .string()
    .min(1)
    .default('paperboy')
    .describe('Name shown in pages, feeds and emails.'),
  PAPERBOY_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level of the JSON logs written to standard output.'),
  PAPERBOY_SAMPLE_DATA: bool
    .default(true)
    .describe('Load the bundled sample dataset when `serve` starts on an empty database.'),
  PAPERBOY_TRENDING_WINDOW_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(7)
    .describe('How many days of featured papers compete on the trending page.'),
  PAPERBOY_PAGE_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(10)
    .describe('Seconds an anonymous page may be served from the in-process cache (0 turns it off).'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  baseUrl: string;
  siteName: string;
  logLevel: z.infer<typeof configSchema>['PAPERBOY_LOG_LEVEL'];
  sampleData: boolean;
  trendingWindowDays: number;
  pageCacheSeconds: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('PAPERBOY_') && v !== undefined && v !== ''),
  );
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PAPERBOY_PORT,
    host: c.PAPERBOY_HOST,
    databaseUrl: c.PAPERBOY_DATABASE_URL,
    baseUrl: (c.PAPERBOY_BASE_URL ?? `http://localhost:${c.PAPERBOY_PORT}`).replace(/\/+$/, ''),
    siteName: c.PAPERBOY_SITE_NAME,
    logLevel: c.PAPERBOY_LOG_LEVEL,
    sampleData: c.PAPERBOY_SAMPLE_DATA,
    trendingWindowDays: c.PAPERBOY_TRENDING_WINDOW_DAYS,
    pageCacheSeconds: c.PAPERBOY_PAGE_CACHE_SECONDS,
  };
}
