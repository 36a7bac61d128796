// The client's spacing, backoff and Retry-After rules, on a fake clock: nothing here waits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import {
  type FetchFunction,
  PoliteHttpClient,
  paperboyUserAgent,
  type SharedPacing,
  type Timers,
} from './http-client.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import { UpstreamError } from './upstream-error.js';

const T0 = Date.parse('2026-01-05T10:00:00Z');

/** A clock that only moves when someone sleeps, and then at once. */
function fakeTimers(): Timers & { sleeps: number[] } {
  let now = T0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    // Time moves on a later turn of the event loop, as it would for real: whoever already has their
    // turn goes first.
    sleep: (ms) =>
      new Promise((resolve) =>
        setImmediate(() => {
          sleeps.push(ms);
          now += ms;
          resolve();
        }),
      ),
  };
}

interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Throw this instead of answering. */
  error?: Error;
}

/** Answers with the scripted responses in order (the last one repeats), recording when each came. */
function scriptedFetch(timers: Timers, script: Scripted[]) {
  const calls: { url: string; at: number; headers: Record<string, string> }[] = [];
  const fetch: FetchFunction = (url, init) => {
    calls.push({ url, at: timers.now() - T0, headers: init.headers });
    const step = script[Math.min(calls.length - 1, script.length - 1)] ?? {};
    if (step.error) return Promise.reject(step.error);
    return Promise.resolve(
      new Response(step.body ?? 'ok', { status: step.status ?? 200, headers: step.headers ?? {} }),
    );
  };
  return { fetch, calls };
}

/** What the database does for processes sharing it (upstream_pacing), in memory. */
function memoryPacing(initial = 0): SharedPacing & { value(): number; holderGone: boolean } {
  let next = initial;
  return {
    holderGone: false,
    value: () => next,
    read() {
      return Promise.resolve({ nextStart: next, holderGone: this.holderGone });
    },
    compareAndSet(_upstream, expected, value) {
      const moved = next === expected;
      if (moved) [next, this.holderGone] = [value, false];
      return Promise.resolve(moved);
    },
    postpone: (_upstream, until) => {
      next = Math.max(next, until);
      return Promise.resolve();
    },
  };
}

function client(
  timers: Timers,
  fetch: FetchFunction,
  overrides: Partial<{ maxRetries: number; shared: SharedPacing }> = {},
) {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const http = new PoliteHttpClient({
    name: 'arxiv',
    userAgent: 'paperboy/test (+https://papers.example.org)',
    minIntervalMs: 3000,
    timeoutMs: 30_000,
    maxRetries: overrides.maxRetries ?? 3,
    backoffMs: 2000,
    maxWaitMs: 60_000,
    log,
    timers,
    random: () => 1,
    fetch,
    ...(overrides.shared ? { shared: overrides.shared } : {}),
  });
  return { http, lines };
}

/** The gaps between consecutive request starts, in order. */
const gaps = (ats: number[]) => ats.slice(1).map((at, i) => at - (ats[i] ?? 0));

