// The fuzz suite, on both databases: malformed requests over every route of the app's route table
// against a real `paperboy serve` child process on loopback, and malformed import files through
// ImportService and the real `paperboy import`. Asserted: no 5xx, no reset, no connection closed
// unanswered, no request or file taking 2 s, every request that could write refused, the process
// alive and stopping cleanly with no error logged, memory back near where it started (after a full
// collection), and the database unchanged (a fingerprint of every table). A run is named by its
// seed; PAPERBOY_FUZZ_SEED, PAPERBOY_FUZZ_REQUESTS and PAPERBOY_FUZZ_FILES replay or widen it
// (bench/fuzz.ts runs 100,000). The figures go to the test's diagnostics; docs/fuzzing.md has them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { AppContext } from '../../src/app.js';
import { runPaperboy } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { changedTables, fingerprint } from '../support/db-fingerprint.js';
import { KINDS, writeFuzzFiles } from '../support/fuzz/file-fuzzer.js';
import { ACTIVITY_STAMPS, prepareFuzzTarget } from '../support/fuzz/fuzz-setup.js';
import { type FuzzTarget, fuzzRequests } from '../support/fuzz/request-fuzzer.js';
import { runRequests } from '../support/fuzz/run-requests.js';
import { startServeProcess } from '../support/fuzz/serve-process.js';

const SEED = Number(process.env.PAPERBOY_FUZZ_SEED ?? 15);
const REQUESTS = Number(process.env.PAPERBOY_FUZZ_REQUESTS ?? 2000);
const FILES = Number(process.env.PAPERBOY_FUZZ_FILES ?? 200);
const WARM_UP = 300;
const LIMIT_MS = 2000;
/** Memory still held after a full collection may grow this much over the run, no more. */
const HEAP_SLACK = 16 * 1024 * 1024;
const MiB = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapNow = () => {
  gc();
  gc();
  return process.memoryUsage();
};

