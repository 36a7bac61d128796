// Topic alerts that opt into meaning (a query starting with ~): the digest holds the new papers like
// the query even when they share none of its words, says why with the similarity, and explains what
// "like this query" meant; the same words without ~ match nothing, and papers of other topics stay out.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestApp, movableClock, type MovableClock } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { MEANING_TARGETS, paraphraseCorpus } from '../../test/support/paraphrase-corpus.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp-server.js';
import type { AppContext } from '../app.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-alert-meaning-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const listing = (name: string, papers: { id: string; title: string; summary: string }[]) => {
  const file = join(dir, name);
  writeFileSync(
    file,
    papers
      .map((p) =>
        JSON.stringify({
          id: p.id,
          title: p.title,
          summary: p.summary,
          authors: ['A. Writer'],
          categories: ['cs.LG'],
        }),
      )
      .join('\n') + '\n',
  );
  return file;
};

describeEachDatabase('topic alerts by meaning', (get) => {
  let smtp: TestSmtpServer;
  let clock: MovableClock;
  let ctx: AppContext;
  const robots = MEANING_TARGETS[0];
  const targets = new Set<string>(MEANING_TARGETS.map((t) => t.id));

  before(async () => {
    smtp = await startSmtpServer();
    clock = movableClock('2026-08-19T10:00:00.000Z');
    const base = createTestApp(get().db);
    ctx = createTestApp(
      get().db,
      {
        searchRefreshOverlapSeconds: 60,
        community: { ...base.config.community, smtpUrl: smtp.url },
        delivery: { ...base.config.delivery, mailPerMinute: 0 },
        embedder: { ...base.config.embedder, builtinDim: 16, builtinTrainer: 'dual' },
      },
      clock,
    );
    // The catalogue so far, and its model.
    await ctx.services.importer.importFiles([
      listing(
        'old.jsonl',
        paraphraseCorpus().filter((p) => !targets.has(p.id)),
      ),
    ]);
    await ctx.services.embeddings.train();
    await ctx.services.embeddings.embedPending();
  });
  after(() => smtp.close());

  test('the digest holds the new paper like the query, with its similarity; the words alone find nothing', async () => {
    const { subscriptions, digests, sender } = ctx.services.delivery;
    await subscriptions.subscribe(
      {
        email: 'ada@example.org',
        cadence: 'daily',
        skipWeekends: false,
        hour: 8,
        timeZone: 'UTC',
        digest: false,
        alert: `~${robots.query}`,
      },
      { ip: '192.0.2.1', user: null },
    );
    await sender.deliverDue();
    const confirmation = await smtp.nextMessage('ada@example.org');
    const token = /\/subscription\/confirm\?token=([A-Za-z0-9_-]+)/.exec(confirmation.text)?.[1];
    assert.ok(token);
    const sub = await subscriptions.confirm(token);
    // The same words without ~: every word must match, and no paper has them all.
    assert.deepEqual(await subscriptions.addAlert(sub, robots.query), { added: true });

    // Next day: the two target papers arrive, each sharing no word with its query, and get vectors.
    clock.set('2026-08-20T12:00:00.000Z');
    await ctx.services.importer.importFiles([
      listing(
        'new.jsonl',
        MEANING_TARGETS.map((t) => ({ id: t.id, title: t.title, summary: t.summary })),
      ),
    ]);
    assert.equal((await ctx.services.embeddings.embedPending()).embedded, 2);
    await ctx.services.semantic.refresh();

    clock.set('2026-08-21T08:00:30.000Z');
    const preview = await digests.preview(sub.id);
    assert.ok(preview, 'a digest is due');
    const { content, message } = preview;
    assert.equal(content.alerts.length, 1, 'only the ~ alert has papers');
    const section = content.alerts[0];
    assert.ok(section);
    assert.equal(section.query, `~${robots.query}`);
    assert.deepEqual(
      section.papers.map((p) => p.arxivId),
      [robots.id],
      'the robots paper, not the speech one',
    );
    assert.match(section.papers[0]?.why ?? '', /^by meaning, similarity 0\.\d\d$/);
    assert.match(section.meaning ?? '', /Also papers like this query by meaning: similarity 0\.\d\d or more/);
    assert.match(message.text, /Your alert “~teaching machines by watching people”: 1 new paper/);
    assert.match(message.text, /Also papers like this query by meaning/);
    assert.match(message.text, /Matched: by meaning, similarity/);
    assert.match(message.html, /Also papers like this query by meaning/);
    // The search link of the alert runs the query without the marker.
    assert.match(section.searchUrl, /q=teaching\+machines\+by\+watching\+people/);
  });

  test('a ~ with nothing after it is not an alert', async () => {
    await assert.rejects(
      ctx.services.delivery.subscriptions.addAlert(
        { id: 1 } as Parameters<typeof ctx.services.delivery.subscriptions.addAlert>[0],
        '~',
      ),
      /an alert needs words/,
    );
  });
});
