// Upvotes stay exact under concurrency. On PostgreSQL, 50 users upvote one paper at the same moment
// through 5 separate connection pools (as 5 web processes would), then race upvotes and unvotes;
// papers.upvotes must equal the vote rows every time. SQLite (one writer at a time) runs it too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppContext, createServices } from '../../src/app.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { fixedClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { Actor } from '../../src/services/actor.js';
import { createTestApp, TEST_NOW } from '../support/app.js';
import { seedPapers, signedInUser } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';

const USERS = 50;
const PROCESSES = 5;

describeEachDatabase('concurrent upvotes', (get, dialect) => {
  let ctx: AppContext;
  const extra: Db[] = [];
  let services: ReturnType<typeof createServices>[] = [];
  let actors: Actor[] = [];

  before(async () => {
    const base = createTestApp(get().db);
    const config = {
      ...base.config,
      community: {
        ...base.config.community,
        rateLimits: { ...base.config.community.rateLimits, vote: { max: 100_000, windowSeconds: 3600 } },
      },
    };
    ctx = createTestApp(get().db, config);
    await seedPapers(ctx, [{ arxivId: '2608.00001', day: '2026-08-21' }]);
    actors = [];
    for (let i = 0; i < USERS; i++) actors.push((await signedInUser(ctx, `voter${i}@example.org`)).actor);
    // Separate pools on PostgreSQL; SQLite shares its one connection.
    services = [];
    for (let p = 0; p < PROCESSES; p++) {
      const db = dialect === 'postgres' ? openDatabase(get().url) : get().db;
      if (dialect === 'postgres') extra.push(db);
      services.push(createServices(db, config, fixedClock(TEST_NOW), silentLogger));
    }
  });
  after(async () => {
    for (const db of extra) await db.close();
  });

  async function counts(): Promise<{ column: number; rows: number }> {
    const paper = await ctx.services.papers.getPaper('2608.00001');
    const rows = await ctx.db.kysely
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('paper_id', '=', paper.paperId)
      .executeTakeFirstOrThrow();
    return { column: paper.localUpvotes, rows: Number(rows.n) };
  }

  test(`${USERS} users upvoting at once end with exactly ${USERS}`, async () => {
    const results = await Promise.all(
      actors.map((actor, i) => services[i % PROCESSES]?.votes.upvote(actor, '2608.00001')),
    );
    assert.equal(results.filter((r) => r?.changed).length, USERS);
    assert.deepEqual(await counts(), { column: USERS, rows: USERS });
  });

  test('racing upvotes and unvotes (and repeats) leave the count equal to the votes', async () => {
    const ops = actors.flatMap((actor, i) => [
      () => services[i % PROCESSES]?.votes.unvote(actor, '2608.00001'),
      () => services[(i + 1) % PROCESSES]?.votes.upvote(actor, '2608.00001'),
      () => services[(i + 2) % PROCESSES]?.votes.unvote(actor, '2608.00001'),
    ]);
    await Promise.all(ops.map((op) => op()));
    const after = await counts();
    assert.equal(after.column, after.rows);
    // Every user now holds zero or one vote; upvote all again at once.
    await Promise.all(actors.map((actor, i) => services[i % PROCESSES]?.votes.upvote(actor, '2608.00001')));
    assert.deepEqual(await counts(), { column: USERS, rows: USERS });
  });
});
