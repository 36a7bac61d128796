// `paperboy digest preview | send --dry-run | status` as operators run them, on both databases.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createTestApp, movableClock } from '../support/app.js';
import { runPaperboy } from '../support/cli.js';
import { seedPapers } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('paperboy digest', (get) => {
  let env: Record<string, string>;

  before(async () => {
    // Papers featured an hour ago (the real clock: the child process has no other) and a subscriber due now.
    const hourAgo = new Date(Date.now() - 3_600_000);
    const ctx = createTestApp(get().db, {}, movableClock(hourAgo.toISOString()));
    await seedPapers(ctx, [
      {
        arxivId: '2608.60001',
        day: hourAgo.toISOString().slice(0, 10),
        fields: { title: 'Digest <preview> paper', hfUpvotes: 4 },
      },
    ]);
    const subs = ctx.services.delivery.subscriptions;
    await subs.subscribe(
      {
        email: 'cli@example.org',
        cadence: 'daily',
        skipWeekends: false,
        hour: 0,
        timeZone: 'UTC',
        digest: true,
        alert: 'preview',
      },
      { ip: null, user: null },
    );
    // Confirmed two days ago (a clock of its own), so today's slot has come.
    const past = createTestApp(
      get().db,
      {},
      movableClock(new Date(Date.now() - 2 * 86_400_000).toISOString()),
    );
    const sub = (await subs.findByEmail('cli@example.org'))!;
    await past.services.delivery.subscriptions.resume({ ...sub, status: 'unsubscribed' });
    env = { PAPERBOY_DATABASE_URL: get().url, PAPERBOY_BASE_URL: 'https://papers.example.org' };
  });

  test('preview prints the digest a new subscriber would get; --html its HTML; an unknown address exits 1', async () => {
    const text = await runPaperboy(['digest', 'preview'], { env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Subject: Trending papers · paperboy, /);
    assert.match(text.stdout, /1\. Digest <preview> paper/);
    const html = await runPaperboy(['digest', 'preview', '--html', '--cadence', 'weekly'], { env });
    assert.match(html.stdout, /Digest &lt;preview&gt; paper/);
    const unknown = await runPaperboy(['digest', 'preview', '--email', 'nobody@example.org'], { env });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no subscription for nobody@example.org/);
    const bad = await runPaperboy(['digest', 'preview', '--cadence', 'hourly'], { env });
    assert.equal(bad.code, 2);
  });

  test('send --dry-run lists who would get what and writes nothing; status counts', async () => {
    const dry = await runPaperboy(['digest', 'send', '--dry-run'], { env });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /cli@example\.org {2}daily:\d{4}-\d{2}-\d{2} {2}1 trending/);
    assert.match(dry.stdout, /dry run: 1 due, 1 would get an email, 0 have nothing new; nothing written/);
    const again = await runPaperboy(['digest', 'send', '--dry-run', '--json'], { env });
    assert.equal((JSON.parse(again.stdout) as { queued: number }).queued, 1, 'the dry run wrote nothing');
    const status = await runPaperboy(['digest', 'status'], { env });
    assert.match(status.stdout, /subscriptions: pending 0, active 1, paused 0, unsubscribed 0/);
    assert.match(status.stdout, /outbox: pending 1, /, 'only the confirmation email waits');
    const help = await runPaperboy(['digest', '--help'], { env });
    assert.match(help.stdout, /Usage: paperboy digest preview/);
  });
});
