// Environment -> typed config, validated once at boot. Nothing else in paperboy reads process.env.
import { z } from 'zod';

// Numeric settings say what they take, whatever is wrong with a value ("abc", 1.5, 70000): one
// sentence from their bounds instead of zod's "expected number, received NaN".

/** A whole number from `min` to `max`. */
function wholeNumber(min: number, max: number) {
  return z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int()
    .min(min)
    .max(max);
}

/** A number, fractions allowed, from `min` to `max`; with `above`, `min` itself is refused too. */
function decimal(min: number, max: number, options: { above?: boolean } = {}) {
  const error = options.above
    ? `must be a number above ${min}, at most ${max}`
    : `must be a number from ${min} to ${max}`;
  const n = z.coerce.number({ error });
  return (options.above ? n.gt(min) : n.min(min)).max(max);
}

/** A duration in seconds, up to a day; fractions allowed (tests use milliseconds). */
const seconds = (min = 0, options: { above?: boolean } = {}) => decimal(min, 86_400, options);

const port = wholeNumber(0, 65535);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
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
    .describe(
      'Public address used in feeds, emails and canonical links. Default: the address the server listens on (http://127.0.0.1:PORT), so an emailed link opens on the same host its cookie was set for.',
    ),
  PAPERBOY_SITE_NAME: z
    .string()
    .min(1)
    .default('paperboy')
    .describe('Name shown in pages, feeds and emails.'),
  PAPERBOY_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level of the logs written to standard output.'),
  PAPERBOY_LOG_FORMAT: z
    .enum(['auto', 'json', 'pretty'], { error: 'must be auto, json or pretty' })
    .default('auto')
    .describe(
      'Logs as JSON lines (for collectors and files) or as readable lines (pretty); auto: readable on a terminal, JSON otherwise.',
    ),
  PAPERBOY_SAMPLE_DATA: bool
    .default(true)
    .describe('Load the bundled sample dataset when `serve` starts on an empty database.'),
  PAPERBOY_TRENDING_WINDOW_DAYS: wholeNumber(1, 365)
    .default(7)
    .describe('How many days of featured papers compete on the trending page.'),
  PAPERBOY_PAGE_CACHE_SECONDS: wholeNumber(0, 3600)
    .default(10)
    .describe('Seconds an anonymous page may be served from the in-process cache (0 turns it off).'),
  PAPERBOY_SEARCH_REFRESH_SECONDS: seconds(0, { above: true })
    .default(3)
    .describe(
      'How often each web process looks for changed papers to keep its in-process search index fresh.',
    ),
  PAPERBOY_SEARCH_REFRESH_OVERLAP_SECONDS: seconds()
    .default(120)
    .describe(
      'How far back each look for changed papers reaches before the newest change seen; longer than the longest import transaction, so late commits are not missed.',
    ),
  PAPERBOY_SEARCH_FUSION: z
    .enum(['score', 'rrf'])
    .default('score')
    .describe(
      'How keyword and vector results are combined: `score` (BM25 relative to the best match plus 0.3 × cosine; best with the builtin embedder) or `rrf` (reciprocal rank fusion; worth trying with a strong embedder).',
    ),
  PAPERBOY_SEARCH_EMBED_TIMEOUT_SECONDS: seconds(0, { above: true })
    .default(1.5)
    .describe(
      'Longest a search waits for its query embedding and vector search; past it, the results are keyword results and say so.',
    ),
  PAPERBOY_ARXIV_API_URL: httpUrl
    .default('https://export.arxiv.org/api/query')
    .describe('arXiv export API endpoint used by `ingest arxiv --ids/--query` and `feature`.'),
  PAPERBOY_ARXIV_OAI_URL: httpUrl
    .default('https://oaipmh.arxiv.org/oai')
    .describe('arXiv OAI-PMH endpoint used by `ingest arxiv --oai`.'),
  PAPERBOY_HF_API_URL: httpUrl
    .default('https://huggingface.co')
    .describe('Hugging Face site whose `/api/daily_papers` `ingest hf` mirrors.'),
  PAPERBOY_ARXIV_MIN_INTERVAL_SECONDS: seconds()
    .default(3)
    .describe('Least time between two requests to an arXiv host (arXiv asks for 3 seconds).'),
  PAPERBOY_HF_MIN_INTERVAL_SECONDS: seconds()
    .default(1)
    .describe('Least time between two requests to Hugging Face.'),
  PAPERBOY_HTTP_TIMEOUT_SECONDS: seconds(0, { above: true })
    .default(30)
    .describe('Time allowed for one upstream request, body included, before it is retried.'),
  PAPERBOY_HTTP_MAX_RETRIES: wholeNumber(0, 10)
    .default(4)
    .describe('Retries of an upstream request after a 429, a 5xx, a timeout or a dropped connection.'),
  PAPERBOY_HTTP_BACKOFF_SECONDS: seconds()
    .default(2)
    .describe('Wait before the first retry; it doubles with each retry (with jitter).'),
  PAPERBOY_HTTP_MAX_WAIT_SECONDS: seconds()
    .default(300)
    .describe(
      'Longest wait before a retry; a `Retry-After` asking for longer makes paperboy give up instead.',
    ),
  PAPERBOY_CONTACT_EMAIL: z
    .email()
    .optional()
    .describe('Contact address put in the User-Agent of upstream requests, as arXiv asks of harvesters.'),
  PAPERBOY_WORKER: bool
    .default(true)
    .describe(
      'Whether `paperboy serve` also runs background jobs and schedules in its own process; `off` when separate `paperboy worker` processes do that work.',
    ),
  PAPERBOY_WORKER_CONCURRENCY: wholeNumber(1, 32)
    .default(1)
    .describe('Jobs one worker process runs at the same time.'),
  PAPERBOY_JOB_LEASE_SECONDS: seconds(0.2)
    .default(300)
    .describe(
      'How long a running job stays reserved for its worker without news from it; the worker renews it while the job runs, and a job whose worker died is taken over once it lapses.',
    ),
  PAPERBOY_JOB_MAX_ATTEMPTS: wholeNumber(1, 100)
    .default(5)
    .describe(
      'Attempts before a job is marked failed (`paperboy jobs retry ID` queues it again); retries wait longer each time.',
    ),
  PAPERBOY_HARVEST_ARXIV_SETS: z
    .string()
    .regex(
      /^\s*[A-Za-z-]+(?::[A-Za-z-]+)*\s*(?:,\s*[A-Za-z-]+(?::[A-Za-z-]+)*\s*)*,?\s*$/,
      'must be OAI-PMH sets separated by commas, like cs,math,physics:hep-th',
    )
    .optional()
    .describe(
      'arXiv OAI-PMH sets to harvest on a schedule, comma-separated (`cs,stat`); none by default. Each harvest continues where the last one stopped; the first starts from the previous day.',
    ),
  PAPERBOY_HARVEST_ARXIV_EVERY_MINUTES: wholeNumber(1, 10_080)
    .default(60)
    .describe('Minutes between two scheduled harvests of each set.'),
  PAPERBOY_MIRROR_HF_EVERY_MINUTES: wholeNumber(0, 10_080)
    .default(0)
    .describe(
      "Minutes between two mirrors of today's and yesterday's Hugging Face daily papers, e.g. 30; 0 (the default) is off: a new install asks no third party anything until told to. Turning it off also ends a mirror job left queued.",
    ),
  PAPERBOY_EMBED_EVERY_MINUTES: wholeNumber(0, 10_080)
    .default(10)
    .describe(
      'Minutes between two background runs that embed new or changed papers for semantic search and related papers, training the builtin model first when there is none (0 turns it off; so does PAPERBOY_EMBEDDER=off).',
    ),
  PAPERBOY_IMAGE_CACHE: z
    .enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' })
    .default('auto')
    .describe(
      "Whether the server fetches papers' thumbnails and submitters' avatars into its own cache (a job every 10 minutes), to serve them at /media/; auto: when the Hugging Face mirror is on. Pages never load pictures from a third party: a picture not cached is drawn by paperboy (a cover of the paper, the submitter's initials).",
    ),
  PAPERBOY_IMAGE_HOSTS: z
    .string()
    .default('cdn-thumbnails.huggingface.co,cdn-avatars.huggingface.co,huggingface.co')
    .describe(
      'Hosts pictures may be fetched from over https, comma-separated (or origins such as http://10.0.0.5:8080 for plain http): an imported file cannot make the server fetch anything else.',
    ),
  PAPERBOY_IMAGE_MAX_BYTES: wholeNumber(1024, 50_000_000)
    .default(5_000_000)
    .describe('Largest picture fetched into the cache; a larger one is drawn instead.'),
  PAPERBOY_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)')
    .optional()
    .describe(
      'Server secret that signs CSRF tokens. When unset, one is generated on first start and kept in the database, so every process shares it.',
    ),
  PAPERBOY_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .describe(
      'SMTP server for sign-in links, digests and alerts, e.g. `smtps://user:pass@mail.example.org:465`. When unset, emails are written to the log instead (local development).',
    ),
  PAPERBOY_MAIL_FROM: z
    .string()
    .min(3)
    .optional()
    .describe(
      'Sender of emails, e.g. `paperboy <papers@example.org>`. Default: no-reply at the host of PAPERBOY_BASE_URL.',
    ),
  PAPERBOY_TRUST_PROXY: bool
    .default(false)
    .describe(
      'Take the client address from the last X-Forwarded-For entry (set by your reverse proxy) for rate limits; leave off when clients reach paperboy directly.',
    ),
  PAPERBOY_PASSWORD_SIGNIN: bool
    .default(true)
    .describe('Let users set a password and sign in with it, besides the emailed link.'),
  PAPERBOY_SIGNIN_LINK_MINUTES: wholeNumber(1, 120)
    .default(15)
    .describe('Minutes an emailed sign-in link stays valid; each link works once.'),
  PAPERBOY_SIGNIN_LINKS_PER_EMAIL: wholeNumber(1, 20)
    .default(3)
    .describe(
      'Unused, unexpired sign-in links an email address may hold; while it holds this many, asking for another mails nothing (the mailbox already has working links), so nobody can flood an inbox or lock it out.',
    ),
  PAPERBOY_SESSION_IDLE_DAYS: decimal(0.01, 365)
    .default(14)
    .describe('A session unused for this many days ends.'),
  PAPERBOY_SESSION_MAX_DAYS: decimal(0.01, 3650)
    .default(60)
    .describe('A session ends this many days after sign-in, however active.'),
  PAPERBOY_RATE_LIMITS: z
    .string()
    .regex(
      /^\s*[a-z]+:\d+\/\d*[smhd](\s*,\s*[a-z]+:\d+\/\d*[smhd])*\s*$/,
      'must be a list like signin:10/15m,comment:30/1h',
    )
    .default(
      'signin:10/15m,password:10/15m,vote:300/1h,comment:30/1h,edit:30/1h,submit:60/1h,handle:5/1d,token:10/1h,flag:20/1h,subscribe:5/1h,library:600/1h,follow:120/1h,references:20/1h',
    )
    .describe(
      'Most actions per account and per client address in a window (s, m, h, d); actions: signin (sign-in link requests and uses, per address only), password (password sign-ins and password changes, per address and per email address), vote, comment, edit (comment edits), submit (submission attempts, accepted or not: only against abuse; accepted submissions are capped by PAPERBOY_SUBMISSIONS_PER_DAY), handle (handle changes), token, flag, subscribe (subscription requests, also counted per email address), library (saves, notes, read marks, collection edits, feedback on the personal feed), follow, references (BibTeX/RIS imports into a collection). Omitted actions keep their default.',
    ),
  PAPERBOY_NEW_ACCOUNT_HOURS: decimal(0, 8760)
    .default(24)
    .describe('Accounts younger than this get the lower limits of PAPERBOY_NEW_ACCOUNT_RATE_FACTOR.'),
  PAPERBOY_NEW_ACCOUNT_RATE_FACTOR: decimal(0.01, 1)
    .default(0.25)
    .describe('Share of each per-account limit a new account gets (0.25: a quarter, rounded up).'),
  PAPERBOY_COMMENT_EDIT_MINUTES: decimal(0, 10_080)
    .default(15)
    .describe('Minutes after posting during which a comment can be edited.'),
  PAPERBOY_SUBMISSION_MAX_AGE_DAYS: wholeNumber(1, 36_500)
    .default(30)
    .describe('Members may submit papers published at most this many days ago (curators may submit any).'),
  PAPERBOY_SUBMISSIONS_PER_DAY: wholeNumber(0, 1000)
    .default(5)
    .describe(
      'Papers a member may submit per UTC day, counting accepted submissions only (curators are exempt).',
    ),
  PAPERBOY_SUBMIT_ARXIV_WAIT_SECONDS: decimal(1, 120)
    .default(8)
    .describe(
      'Longest wait for arXiv when a submitted paper is new here; past it the form comes back with the text kept and says arXiv did not answer.',
    ),
  PAPERBOY_DIGEST_SIZE: wholeNumber(1, 50)
    .default(10)
    .describe('Trending papers in a digest email, and new matches shown per topic alert.'),
  PAPERBOY_ALERTS_PER_SUBSCRIPTION: wholeNumber(0, 200)
    .default(20)
    .describe('Topic alerts (saved searches) one email subscription may hold.'),
  PAPERBOY_MAIL_PER_MINUTE: wholeNumber(0, 100_000)
    .default(120)
    .describe(
      'Emails handed to the SMTP server per minute by all processes together (0: no limit); the rest wait in the outbox.',
    ),
  PAPERBOY_MAIL_MAX_ATTEMPTS: wholeNumber(1, 50)
    .default(8)
    .describe(
      'Attempts to hand one email to the SMTP server (temporary failures, dropped connections) before it is given up.',
    ),
  PAPERBOY_MAIL_RETRY_SECONDS: seconds(0.01)
    .default(60)
    .describe(
      'Wait before retrying an email after a temporary failure; it doubles with each attempt, up to 6 hours.',
    ),
  PAPERBOY_MAIL_LEASE_SECONDS: seconds(0.2)
    .default(120)
    .describe(
      'How long an email being sent stays reserved for its sender; one whose sender died is sent again (same Message-ID) once it lapses.',
    ),
  PAPERBOY_MAIL_PAUSE_AFTER_FAILURES: wholeNumber(1, 100)
    .default(3)
    .describe(
      'Hard failures in a row (refused addresses, bounces, emails given up) after which a subscription is paused; admins see it on /mod/delivery.',
    ),
  PAPERBOY_BOUNCE_WEBHOOK_SECRET: z
    .string()
    .min(24, 'must be at least 24 characters')
    .optional()
    .describe(
      'Enables `POST /hooks/mail-bounces` for your mail provider or bounce processor, authenticated by `Authorization: Bearer SECRET`. Off when unset.',
    ),
  PAPERBOY_EMBEDDER: z
    .enum(['builtin', 'transformers', 'openai', 'off'])
    .default('builtin')
    .describe(
      'What turns abstracts and queries into vectors for semantic search and related papers: `builtin` (a model trained from your own catalogue by `paperboy embed --train`), `transformers` (a local ONNX model directory), `openai` (any OpenAI-compatible `/v1/embeddings` endpoint: Ollama, vLLM, TEI, OpenAI) or `off`.',
    ),
  PAPERBOY_EMBEDDING_DIM: wholeNumber(8, 1024)
    .default(256)
    .describe('Dimensions of the builtin model (more: finer meaning, larger model and slower training).'),
  PAPERBOY_EMBEDDER_TRAINER: z
    .enum(['dual', 'lsa'])
    .default('dual')
    .describe(
      "How the builtin model learns from the catalogue: `dual` (a dual encoder trained to place a paper's title, sentences and passages near each other, started from LSA; better at descriptions in other words) or `lsa` (latent semantic analysis alone: faster to train). Measured in docs/search-quality.md.",
    ),
  PAPERBOY_EMBEDDER_RETRAIN_GROWTH: decimal(0.01, 100)
    .default(0.25)
    .describe(
      'Retrain the builtin model when the catalogue has grown by this fraction since it was trained (0.25 = 25% more papers); papers are then re-embedded in the background.',
    ),
  PAPERBOY_EMBEDDER_TIMEOUT_SECONDS: seconds(0, { above: true })
    .default(10)
    .describe(
      'Time allowed for one embedding request; a search whose query cannot be embedded in time falls back to keywords.',
    ),
  PAPERBOY_EMBEDDER_BATCH_SIZE: wholeNumber(1, 2048)
    .default(32)
    .describe('Texts sent to the embedder in one request when embedding papers.'),
  PAPERBOY_EMBEDDER_MAX_RETRIES: wholeNumber(0, 10)
    .default(3)
    .describe('Retries of an embedding request after a 429, a 5xx, a timeout or a dropped connection.'),
  PAPERBOY_TRANSFORMERS_MODEL_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'For `transformers`: a local sentence-embedding model directory (config.json, tokenizer.json, onnx/model.onnx). Nothing is downloaded.',
    ),
  PAPERBOY_OPENAI_BASE_URL: z
    .url()
    .optional()
    .describe(
      'For `openai`: the server, e.g. http://127.0.0.1:11434 for Ollama; `/v1/embeddings` is appended.',
    ),
  PAPERBOY_OPENAI_MODEL: z.string().min(1).optional().describe('For `openai`: the embedding model name.'),
  PAPERBOY_OPENAI_DIMENSIONS: wholeNumber(1, 8192)
    .optional()
    .describe('For `openai`: dimensions of the vectors the model returns (checked on every answer).'),
  PAPERBOY_OPENAI_API_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('For `openai`: sent as a Bearer token; local servers usually need none.'),
});