describe('PoliteHttpClient', () => {
  test('requests start 3 s apart, even when asked for all at once', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{}]);
    const { http } = client(timers, fetch);
    await Promise.all([1, 2, 3].map((n) => http.getText(`https://export.arxiv.org/api/query?n=${n}`)));
    assert.deepEqual(
      calls.map((c) => [c.url.slice(-3), c.at]),
      [
        ['n=1', 0],
        ['n=2', 3000],
        ['n=3', 6000],
      ],
    );
    assert.equal(calls[0]?.headers['user-agent'], 'paperboy/test (+https://papers.example.org)');
  });

  test('one request at a time, the spacing counted from the end of the previous one', async () => {
    const timers = fakeTimers();
    const starts: number[] = [];
    const slowFetch: FetchFunction = async () => {
      starts.push(timers.now() - T0);
      await timers.sleep(1000); // the answer takes a second
      return new Response('ok');
    };
    const { http } = client(timers, slowFetch);
    await Promise.all([1, 2].map((n) => http.getText(`https://export.arxiv.org/api/query?n=${n}`)));
    assert.deepEqual(starts, [0, 4000]);
  });

  test("the service's hosts share one spacing: arXiv's API and OAI-PMH are one arXiv", async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{}]);
    const { http } = client(timers, fetch);
    await http.getText('https://export.arxiv.org/api/query');
    await http.getText('https://oaipmh.arxiv.org/oai');
    await Promise.all([
      http.getText('https://export.arxiv.org/api/query?n=1'),
      http.getText('https://oaipmh.arxiv.org/oai?n=2'),
    ]);
    assert.deepEqual(
      calls.map((c) => [new URL(c.url).host, c.at]),
      [
        ['export.arxiv.org', 0],
        ['oaipmh.arxiv.org', 3000],
        ['export.arxiv.org', 6000],
        ['oaipmh.arxiv.org', 9000],
      ],
    );
  });

  test('two clients sharing their pacing (two processes on one database) keep the spacing between them', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{}]);
    const shared = memoryPacing();
    const a = client(timers, fetch, { shared }).http;
    const b = client(timers, fetch, { shared }).http;
    await Promise.all([
      a.getText('https://export.arxiv.org/api/query?a=1'),
      b.getText('https://oaipmh.arxiv.org/oai?b=1'),
      a.getText('https://export.arxiv.org/api/query?a=2'),
      b.getText('https://oaipmh.arxiv.org/oai?b=2'),
    ]);
    assert.equal(calls.length, 4);
    assert.equal(calls[0]?.at, 0);
    assert.ok(
      gaps(calls.map((c) => c.at)).every((gap) => gap >= 3000),
      `starts ${calls.map((c) => c.at).join(', ')}`,
    );
    // The turn is handed back at the end of the last request: 3 s after it.
    assert.equal(shared.value(), T0 + (calls.at(-1)?.at ?? 0) + 3000);
  });

  test('while one process has a request out, another waits for it, and goes once it is handed back', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{}]);
    // Another process took the turn at T0 (held for its timeout plus the spacing) and hands it back
    // a second later, when its answer came: the next request may start 3 s after that.
    const shared = memoryPacing(T0 + 33_000);
    const looks = shared.read.bind(shared);
    shared.read = (upstream) => {
      if (timers.now() >= T0 + 1000 && shared.value() === T0 + 33_000) {
        void shared.compareAndSet(upstream, T0 + 33_000, T0 + 4000, false);
      }
      return looks(upstream);
    };
    await client(timers, fetch, { shared }).http.getText('https://export.arxiv.org/api/query');
    assert.deepEqual(
      calls.map((c) => c.at),
      [4000],
    );
  });

  test('a turn taken by a process that died lapses after its timeout and the spacing', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{}]);
    const shared = memoryPacing(T0 + 33_000);
    await client(timers, fetch, { shared }).http.getText('https://export.arxiv.org/api/query');
    assert.deepEqual(
      calls.map((c) => c.at),
      [33_000],
    );
  });

  test('a turn held by a process known to be gone counts as ended when that is found', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{}]);
    const shared = memoryPacing(T0 + 33_000);
    shared.holderGone = true;
    const { http, lines } = client(timers, fetch, { shared });
    await http.getText('https://export.arxiv.org/api/query');
    assert.deepEqual(
      calls.map((c) => c.at),
      [3000],
    );
    assert.equal(
      lines.filter((l) => l.msg === 'upstream turn held by a process that is gone; taken back').length,
      1,
    );
  });

  test('a Retry-After one process meets holds back the others', async () => {
    const timers = fakeTimers();
    const shared = memoryPacing();
    const other = scriptedFetch(timers, [{}]);
    const b = client(timers, other.fetch, { shared }).http;
    const starts: number[] = [];
    let second: Promise<unknown> = Promise.resolve();
    const busyOnce: FetchFunction = () => {
      starts.push(timers.now() - T0);
      if (starts.length > 1) return Promise.resolve(new Response('ok'));
      // The other process asks while this answer is on its way.
      second = b.getText('https://export.arxiv.org/api/query?b');
      return Promise.resolve(new Response('busy', { status: 503, headers: { 'retry-after': '10' } }));
    };
    await client(timers, busyOnce, { shared }).http.getText('https://export.arxiv.org/api/query?a');
    await second;
    const [retry, theirs] = [starts[1] ?? 0, other.calls[0]?.at ?? 0];
    assert.equal(starts[0], 0);
    assert.ok(retry >= 10_000 && theirs >= 10_000, `retried at ${retry}, the other asked at ${theirs}`);
    assert.ok(Math.abs(retry - theirs) >= 3000, `${retry} and ${theirs} are 3 s apart`);
  });

  test('a 503 with Retry-After in seconds is retried after that long, and holds back the service', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [
      { status: 503, headers: { 'retry-after': '10' }, body: 'busy' },
      { body: '<feed/>' },
    ]);
    const { http, lines } = client(timers, fetch);
    const res = await http.getText('https://export.arxiv.org/api/query');
    assert.deepEqual([res.status, res.body, res.attempts], [200, '<feed/>', 2]);
    assert.deepEqual(
      calls.map((c) => c.at),
      [0, 10_000],
    );
    const warn = lines.find((l) => l.msg === 'upstream request failed, will retry');
    assert.deepEqual(
      [warn?.status, warn?.reason, warn?.attempt, warn?.wait_ms, warn?.retry_after],
      [503, 'HTTP 503', 1, 10_000, true],
    );
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [
      { status: 429, headers: { 'retry-after': new Date(T0 + 42_000).toUTCString() } },
      {},
    ]);
    const { http } = client(timers, fetch);
    await http.getText('https://huggingface.co/api/daily_papers');
    assert.deepEqual(
      calls.map((c) => c.at),
      [0, 42_000],
    );
  });

  test('without Retry-After, waits double each time (with jitter) but never less than the spacing', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{ status: 500 }, { status: 502 }, { status: 504 }, {}]);
    const { http } = client(timers, fetch);
    const res = await http.getText('https://export.arxiv.org/api/query');
    assert.equal(res.attempts, 4);
    // random() = 1 gives the full delay: 2 s, then 4 s (more than the 3 s spacing), then 8 s.
    assert.deepEqual(
      calls.map((c) => c.at),
      [0, 3000, 7000, 15_000],
    );
  });

  test('gives up after the last retry with the reason, the URL and the attempts', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{ status: 503 }]);
    const { http } = client(timers, fetch, { maxRetries: 2 });
    await assert.rejects(http.getText('https://export.arxiv.org/api/query?id_list=1'), (err: unknown) => {
      assert.ok(err instanceof UpstreamError);
      assert.equal(err.status, 503);
      assert.equal(err.attempts, 3);
      assert.equal(
        err.message,
        'HTTP 503; gave up after 2 retries (GET https://export.arxiv.org/api/query?id_list=1, 3 attempts)',
      );
      return true;
    });
    assert.equal(calls.length, 3);
  });

  test('a Retry-After longer than the longest wait makes it give up at once instead of coming back early', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{ status: 503, headers: { 'retry-after': '3600' } }]);
    const { http } = client(timers, fetch);
    await assert.rejects(
      http.getText('https://oaipmh.arxiv.org/oai'),
      /HTTP 503 with Retry-After 3600 s, longer than the 60 s paperboy waits/,
    );
    assert.equal(calls.length, 1);
  });

  test('other 4xx responses are not retried, and keep their body for the caller', async () => {
    const timers = fakeTimers();
    const { fetch, calls } = scriptedFetch(timers, [{ status: 400, body: '<feed>error</feed>' }]);
    const { http } = client(timers, fetch);
    await assert.rejects(http.getText('https://export.arxiv.org/api/query?id_list=abc'), (err: unknown) => {
      assert.ok(err instanceof UpstreamError);
      assert.deepEqual([err.status, err.body, err.attempts], [400, '<feed>error</feed>', 1]);
      return true;
    });
    assert.equal(calls.length, 1);
  });

  test('timeouts and dropped connections are retried, and say what happened', async () => {
    const timers = fakeTimers();
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { fetch, calls } = scriptedFetch(timers, [{ error: reset }, { error: timeout }, {}]);
    const { http, lines } = client(timers, fetch);
    const res = await http.getText('https://huggingface.co/api/daily_papers?date=2026-08-21');
    assert.equal(res.attempts, 3);
    assert.equal(calls.length, 3);
    assert.deepEqual(
      lines.filter((l) => l.level === 40).map((l) => l.reason),
      ['connection failed (read ECONNRESET)', 'timed out after 30 s'],
    );
  });
});

