// One harvest of a set at a time, whoever runs it: a harvest finds the set's lease held and asks
// nothing; a lapsed lease, or one left by a process that is gone, is taken over; a harvest that
// loses its lease mid-way writes no further page; a queued harvest job meeting a running harvest is
// retried later. (Two real CLI processes: test/e2e/ingest-concurrency.test.ts.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { after, before, beforeEach, test } from 'node:test';
import { TEST_NOW } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { catalogueSnapshot, clearCatalogue, createIngestTestApp } from '../../test/support/ingest.js';
import { startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server.js';
import { Worker } from '../jobs/worker.js';
import { systemClock } from '../lib/clock.js';
import { newHolderId } from '../lib/process-identity.js';
import { createStores } from '../stores/index.js';
import { ConflictError } from './errors.js';
import { HarvestBusyError } from './harvest-lease.js';
import { IngestError } from './ingest.service.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

const HARVEST = { set: 'cs', from: '2025-07-03' };
const NAME = 'arxiv-oai:cs';
const at = (seconds: number) => new Date(Date.parse(TEST_NOW) + seconds * 1000).toISOString();

describeEachDatabase('harvest leases', (get) => {
  const leases = () => createStores(get().db.kysely, get().db.dialect).ingestLeases;
  let clean = '';
  before(async () => {
    await clearCatalogue(get().db);
    await createIngestTestApp(get().db, server).services.ingest.harvestOai(HARVEST);
    clean = await catalogueSnapshot(get().db);
  });
  beforeEach(async () => {
    await clearCatalogue(get().db);
    await get().db.kysely.deleteFrom('jobs').execute();
    server.reset();
  });

  test('a harvest holds the lease while it runs and gives it back at the end, also when it fails', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const held: (string | undefined)[] = [];
    const reads: Promise<unknown>[] = [];
    // Progress callbacks are synchronous: each page starts a read of the lease, awaited after the
    // harvest. The last page's read may land after the release (another pool connection), so the
    // holder is checked on the pages before it.
    await ctx.services.ingest.harvestOai(HARVEST, () => {
      reads.push(
        leases()
          .find(NAME)
          .then((row) => held.push(row?.holder)),
      );
    });
    await Promise.all(reads);
    assert.equal(held.length, 3);
    assert.ok(
      held.slice(0, 2).every((h) => h?.startsWith(`${hostname()}:${process.pid}:`)),
      String(held),
    );
    assert.equal(await leases().find(NAME), null);

    server.fail(() => true, { kind: 'status', status: 404 });
    await assert.rejects(ctx.services.ingest.harvestOai({ set: 'cs' }), IngestError);
    assert.equal(await leases().find(NAME), null);
  });

  test('while another harvest of the set runs, a harvest is refused and asks nothing', async () => {
    const other = newHolderId(); // alive: it names this very process
    await leases().acquire(NAME, other, at(-5), at(115));
    const ctx = createIngestTestApp(get().db, server);
    await assert.rejects(ctx.services.ingest.harvestOai(HARVEST), (err: unknown) => {
      assert.ok(err instanceof HarvestBusyError && err instanceof ConflictError);
      assert.equal(
        err.message,
        `another harvest of set cs is running (process ${other}, since ${at(-5)}); try again once it has finished`,
      );
      return true;
    });
    assert.equal(server.requests.length, 0);
    assert.equal((await leases().find(NAME))?.holder, other);
    // Other sets are other leases.
    const math = await ctx.services.ingest.harvestOai({ set: 'math', from: '2025-07-03' });
    assert.equal(math.pages, 1);
  });

  test('a lapsed lease, or one held by a process that is gone, is taken over', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await leases().acquire(NAME, 'elsewhere.example.org:77:0011aabb', at(-200), at(-80));
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);

    await clearCatalogue(get().db);
    const gone = `${hostname()}:${spawnSync(process.execPath, ['-e', '']).pid}:0011aabb`;
    await leases().acquire(NAME, gone, at(-5), at(115));
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);
    const [line] = ctx.logs.find('harvest lease of a process that is gone taken over');
    assert.deepEqual([line?.cursor, line?.holder], [NAME, gone]);
  });

  test('a harvest whose lease passed to another writes no further page', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const thief = newHolderId();
    let pages = 0;
    await assert.rejects(
      ctx.services.ingest.harvestOai(HARVEST, () => {
        // After page 1, the lease lapses and another harvest takes it.
        if (++pages === 1)
          return void get().db.kysely.updateTable('ingest_leases').set({ holder: thief }).execute();
      }),
      (err: unknown) => {
        assert.ok(err instanceof IngestError);
        assert.match(
          err.message,
          new RegExp(
            `^arxiv-oai: page 2 failed \\(1 page committed, the last records 1-5 of 13\\): the harvest lease of arxiv-oai:cs passed to ${thief} while this harvest waited; this page was not written$`,
          ),
        );
        return true;
      },
    );
    assert.equal((await ctx.services.stats.catalogue()).papers, 5);
    assert.equal((await leases().find(NAME))?.holder, thief, 'the new holder keeps it');
  });

  test('a queued harvest job meeting a running harvest of its set fails and is retried later', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const other = newHolderId();
    await leases().acquire(NAME, other, at(-5), at(115));
    const { job } = await ctx.services.jobs.enqueue('harvest-arxiv-oai', { set: 'cs' });
    const worker = new Worker(
      {
        store: createStores(get().db.kysely, get().db.dialect).jobs,
        registry: ctx.services.jobs.registry,
        services: ctx.services,
        clock: systemClock,
        log: ctx.logs.log,
      },
      { concurrency: 1, leaseSeconds: 30, pollMs: 10 },
    );
    assert.deepEqual(await worker.drain(), { done: 0, failed: 0, retrying: 1, interrupted: 0 });
    const row = await get()
      .db.kysely.selectFrom('jobs')
      .select(['status', 'attempts', 'last_error'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.attempts], ['queued', 1]);
    assert.match(String(row.last_error), /^another harvest of set cs is running \(process /);
    assert.equal(server.requests.length, 0);
  });
});