/** Which embedder makes vectors, and how to reach it (src/search/embeddings/embedder-factory.ts). */
export type EmbedderConfig = {
  kind: 'builtin' | 'transformers' | 'openai' | 'off';
  builtinDim: number;
  /** How the builtin model is trained (search/embeddings/dual.trainer.ts, lsa.trainer.ts). */
  builtinTrainer: 'dual' | 'lsa';
  retrainGrowth: number;
  timeoutSeconds: number;
  batchSize: number;
  maxRetries: number;
  transformersModelDir: string | null;
  openai: { baseUrl: string; model: string; dimensions: number; apiKey: string | null } | null;
};

/** Background jobs and their schedules (src/jobs/). */
export type JobsConfig = {
  /** `serve` runs a worker and the scheduler in-process. */
  workerInServe: boolean;
  concurrency: number;
  leaseSeconds: number;
  maxAttempts: number;
  harvestArxivSets: string[];
  harvestArxivEveryMinutes: number;
  /** 0: off. */
  mirrorHfEveryMinutes: number;
  /** 0: off (also when no embedder is configured). */
  embedEveryMinutes: number;
  /** 0: off; the cache-images job (PAPERBOY_IMAGE_CACHE). */
  cacheImagesEveryMinutes: number;
};

/** Pictures for our pages: the media cache and where it may fetch from (services/media.service.ts). */
export type MediaConfig = {
  /** Whether the cache-images job fetches pictures at all. */
  fetch: boolean;
  /** Hosts pictures may be fetched from over https (`cdn-thumbnails.huggingface.co`), or origins (`http://10.0.0.5:8080`). */
  hosts: readonly string[];
  maxBytes: number;
};

