// The long fuzz run: the CI suite's generators (test/support/fuzz/), 100,000 requests and 1,000
// import files by default, against a real `paperboy serve` child on loopback and ImportService, on
// a fresh SQLite file or PostgreSQL schema. Prints the figures docs/fuzzing.md reports and exits 1
// when any request got a 5xx, a reset, no answer or no answer within 2 s, when a request that could
// write was not refused, when a file took 2 s or was taken in, or when the data changed.
//
//   npx tsx bench/fuzz.ts [--requests 100000] [--files 1000] [--seed 15] [--concurrency 4]
//                         [--database postgres://127.0.0.1:5432/test]
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { changedTables, fingerprint } from '../test/support/db-fingerprint.js';
import { writeFuzzFiles } from '../test/support/fuzz/file-fuzzer.js';
import { ACTIVITY_STAMPS, prepareFuzzTarget } from '../test/support/fuzz/fuzz-setup.js';
import { fuzzRequests } from '../test/support/fuzz/request-fuzzer.js';
import { runRequests } from '../test/support/fuzz/run-requests.js';
import { startServeProcess } from '../test/support/fuzz/serve-process.js';
import { openBenchDatabase } from './database.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    files: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '4' },
    database: { type: 'string' },
  },
});
const requests = Number(values.requests);
const files = Number(values.files);
const seed = Number(values.seed);
const MiB = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const bench = await openBenchDatabase(values.database, 'fuzz');
let failed = false;
const check = (ok: boolean, what: string) => {
  if (!ok) {
    failed = true;
    console.log(`FAILED: ${what}`);
  }
};
try {
  const { ctx, target } = await prepareFuzzTarget(bench.db);
  console.log(`database ${bench.db.description}, seed ${seed}, ${target.routes.length} routes in the table`);

  const before = await fingerprint(bench.db, ACTIVITY_STAMPS);
  const server = await startServeProcess(bench.url, { PAPERBOY_PAGE_CACHE_SECONDS: '2' });
  const full = { ...target, host: `127.0.0.1:${server.port}` };
  await runRequests(fuzzRequests(full, seed + 1_000_000, 300), { port: server.port });
  const start = await server.memory();
  const started = performance.now();
  const tally = await runRequests(fuzzRequests(full, seed, requests), {
    port: server.port,
    concurrency: Number(values.concurrency),
    onProgress: (n) => {
      if (n % 10_000 === 0)
        console.log(`  ${n} requests, ${Math.round((performance.now() - started) / 1000)} s`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const health = (await fetch(`http://127.0.0.1:${server.port}/healthz`)).status;
  const end = await server.memory();
  const alive = server.alive();
  const exit = await server.stop();
  const unchanged = changedTables(before, await fingerprint(bench.db, ACTIVITY_STAMPS));
  console.log(
    `requests: ${tally.requests} in ${seconds.toFixed(1)} s (${Math.round(tally.requests / seconds)}/s, ${values.concurrency} at a time)\n` +
      `  5xx ${tally.serverErrors}, resets ${tally.resets}, closed unanswered ${tally.closedWithoutAnswer}, hangs ${tally.hangs}, not refused ${tally.notRefused}\n` +
      `  p50 ${tally.p50Ms} ms, p99 ${tally.p99Ms} ms, max ${tally.maxMs} ms\n` +
      `  statuses ${JSON.stringify(tally.statuses)}\n` +
      `  server memory after a full GC: heap ${MiB(start.heapUsed)} -> ${MiB(end.heapUsed)}, array buffers ${MiB(start.arrayBuffers)} -> ${MiB(end.arrayBuffers)}, rss ${MiB(start.rss)} -> ${MiB(end.rss)}\n` +
      `  alive ${alive}, /healthz ${health}, exit ${exit}, errors logged ${server.errors().length}, tables changed ${unchanged.length}`,
  );
  for (const f of tally.failures.slice(0, 20)) console.log(`  ${f}`);
  check(tally.failures.length === 0, 'requests');
  check(alive && health === 200 && exit === 0 && server.errors().length === 0, 'the server process');
  check(end.heapUsed - start.heapUsed < 16 * 1024 * 1024, 'server heap');
  check(unchanged.length === 0, `data changed: ${unchanged.join(', ')}`);

  const written = writeFuzzFiles(bench.tmp, seed, files);
  const filesBefore = await fingerprint(bench.db);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let refused = 0;
  let slowest = 0;
  let taken = 0;
  const times: number[] = [];
  for (const file of written) {
    const t0 = performance.now();
    const result = await ctx.services.importer.importFile(file.path);
    const ms = performance.now() - t0;
    times.push(ms);
    slowest = Math.max(slowest, ms);
    if (ms >= 2000) check(false, `${file.label} took ${Math.round(ms)} ms`);
    if (result.error) refused++;
    else if (result.new + result.updated + result.featured > 0) {
      taken++;
      check(false, `${file.label} was taken in`);
    }
  }
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const filesChanged = changedTables(filesBefore, await fingerprint(bench.db));
  times.sort((a, b) => a - b);
  console.log(
    `files: ${written.length}, ${refused} refused whole, ${written.length - refused - taken} with every record rejected, ${taken} taken in\n` +
      `  p50 ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, p99 ${times[Math.floor(times.length * 0.99)]?.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms\n` +
      `  importer heap after a full GC: ${MiB(heapBefore)} -> ${MiB(heapAfter)}; tables changed ${filesChanged.length}`,
  );
  check(heapAfter - heapBefore < 16 * 1024 * 1024, 'importer heap');
  check(filesChanged.length === 0, `data changed by files: ${filesChanged.join(', ')}`);
} finally {
  await bench.drop();
}
process.exit(failed ? 1 : 0);