describeEachDatabase('fuzz', (get) => {
  let ctx: AppContext;
  let target: Omit<FuzzTarget, 'host'>;
  let dir: string;
  before(async () => {
    ({ ctx, target } = await prepareFuzzTarget(get().db));
    dir = mkdtempSync(join(tmpdir(), 'paperboy-fuzz-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`${REQUESTS} malformed requests over every route: no 5xx, reset or hang; memory and data unchanged`, async (t) => {
    const before = await fingerprint(ctx.db, ACTIVITY_STAMPS);
    // A short page cache, so its entries can be seen to go again before memory is measured.
    const server = await startServeProcess(get().url, { PAPERBOY_PAGE_CACHE_SECONDS: '2' });
    let exit: number | null = null;
    try {
      const full: FuzzTarget = { ...target, host: `127.0.0.1:${server.port}` };
      const warm = await runRequests(fuzzRequests(full, SEED + 1_000_000, WARM_UP), { port: server.port });
      const start = await server.memory();
      const tally = await runRequests(fuzzRequests(full, SEED, REQUESTS), {
        port: server.port,
        timeoutMs: LIMIT_MS,
      });
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      const end = await server.memory();
      t.diagnostic(
        `seed ${SEED}: ${tally.requests} requests (+${warm.requests} warm-up), 5xx ${tally.serverErrors}, resets ${tally.resets}, ` +
          `closed unanswered ${tally.closedWithoutAnswer}, hangs ${tally.hangs}, not refused ${tally.notRefused}; ` +
          `p50 ${tally.p50Ms} ms, p99 ${tally.p99Ms} ms, max ${tally.maxMs} ms; statuses ${JSON.stringify(tally.statuses)}; ` +
          `heap ${MiB(start.heapUsed)} -> ${MiB(end.heapUsed)}, buffers ${MiB(start.arrayBuffers)} -> ${MiB(end.arrayBuffers)}, ` +
          `rss ${MiB(start.rss)} -> ${MiB(end.rss)}`,
      );
      for (const run of [warm, tally]) {
        assert.deepEqual(
          run.failures,
          [],
          'every request answered in time, below 500, and refused when it could write',
        );
        assert.equal(run.requests, run === warm ? WARM_UP : REQUESTS);
      }
      assert.ok(tally.maxMs < LIMIT_MS);
      assert.equal(health.status, 200);
      assert.ok(server.alive(), 'the server process is alive');
      assert.ok(
        end.heapUsed - start.heapUsed < HEAP_SLACK,
        `heap ${MiB(start.heapUsed)} -> ${MiB(end.heapUsed)}`,
      );
      assert.ok(
        end.arrayBuffers - start.arrayBuffers < HEAP_SLACK,
        `buffers ${MiB(start.arrayBuffers)} -> ${MiB(end.arrayBuffers)}`,
      );
      // Most answers are refusals, and of every kind.
      for (const status of ['400', '403', '404', '414', '415', '431'])
        assert.ok((tally.statuses[status] ?? 0) > 0, status);
    } finally {
      exit = await server.stop();
    }
    assert.equal(exit, 0, 'the server stops cleanly');
    assert.deepEqual(server.errors(), [], 'nothing was logged as an error');
    assert.deepEqual(changedTables(before, await fingerprint(ctx.db, ACTIVITY_STAMPS)), []);
  });

  test(`${FILES} malformed import files: each refused or rejected in under 2 s; memory and data unchanged`, async (t) => {
    const files = writeFuzzFiles(dir, SEED, FILES);
    const before = await fingerprint(ctx.db);
    const start = heapNow();
    let refused = 0;
    const refusedPaths = new Set<string>();
    let slowest = 0;
    const filesStarted = performance.now();
    for (const file of files) {
      const started = performance.now();
      const result = await ctx.services.importer.importFile(file.path);
      const ms = performance.now() - started;
      slowest = Math.max(slowest, ms);
      assert.ok(ms < LIMIT_MS, `${file.label} took ${Math.round(ms)} ms`);
      if (result.error) {
        refused++;
        refusedPaths.add(file.path);
      } else
        assert.equal(
          result.new + result.updated + result.featured,
          0,
          `${file.label} was taken in: ${JSON.stringify(result).slice(0, 400)}`,
        );
    }
    const end = heapNow();
    const inProcessMs = performance.now() - filesStarted;
    assert.deepEqual(changedTables(before, await fingerprint(ctx.db)), []);
    // The real command, over one file of each kind: every refusal reported, exit status 1, no stack trace.
    const cliStarted = performance.now();
    const oneOfEach = files.slice(0, KINDS);
    const cliRefused = oneOfEach.filter((f) => refusedPaths.has(f.path)).length;
    const cli = await runPaperboy(['import', '--json', ...oneOfEach.map((f) => f.path)], {
      env: { PAPERBOY_DATABASE_URL: get().url, PAPERBOY_LOG_LEVEL: 'silent' },
    });
    assert.equal(cli.code, 1, cli.stderr);
    const summary = JSON.parse(cli.stdout) as {
      files: number;
      new: number;
      updated: number;
      refusedFiles: unknown[];
    };
    assert.deepEqual(
      [summary.files, summary.refusedFiles.length, summary.new, summary.updated],
      [oneOfEach.length, cliRefused, 0, 0],
    );
    assert.doesNotMatch(cli.stderr, /^\s+at /m);
    assert.deepEqual(changedTables(before, await fingerprint(ctx.db)), []);
    t.diagnostic(
      `seed ${SEED}: ${files.length} files, ${refused} refused whole, ${files.length - refused} with every record rejected; ` +
        `slowest ${Math.round(slowest)} ms, all ${Math.round(inProcessMs)} ms in process, ${oneOfEach.length} by the CLI in ${Math.round(performance.now() - cliStarted)} ms; heap ${MiB(start.heapUsed)} -> ${MiB(end.heapUsed)}, rss ${MiB(start.rss)} -> ${MiB(end.rss)}`,
    );
    assert.ok(
      end.heapUsed - start.heapUsed < HEAP_SLACK,
      `heap ${MiB(start.heapUsed)} -> ${MiB(end.heapUsed)}`,
    );
  });
});