/** A per-action rate limit (src/services/rate-limit.service.ts). */
export type RateLimit = { max: number; windowSeconds: number };
export type RateAction =
  | 'signin'
  | 'password'
  | 'edit'
  | 'handle'
  | 'vote'
  | 'comment'
  | 'submit'
  | 'token'
  | 'flag'
  | 'subscribe'
  | 'library'
  | 'follow'
  | 'references';

/** Accounts, sessions, email, abuse limits and community rules. */
export type CommunityConfig = {
  /** Null: generated once and kept in the settings table. */
  secret: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  trustProxy: boolean;
  passwordSignIn: boolean;
  signInLinkMinutes: number;
  signInLinksPerEmail: number;
  sessionIdleDays: number;
  sessionMaxDays: number;
  rateLimits: Record<RateAction, RateLimit>;
  newAccountHours: number;
  newAccountRateFactor: number;
  commentEditMinutes: number;
  submissionMaxAgeDays: number;
  submissionsPerDay: number;
  submitWaitSeconds: number;
};

/** Email subscriptions, digests, topic alerts and the outbox (src/services/subscriptions.service.ts). */
export type DeliveryConfig = {
  digestSize: number;
  alertsPerSubscription: number;
  /** 0: no limit. */
  mailPerMinute: number;
  mailMaxAttempts: number;
  mailRetrySeconds: number;
  mailLeaseSeconds: number;
  pauseAfterFailures: number;
  bounceWebhookSecret: string | null;
};

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  baseUrl: string;
  siteName: string;
  logLevel: z.infer<typeof configSchema>['PAPERBOY_LOG_LEVEL'];
  logFormat: z.infer<typeof configSchema>['PAPERBOY_LOG_FORMAT'];
  sampleData: boolean;
  trendingWindowDays: number;
  pageCacheSeconds: number;
  searchRefreshSeconds: number;
  searchRefreshOverlapSeconds: number;
  searchEmbedTimeoutSeconds: number;
  searchFusion: 'score' | 'rrf';
  arxivApiUrl: string;
  arxivOaiUrl: string;
  hfApiUrl: string;
  arxivMinIntervalSeconds: number;
  hfMinIntervalSeconds: number;
  httpTimeoutSeconds: number;
  httpMaxRetries: number;
  httpBackoffSeconds: number;
  httpMaxWaitSeconds: number;
  contactEmail: string | null;
  embedder: EmbedderConfig;
  jobs: JobsConfig;
  /** Pictures for our pages (services/media.service.ts). */
  media: MediaConfig;
  community: CommunityConfig;
  delivery: DeliveryConfig;
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
    baseUrl: (c.PAPERBOY_BASE_URL ?? localBaseUrl(c.PAPERBOY_HOST, c.PAPERBOY_PORT)).replace(/\/+$/, ''),
    siteName: c.PAPERBOY_SITE_NAME,
    logLevel: c.PAPERBOY_LOG_LEVEL,
    logFormat: c.PAPERBOY_LOG_FORMAT,
    sampleData: c.PAPERBOY_SAMPLE_DATA,
    trendingWindowDays: c.PAPERBOY_TRENDING_WINDOW_DAYS,
    pageCacheSeconds: c.PAPERBOY_PAGE_CACHE_SECONDS,
    searchRefreshSeconds: c.PAPERBOY_SEARCH_REFRESH_SECONDS,
    searchRefreshOverlapSeconds: c.PAPERBOY_SEARCH_REFRESH_OVERLAP_SECONDS,
    searchEmbedTimeoutSeconds: c.PAPERBOY_SEARCH_EMBED_TIMEOUT_SECONDS,
    searchFusion: c.PAPERBOY_SEARCH_FUSION,
    arxivApiUrl: c.PAPERBOY_ARXIV_API_URL,
    arxivOaiUrl: c.PAPERBOY_ARXIV_OAI_URL,
    hfApiUrl: c.PAPERBOY_HF_API_URL.replace(/\/+$/, ''),
    arxivMinIntervalSeconds: c.PAPERBOY_ARXIV_MIN_INTERVAL_SECONDS,
    hfMinIntervalSeconds: c.PAPERBOY_HF_MIN_INTERVAL_SECONDS,
    httpTimeoutSeconds: c.PAPERBOY_HTTP_TIMEOUT_SECONDS,
    httpMaxRetries: c.PAPERBOY_HTTP_MAX_RETRIES,
    httpBackoffSeconds: c.PAPERBOY_HTTP_BACKOFF_SECONDS,
    httpMaxWaitSeconds: c.PAPERBOY_HTTP_MAX_WAIT_SECONDS,
    contactEmail: c.PAPERBOY_CONTACT_EMAIL ?? null,
    embedder: embedderConfig(c),
    jobs: {
      workerInServe: c.PAPERBOY_WORKER,
      concurrency: c.PAPERBOY_WORKER_CONCURRENCY,
      leaseSeconds: c.PAPERBOY_JOB_LEASE_SECONDS,
      maxAttempts: c.PAPERBOY_JOB_MAX_ATTEMPTS,
      harvestArxivSets: [
        ...new Set(
          (c.PAPERBOY_HARVEST_ARXIV_SETS ?? '')
            .split(',')
            .map((set) => set.trim())
            .filter((set) => set !== ''),
        ),
      ],
      harvestArxivEveryMinutes: c.PAPERBOY_HARVEST_ARXIV_EVERY_MINUTES,
      mirrorHfEveryMinutes: c.PAPERBOY_MIRROR_HF_EVERY_MINUTES,
      embedEveryMinutes: c.PAPERBOY_EMBEDDER === 'off' ? 0 : c.PAPERBOY_EMBED_EVERY_MINUTES,
      cacheImagesEveryMinutes: imageCacheOn(c) ? 10 : 0,
    },
    media: {
      fetch: imageCacheOn(c),
      hosts: c.PAPERBOY_IMAGE_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      maxBytes: c.PAPERBOY_IMAGE_MAX_BYTES,
    },
    community: communityConfig(c),
    delivery: {
      digestSize: c.PAPERBOY_DIGEST_SIZE,
      alertsPerSubscription: c.PAPERBOY_ALERTS_PER_SUBSCRIPTION,
      mailPerMinute: c.PAPERBOY_MAIL_PER_MINUTE,
      mailMaxAttempts: c.PAPERBOY_MAIL_MAX_ATTEMPTS,
      mailRetrySeconds: c.PAPERBOY_MAIL_RETRY_SECONDS,
      mailLeaseSeconds: c.PAPERBOY_MAIL_LEASE_SECONDS,
      pauseAfterFailures: c.PAPERBOY_MAIL_PAUSE_AFTER_FAILURES,
      bounceWebhookSecret: c.PAPERBOY_BOUNCE_WEBHOOK_SECRET ?? null,
    },
  };
}