describe('retry policy', () => {
  test('retries 408, 429 and 5xx except 501 and 505', () => {
    assert.deepEqual([408, 429, 500, 502, 503, 504, 400, 401, 403, 404, 501, 505].map(isRetryableStatus), [
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test('Retry-After reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120', T0), 120_000);
    assert.equal(parseRetryAfter('Mon, 05 Jan 2026 10:00:30 GMT', T0), 30_000);
    assert.equal(parseRetryAfter('Mon, 05 Jan 2026 09:00:00 GMT', T0), 0);
    assert.equal(parseRetryAfter('soon', T0), null);
    assert.equal(parseRetryAfter(null, T0), null);
  });

  test('backoff doubles, is jittered between half and all of it, and is capped', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000, () => 1)),
      [1000, 2000, 4000, 5000],
    );
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelay(n, 1000, 60_000, () => 0)),
      [500, 1000, 2000],
    );
  });

  test('the User-Agent names paperboy, its address and its contact', () => {
    assert.equal(
      paperboyUserAgent('0.1.0', 'https://papers.example.org', 'ops@example.org'),
      'paperboy/0.1.0 (+https://papers.example.org; ops@example.org)',
    );
    assert.equal(
      paperboyUserAgent('0.1.0', 'http://localhost:3000', null),
      'paperboy/0.1.0 (+http://localhost:3000)',
    );
  });
});
