// The one way paperboy talks to upstream services (arXiv, Hugging Face): politely and patiently.
// - One request at a time per client, each starting at least `minIntervalMs` after the previous one
//   ended, however many callers share the client and whichever of the service's hosts they ask.
//   There is one client per upstream service: arXiv asks for a single connection and one request
//   every 3 seconds across its APIs (export.arxiv.org and oaipmh.arxiv.org alike), and counting from
//   the end keeps the gap the server sees at least that long. A backoff or a Retry-After holds back
//   the whole service, not only the request that met it.
// - With `shared` pacing (the database, in every process paperboy runs), the same holds across
//   processes: before each request the client takes the service's turn by compare-and-set, setting
//   the next allowed start past its own request (so no other process asks meanwhile), and afterwards
//   moves it to the end of the request plus the spacing. Backoffs and Retry-After are written there
//   too. A turn whose holder died mid-request lapses after `timeoutMs + minIntervalMs`, or, when the
//   pacing can tell that holder is gone (same machine), counts as ended when that is found.
// - Each request, body included, has `timeoutMs`; a timeout, a dropped connection, a 429 or a 5xx is
//   retried up to `maxRetries` times with exponential backoff and jitter, or after the server's
//   Retry-After. A Retry-After longer than `maxWaitMs` makes the client give up rather than come back
//   early. Other 4xx responses are refused at once: asking again will not help.
// Clock and sleep are injected so tests of spacing and backoff do not wait in real time.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../lib/logger.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import { UpstreamError } from './upstream-error.js';

export interface Timers {
  /** Epoch milliseconds (Retry-After may be an HTTP date). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimers: Timers = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

export type FetchFunction = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Response>;

/**
 * Where processes that share a database agree on when a service's next request may start (epoch
 * milliseconds), and who holds its turn. See services/upstream-pacing.ts.
 */
export interface SharedPacing {
  /**
   * The earliest start recorded for the service (0 when it was never asked), and whether the process
   * holding its turn is known to be gone.
   */
  read(upstream: string): Promise<{ nextStart: number; holderGone: boolean }>;
  /**
   * Moves the earliest start from `expected` (as read) to `next`, this process holding the turn when
   * `hold` is true (and nobody when false); false when another process moved it first.
   */
  compareAndSet(upstream: string, expected: number, next: number, hold: boolean): Promise<boolean>;
  /** Moves the earliest start to `until`, unless it is already later. */
  postpone(upstream: string, until: number): Promise<void>;
}

export interface HttpClientOptions {
  /** Names the upstream in logs: `arxiv`, `hf`. */
  name: string;
  userAgent: string;
  minIntervalMs: number;
  timeoutMs: number;
  maxRetries: number;
  /** Wait before the first retry; doubles with each further retry. */
  backoffMs: number;
  /** Longest wait before a retry. */
  maxWaitMs: number;
  log: Logger;
  /** Spacing shared with other processes; without it, the spacing holds inside this process only. */
  shared?: SharedPacing;
  timers?: Timers;
  random?: () => number;
  fetch?: FetchFunction;
}

export interface HttpResponse<B = string> {
  url: string;
  status: number;
  body: B;
  /** The Content-Type the server sent, or null. */
  contentType: string | null;
  /** Requests it took, retries included. */
  attempts: number;
}

type BodyKind = 'text' | 'bytes';
type Body<K extends BodyKind> = K extends 'text' ? string : Buffer;

/** The shortest wait between two looks at a turn another process holds. */
const MIN_POLL_MS = 10;

type Attempt<B> =
  | { kind: 'response'; status: number; retryAfter: string | null; contentType: string | null; body: B }
  | { kind: 'failure'; reason: string; cause: unknown };

export class PoliteHttpClient {
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly fetch: FetchFunction;
  /** The earliest time the next request may start. */
  private nextStart = 0;
  /** Settles when the last request in line has ended. */
  private line: Promise<void> = Promise.resolve();

  constructor(private readonly options: HttpClientOptions) {
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** GETs a URL and returns its body as text; throws UpstreamError when no 2xx response came. */
  getText(url: string, accept = '*/*'): Promise<HttpResponse> {
    return this.get(url, accept, 'text');
  }

  /** GETs a URL and returns its body as bytes (images); throws UpstreamError as getText does. */
  getBytes(url: string, accept = '*/*'): Promise<HttpResponse<Buffer>> {
    return this.get(url, accept, 'bytes');
  }

  private async get<K extends BodyKind>(
    url: string,
    accept: string,
    read: K,
  ): Promise<HttpResponse<Body<K>>> {
    const { log, maxRetries } = this.options;
    for (let attempt = 1; ; attempt++) {
      const started = { at: 0 };
      const result = await this.inTurn(() => {
        started.at = this.timers.now();
        return this.attempt(url, accept, read);
      });
      const durationMs = this.timers.now() - started.at;
      const status = result.kind === 'response' ? result.status : null;
      log.debug(
        { upstream: this.options.name, url, status, attempt, duration_ms: durationMs },
        'upstream request',
      );

      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        const { status: ok, contentType, body } = result;
        return { url, status: ok, body, contentType, attempts: attempt };
      }
      if (result.kind === 'response' && !isRetryableStatus(result.status)) {
        throw new UpstreamError(`HTTP ${result.status}`, {
          url,
          status,
          attempts: attempt,
          body: typeof result.body === 'string' ? result.body : '',
        });
      }
      const reason = result.kind === 'response' ? `HTTP ${result.status}` : result.reason;
      const cause = result.kind === 'failure' ? { cause: result.cause } : undefined;
      if (attempt > maxRetries) {
        throw new UpstreamError(
          `${reason}; gave up after ${maxRetries} retries`,
          { url, status, attempts: attempt },
          cause,
        );
      }
      const asked = result.kind === 'response' ? parseRetryAfter(result.retryAfter, this.timers.now()) : null;
      if (asked !== null && asked > this.options.maxWaitMs) {
        throw new UpstreamError(
          `${reason} with Retry-After ${Math.ceil(asked / 1000)} s, longer than the ${this.options.maxWaitMs / 1000} s paperboy waits`,
          { url, status, attempts: attempt },
        );
      }
      const wait =
        asked ?? backoffDelay(attempt, this.options.backoffMs, this.options.maxWaitMs, this.random);
      log.warn(
        {
          upstream: this.options.name,
          url,
          status,
          reason,
          attempt,
          wait_ms: wait,
          retry_after: asked !== null,
        },
        'upstream request failed, will retry',
      );
      await this.holdBack(this.timers.now() + wait);
    }
  }

