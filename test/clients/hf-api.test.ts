// The JSON API as Hugging Face's own client uses it. huggingface_hub (HfApi(endpoint=...)) is not in
// this machine's registries, so the test sends the requests its list_daily_papers, list_papers and
// paper_info send, over real HTTP, and compares the answers with what Hugging Face answered for the
// same entries (the recorded fixture), field by field where the value is Hugging Face's own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../support/app.js';
import { startTestServer, type TestServer } from '../support/browser.js';
import { describeEachDatabase } from '../support/databases.js';
import type { HfDailyEntry } from '../../src/http/api/hf-shapes.js';
import { createHttpApp } from '../../src/http/server.js';

interface RecordedEntry {
  publishedAt: string;
  paper: {
    id: string;
    submittedOnDailyAt?: string;
    submittedOnDailyBy?: { name?: string };
    organization?: { name: string; fullname: string };
  };
}

const DAY = '2026-08-21';
const recorded = JSON.parse(
  readFileSync(hfFixtureFiles().find((f) => f.endsWith(`${DAY}.json`)) as string, 'utf8'),
) as RecordedEntry[];

describeEachDatabase('the API through Hugging Face client calls', (get) => {
  let server: TestServer;
  const getJson = async <T>(path: string): Promise<{ body: T; res: Response }> => {
    const res = await fetch(`${server.base}${path}`);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return { body: (await res.json()) as T, res };
  };

  before(async () => {
    server = await startTestServer();
    const ctx = createTestApp(get().db, { baseUrl: server.base, pageCacheSeconds: 0 });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    server.setApp(createHttpApp(ctx));
  });
  after(() => server.close());

  test("list_daily_papers(date=...): the entries' own times and organizations are Hugging Face's", async () => {
    const { body } = await getJson<HfDailyEntry[]>(`/api/daily_papers?date=${DAY}&limit=100`);
    assert.equal(body.length, recorded.length);
    for (const theirs of recorded) {
      const ours = body.find((e) => e.paper.id === theirs.paper.id);
      assert.ok(ours, theirs.paper.id);
      assert.equal(ours.publishedAt, theirs.publishedAt, `${theirs.paper.id} publishedAt`);
      assert.equal(ours.paper.submittedOnDailyAt, theirs.paper.submittedOnDailyAt, theirs.paper.id);
      if (theirs.paper.organization)
        assert.deepEqual(ours.paper.organization, {
          name: theirs.paper.organization.name,
          // Whitespace is collapsed on import (this one has a double space).
          fullname: theirs.paper.organization.fullname.replace(/\s+/g, ' '),
        });
    }
    assert.ok(recorded.some((e) => e.paper.organization?.name === 'google'));
  });

  test('list_daily_papers(submitter=...) lists only that submitter; unknown parameters are ignored and named', async () => {
    const who = recorded[0]?.paper.submittedOnDailyBy?.name as string;
    const expected = recorded.filter((e) => e.paper.submittedOnDailyBy?.name === who).map((e) => e.paper.id);
    assert.ok(expected.length > 0 && expected.length < recorded.length);
    const { body, res } = await getJson<HfDailyEntry[]>(
      `/api/daily_papers?date=${DAY}&submitter=${who.toUpperCase()}&limit=100&utm_source=x&token=`,
    );
    assert.deepEqual(body.map((e) => e.paper.id).sort(), [...expected].sort());
    assert.equal(res.headers.get('x-total-count'), String(expected.length));
    assert.equal(res.headers.get('x-ignored-parameters'), 'utm_source');
    const none = await getJson<HfDailyEntry[]>(`/api/daily_papers?date=${DAY}&submitter=nobody-here`);
    assert.deepEqual(none.body, []);
  });

  test('list_papers() without a query lists the newest papers', async () => {
    const { body, res } = await getJson<HfDailyEntry[]>('/api/papers/search');
    assert.equal(body.length, 20);
    const published = body.map((e) => e.paper.publishedAt ?? '');
    assert.deepEqual(published, [...published].sort().reverse());
    assert.ok(Number(res.headers.get('x-total-count')) > 20);
  });

  test('featured papers in search results say when and by whom, as on the feed', async () => {
    const { body } = await getJson<HfDailyEntry[]>('/api/papers/search?q=EnvHarness');
    const hit = body.find((e) => e.paper.id === '2608.19880');
    const theirs = recorded.find((e) => e.paper.id === '2608.19880');
    assert.ok(hit && theirs);
    assert.equal(hit.paper.submittedOnDailyAt, theirs.paper.submittedOnDailyAt);
    assert.equal(hit.submittedBy?.name, theirs.paper.submittedOnDailyBy?.name);
  });
});
