// Submitting a paper this catalogue does not hold yet, on both databases: its metadata is fetched from
// arXiv (the loopback stand-in answering with recorded responses), an id arXiv lacks is refused, and
// a member at the daily cap is refused before any request goes upstream.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../config.js';
import { signedInUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { createIngestTestApp } from '../../test/support/ingest.js';
import { startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server.js';
import { NotFoundError, RateLimitedError } from './errors.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

describeEachDatabase('submissions of unknown papers', (get) => {
  test('fetches the metadata from arXiv, refuses ids arXiv lacks, and checks the cap first', async () => {
    server.reset();
    const ctx = createIngestTestApp(get().db, server, {
      // The recorded papers are years old; the age rule is not what this test is about.
      community: { ...loadConfig({}).community, submissionMaxAgeDays: 36_500, submissionsPerDay: 2 },
    });
    const member = await signedInUser(ctx, 'submitter@example.org');

    const first = await ctx.services.submissions.submit(member.actor, '2204.08348');
    assert.deepEqual(
      [first.fetched, first.added, first.day, first.title],
      [true, true, '2026-08-22', 'Automated Test Generation for REST APIs: No Time to Rest Yet'],
    );
    const paper = await ctx.services.papers.getPaper('2204.08348');
    assert.deepEqual(
      paper.authors.map((a) => a.name),
      ['Myeongsoo Kim', 'Qi Xin', 'Saurabh Sinha', 'Alessandro Orso'],
    );
    assert.deepEqual(
      paper.featuredDays.map((f) => f.day),
      ['2026-08-22'],
    );

    await assert.rejects(ctx.services.submissions.submit(member.actor, '0808.05394'), NotFoundError);
    await assert.rejects(ctx.services.papers.getPaper('0808.05394'), NotFoundError);

    const second = await ctx.services.submissions.submit(member.actor, '1707.08567');
    assert.equal(second.fetched, true);
    const asked = server.requests.length;
    await assert.rejects(ctx.services.submissions.submit(member.actor, 'astro-ph/0601001'), RateLimitedError);
    assert.equal(server.requests.length, asked, 'no upstream request past the cap');
    assert.deepEqual(
      server.requests.map((r) => r.query.id_list),
      ['2204.08348', '0808.05394', '1707.08567'],
    );
  });
});