  /**
   * Runs `request` when the previous request has ended and the spacing has passed; the next one
   * waits for this one to end. Callers are served in the order they asked.
   */
  private async inTurn<T>(request: () => Promise<T>): Promise<T> {
    const previous = this.line;
    let release = () => {};
    const ended = new Promise<void>((resolve) => (release = resolve));
    this.line = previous.then(() => ended);
    await previous;
    try {
      const wait = this.nextStart - this.timers.now();
      if (wait > 0) await this.timers.sleep(wait);
      const held = await this.takeSharedTurn();
      try {
        return await request();
      } finally {
        await this.endSharedTurn(held);
      }
    } finally {
      this.nextStart = Math.max(this.nextStart, this.timers.now() + this.options.minIntervalMs);
      release();
    }
  }

  /**
   * Waits for the service's turn across processes and takes it: the next start recorded moves past
   * this request. Returns that hold (null without shared pacing). While another process holds the
   * turn, looks again every spacing interval, since it hands the turn back as soon as its request ends.
   */
  private async takeSharedTurn(): Promise<number | null> {
    const { shared, name, minIntervalMs, timeoutMs, log } = this.options;
    if (!shared) return null;
    for (;;) {
      const { nextStart, holderGone } = await shared.read(name);
      const now = this.timers.now();
      if (nextStart > now && holderGone) {
        // Its request ended when its process did: count the spacing from now.
        if (await shared.compareAndSet(name, nextStart, now + minIntervalMs, false)) {
          log.warn({ upstream: name }, 'upstream turn held by a process that is gone; taken back');
        }
        continue;
      }
      if (nextStart > now) {
        await this.timers.sleep(Math.min(nextStart - now, Math.max(minIntervalMs, MIN_POLL_MS)));
        continue;
      }
      const hold = now + timeoutMs + minIntervalMs;
      if (await shared.compareAndSet(name, nextStart, hold, true)) return hold;
    }
  }

  /** Hands the turn back: the next request, from any process, may start after the spacing. */
  private async endSharedTurn(hold: number | null): Promise<void> {
    const { shared, name } = this.options;
    if (!shared || hold === null) return;
    const next = this.timers.now() + this.options.minIntervalMs;
    try {
      // Moved on meanwhile (a Retry-After seen by another process): keep the later time.
      if (!(await shared.compareAndSet(name, hold, next, false))) await shared.postpone(name, next);
    } catch (err) {
      // The hold lapses by itself, later than the spacing asks: still polite.
      this.options.log.warn(
        { upstream: name, err: err instanceof Error ? err.message : String(err) },
        'could not hand the upstream turn back; it lapses by itself',
      );
    }
  }

  /** Holds back the next request of this service, in every process when the pacing is shared. */
  private async holdBack(until: number): Promise<void> {
    this.nextStart = Math.max(this.nextStart, until);
    await this.options.shared?.postpone(this.options.name, until);
  }

  /** One request with its own deadline covering headers and body. Never throws. */
  private async attempt<K extends BodyKind>(url: string, accept: string, read: K): Promise<Attempt<Body<K>>> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const res = await this.fetch(url, {
        headers: { 'user-agent': this.options.userAgent, accept },
        signal,
      });
      const body = (read === 'text' ? await res.text() : Buffer.from(await res.arrayBuffer())) as Body<K>;
      return {
        kind: 'response',
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        contentType: res.headers.get('content-type'),
        body,
      };
    } catch (err) {
      return { kind: 'failure', reason: describeFailure(err, signal, this.options.timeoutMs), cause: err };
    }
  }
}

/** `timed out after 30 s`, `connection failed (ECONNRESET)`, `connection failed (other side closed)`. */
function describeFailure(err: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted || (err instanceof Error && err.name === 'TimeoutError')) {
    return `timed out after ${timeoutMs / 1000} s`;
  }
  const cause = err instanceof Error ? err.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : null;
  const detail = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
  return `connection failed (${code && !detail.includes(code) ? `${code}: ${detail}` : detail})`;
}

/** `paperboy/0.1.0 (+https://papers.example.org; ops@example.org)`: who is asking, and how to reach them. */
export function paperboyUserAgent(version: string, baseUrl: string, contactEmail: string | null): string {
  return `paperboy/${version} (+${baseUrl}${contactEmail ? `; ${contactEmail}` : ''})`;
}
