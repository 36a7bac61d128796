// Feeds as real readers see them: Python's feedparser (python3-feedparser) fetches each feed over
// HTTP from a server on loopback, and the XML is checked for what newsboat reads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../support/app.js';
import { startTestServer, type TestServer } from '../support/browser.js';
import { describeEachDatabase } from '../support/databases.js';
import { feedparserRead } from '../support/python-clients.js';
import { createHttpApp } from '../../src/http/server.js';

describeEachDatabase('feeds in real readers', (get) => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    const base = createTestApp(get().db);
    const ctx = createTestApp(get().db, {
      baseUrl: server.base,
      pageCacheSeconds: 0,
      embedder: { ...base.config.embedder, builtinDim: 32 },
    });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    // With vectors, a loose search would add papers found by meaning alone.
    await ctx.services.embeddings.train();
    await ctx.services.embeddings.embedPending();
    await ctx.services.semantic.refresh();
    server.setApp(createHttpApp(ctx));
  });
  after(() => server.close());

  test('a search feed names its own address, query included, and that address answers', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const url = `${server.base}/feeds/search.${format}?q=language+agents&category=cs.CL`;
      const feed = await feedparserRead(url);
      assert.equal(feed.bozo, false, feed.bozoException ?? '');
      const self = feed.links.find((l) => l.rel === 'self');
      assert.equal(self?.href, url);
      const again = await fetch(self.href);
      assert.equal(again.status, 200, self.href);
    }
    const json = (await (await fetch(`${server.base}/feeds/search.json?q=agents`)).json()) as {
      feed_url: string;
    };
    assert.equal(json.feed_url, `${server.base}/feeds/search.json?q=agents`);
    assert.equal((await fetch(json.feed_url)).status, 200);
  });

  test('a two-word topic feed holds only papers with both words, as the alert would', async () => {
    const json = (await (await fetch(`${server.base}/feeds/search.json?q=reasoning+benchmark`)).json()) as {
      items: { title: string; content_html: string }[];
    };
    assert.ok(json.items.length > 0);
    for (const item of json.items) {
      const text = `${item.title} ${item.content_html}`.toLowerCase();
      assert.match(text, /reason/, item.title);
      assert.match(text, /benchmark/, item.title);
    }
    // The page, which forgives, shows more: the feed is the strict subset.
    const page = await (
      await fetch(`${server.base}/api/papers/search?q=reasoning+benchmark&limit=100`)
    ).json();
    assert.ok((page as unknown[]).length > json.items.length);
  });

  test('each RSS item has one dc:creator with every author, which feedparser reads whole', async () => {
    const xml = await (await fetch(`${server.base}/feeds/daily.rss`)).text();
    const items = xml.split('<item>').slice(1);
    assert.ok(items.length > 0);
    for (const item of items) assert.ok((item.match(/<dc:creator>/g) ?? []).length <= 1);
    const feed = await feedparserRead(`${server.base}/feeds/daily.rss`);
    const envharness = feed.entries.find((e) => e.link.endsWith('/papers/2608.19880'));
    assert.ok(envharness);
    const json = (await (await fetch(`${server.base}/api/papers/2608.19880`)).json()) as {
      authors: { name: string }[];
    };
    const names = json.authors.map((a) => a.name);
    assert.ok(names.length > 2);
    assert.equal(envharness.author, names.join(', '));
  });
});