function imageCacheOn(c: z.infer<typeof configSchema>): boolean {
  return (
    c.PAPERBOY_IMAGE_CACHE === 'on' ||
    (c.PAPERBOY_IMAGE_CACHE === 'auto' && c.PAPERBOY_MIRROR_HF_EVERY_MINUTES > 0)
  );
}

/**
 * Where a browser on this machine reaches the server: the listening address itself, 127.0.0.1 for
 * "every interface" (0.0.0.0, ::). Not "localhost": it may resolve elsewhere (::1), and a cookie set
 * on one name is not sent to the other.
 */
function localBaseUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`;
}

const DEFAULT_RATE_LIMITS: Record<RateAction, RateLimit> = {
  signin: { max: 10, windowSeconds: 900 },
  password: { max: 10, windowSeconds: 900 },
  edit: { max: 30, windowSeconds: 3600 },
  handle: { max: 5, windowSeconds: 86_400 },
  vote: { max: 300, windowSeconds: 3600 },
  comment: { max: 30, windowSeconds: 3600 },
  submit: { max: 60, windowSeconds: 3600 },
  token: { max: 10, windowSeconds: 3600 },
  flag: { max: 20, windowSeconds: 3600 },
  subscribe: { max: 5, windowSeconds: 3600 },
  library: { max: 600, windowSeconds: 3600 },
  follow: { max: 120, windowSeconds: 3600 },
  references: { max: 20, windowSeconds: 3600 },
};

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `signin:10/15m,comment:30/1h` over the defaults; an unknown action is a configuration error. */
export function parseRateLimits(spec: string): Record<RateAction, RateLimit> {
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const part of spec.split(',')) {
    const m = /^\s*([a-z]+):(\d+)\/(\d*)([smhd])\s*$/.exec(part);
    if (!m) continue;
    const action = m[1] as RateAction;
    if (!(action in DEFAULT_RATE_LIMITS))
      throw new ConfigError(`invalid configuration:\n  PAPERBOY_RATE_LIMITS: unknown action "${action}"`);
    const unit = UNIT_SECONDS[m[4] as keyof typeof UNIT_SECONDS];
    limits[action] = { max: Number(m[2]), windowSeconds: Number(m[3] || '1') * unit };
  }
  return limits;
}

function communityConfig(c: z.infer<typeof configSchema>): CommunityConfig {
  // A mail domain, not an address to open: without a public address, "localhost" (an IP literal
  // would need brackets in an email address).
  const base = new URL(c.PAPERBOY_BASE_URL ?? 'http://localhost');
  return {
    secret: c.PAPERBOY_SECRET ?? null,
    smtpUrl: c.PAPERBOY_SMTP_URL ?? null,
    mailFrom: c.PAPERBOY_MAIL_FROM ?? `${c.PAPERBOY_SITE_NAME} <no-reply@${base.hostname}>`,
    trustProxy: c.PAPERBOY_TRUST_PROXY,
    passwordSignIn: c.PAPERBOY_PASSWORD_SIGNIN,
    signInLinkMinutes: c.PAPERBOY_SIGNIN_LINK_MINUTES,
    signInLinksPerEmail: c.PAPERBOY_SIGNIN_LINKS_PER_EMAIL,
    sessionIdleDays: c.PAPERBOY_SESSION_IDLE_DAYS,
    sessionMaxDays: c.PAPERBOY_SESSION_MAX_DAYS,
    rateLimits: parseRateLimits(c.PAPERBOY_RATE_LIMITS),
    newAccountHours: c.PAPERBOY_NEW_ACCOUNT_HOURS,
    newAccountRateFactor: c.PAPERBOY_NEW_ACCOUNT_RATE_FACTOR,
    commentEditMinutes: c.PAPERBOY_COMMENT_EDIT_MINUTES,
    submissionMaxAgeDays: c.PAPERBOY_SUBMISSION_MAX_AGE_DAYS,
    submissionsPerDay: c.PAPERBOY_SUBMISSIONS_PER_DAY,
    submitWaitSeconds: c.PAPERBOY_SUBMIT_ARXIV_WAIT_SECONDS,
  };
}

function embedderConfig(c: z.infer<typeof configSchema>): EmbedderConfig {
  const missing = (names: string[]) =>
    new ConfigError(
      `invalid configuration:\n  PAPERBOY_EMBEDDER=${c.PAPERBOY_EMBEDDER} needs ${names.join(', ')}`,
    );
  let openai: EmbedderConfig['openai'] = null;
  if (c.PAPERBOY_EMBEDDER === 'openai') {
    const need = [
      ['PAPERBOY_OPENAI_BASE_URL', c.PAPERBOY_OPENAI_BASE_URL],
      ['PAPERBOY_OPENAI_MODEL', c.PAPERBOY_OPENAI_MODEL],
      ['PAPERBOY_OPENAI_DIMENSIONS', c.PAPERBOY_OPENAI_DIMENSIONS],
    ] as const;
    const absent = need.filter(([, v]) => v === undefined).map(([k]) => k);
    if (absent.length > 0) throw missing(absent);
    openai = {
      baseUrl: (c.PAPERBOY_OPENAI_BASE_URL as string).replace(/\/+$/, ''),
      model: c.PAPERBOY_OPENAI_MODEL as string,
      dimensions: c.PAPERBOY_OPENAI_DIMENSIONS as number,
      apiKey: c.PAPERBOY_OPENAI_API_KEY ?? null,
    };
  }
  if (c.PAPERBOY_EMBEDDER === 'transformers' && !c.PAPERBOY_TRANSFORMERS_MODEL_DIR)
    throw missing(['PAPERBOY_TRANSFORMERS_MODEL_DIR']);
  return {
    kind: c.PAPERBOY_EMBEDDER,
    builtinDim: c.PAPERBOY_EMBEDDING_DIM,
    builtinTrainer: c.PAPERBOY_EMBEDDER_TRAINER,
    retrainGrowth: c.PAPERBOY_EMBEDDER_RETRAIN_GROWTH,
    timeoutSeconds: c.PAPERBOY_EMBEDDER_TIMEOUT_SECONDS,
    batchSize: c.PAPERBOY_EMBEDDER_BATCH_SIZE,
    maxRetries: c.PAPERBOY_EMBEDDER_MAX_RETRIES,
    transformersModelDir: c.PAPERBOY_TRANSFORMERS_MODEL_DIR ?? null,
    openai,
  };
}
