import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Hono } from 'hono';
import { createTestApp, hfFixtureFiles } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { emptyPaper } from '../../domain/paper-record.js';
import { upsertRecords } from '../../ingest/upsert.js';
import { inTransaction } from '../../stores/index.js';
import { createHttpApp } from '../server.js';

const NASTY_TITLE = '<script>alert("x")</script> & "quotes" \u0001control';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const FEEDS = [
  '/feeds/daily',
  '/feeds/weekly',
  '/feeds/monthly',
  '/feeds/trending',
  '/feeds/authors/chengsong-huang',
];

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['item', 'entry', 'author', 'category', 'link', 'dc:creator'].includes(name),
});

type Xml = Record<string, unknown>;
const obj = (v: unknown) => v as Xml;
const list = (v: unknown) => (Array.isArray(v) ? (v as Xml[]) : []);
const text = (v: unknown): string =>
  Array.isArray(v)
    ? text(v[0])
    : typeof v === 'object' && v !== null
      ? String(obj(v)['#text'] ?? '')
      : String(v ?? '');

describeEachDatabase('feeds', (get) => {
  let app: Hono;
  const fetchFeed = async (url: string, type: RegExp) => {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    assert.match(res.headers.get('content-type') ?? '', type, url);
    return res.text();
  };

  before(async () => {
    const ctx = createTestApp(get().db, { pageCacheSeconds: 0 });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    // A paper whose title and abstract try to break out of XML, HTML and JSON, featured on the newest day.
    await inTransaction(ctx.db, (stores) =>
      upsertRecords(
        stores,
        [
          {
            paper: {
              ...emptyPaper('2608.99990', 'hf'),
              title: NASTY_TITLE,
              abstract: 'Ends with ]]> and <b>bold</b> & a \u0002 control.',
              authors: ['Chengsong Huang'],
              publishedAt: '2026-08-20T00:00:00.000Z',
              hfSnapshotOn: '2026-08-21',
            },
            daily: {
              arxivId: '2608.99990',
              day: '2026-08-21',
              featuredAt: '2026-08-21T00:00:00.000Z',
              source: 'curator',
              submitterName: null,
              submitterFullname: null,
              submitterAvatarUrl: null,
            },
          },
        ],
        '2026-08-22T00:00:00.000Z',
      ),
    );
    app = createHttpApp(ctx);
  });

  test('RSS 2.0 feeds are well-formed with the required elements, RFC 822 dates and permalinks', async () => {
    for (const base of FEEDS) {
      const body = await fetchFeed(`${base}.rss`, /application\/rss\+xml/);
      assert.equal(XMLValidator.validate(body), true, base);
      const channel = obj(obj(parser.parse(body).rss).channel);
      for (const required of ['title', 'link', 'description'])
        assert.ok(text(channel[required]), `${base}: ${required}`);
      const items = list(channel.item);
      assert.ok(items.length > 0, base);
      for (const item of items) {
        const pubDate = text(item.pubDate);
        assert.equal(new Date(pubDate).toUTCString(), pubDate, `${base}: ${pubDate}`);
        assert.match(text(item.guid), /^https:\/\/papers\.example\.org\/papers\//);
        assert.equal(obj(item.guid)['@_isPermaLink'], 'true');
        assert.ok(text(item.title));
      }
    }
  });

  test('Atom 1.0 feeds have ids, titles, RFC 3339 dates and an author on every entry', async () => {
    for (const base of FEEDS) {
      const body = await fetchFeed(`${base}.atom`, /application\/atom\+xml/);
      assert.equal(XMLValidator.validate(body), true, base);
      const feed = obj(parser.parse(body).feed);
      assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
      assert.ok(text(feed.id) && text(feed.title));
      assert.match(text(feed.updated), RFC3339);
      assert.ok(
        list(feed.link).some(
          (l) => l['@_rel'] === 'self' && l['@_href'] === `https://papers.example.org${base}.atom`,
        ),
      );
      for (const entry of list(feed.entry)) {
        assert.ok(text(entry.id) && text(entry.title));
        assert.match(text(entry.updated), RFC3339);
        assert.match(text(entry.published), RFC3339);
        assert.ok(list(entry.author).length > 0);
      }
    }
  });

  test('JSON Feed 1.1 feeds carry the version, title and items with ids and content', async () => {
    for (const base of FEEDS) {
      const feed = JSON.parse(await fetchFeed(`${base}.json`, /application\/feed\+json/)) as {
        version: string;
        title: string;
        feed_url: string;
        items: { id: string; content_html: string; date_published: string }[];
      };
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.ok(feed.title);
      assert.equal(feed.feed_url, `https://papers.example.org${base}.json`);
      assert.ok(feed.items.length > 0);
      for (const item of feed.items) {
        assert.ok(item.id && item.content_html);
        assert.match(item.date_published, RFC3339);
      }
    }
  });

  test('markup in paper text is escaped and inert: the title reads back as text, nothing becomes a tag', async () => {
    const rss = await fetchFeed('/feeds/daily.rss', /rss/);
    assert.ok(!rss.includes('<script>'));
    assert.ok(!rss.includes('<b>bold</b>'));
    const items = list(obj(obj(parser.parse(rss).rss).channel).item);
    const nasty = items.find((i) => text(i.guid).endsWith('/papers/2608.99990'));
    // Even a reader that renders titles as HTML finds no tag in it: each `<` that could open one is `< `.
    assert.equal(text(nasty?.title), '< script>alert("x")< /script> & "quotes" control');
    // The HTML description is itself escaped HTML: once unescaped by a reader it shows text, not tags.
    assert.match(text(nasty?.description), /&lt;b&gt;bold&lt;\/b&gt;/);
    const json = JSON.parse(await fetchFeed('/feeds/daily.json', /json/)) as {
      items: { id: string; title: string; content_html: string }[];
    };
    const item = json.items.find((i) => i.id.endsWith('/papers/2608.99990'));
    assert.equal(item?.title, '< script>alert("x")< /script> & "quotes" \u0001control');
    assert.ok(item?.content_html.includes('&lt;b&gt;bold&lt;/b&gt;'));
  });

  test('item ids are stable across requests and formats', async () => {
    const ids = async () => {
      const json = JSON.parse(await fetchFeed('/feeds/daily.json', /json/)) as { items: { id: string }[] };
      return json.items.map((i) => i.id);
    };
    const first = await ids();
    assert.deepEqual(await ids(), first);
    const atom = obj(parser.parse(await fetchFeed('/feeds/daily.atom', /atom/)).feed);
    assert.deepEqual(
      list(atom.entry).map((e) => text(e.id)),
      first,
    );
    assert.equal(new Set(first).size, first.length, 'one item per paper');
  });

  test('search feeds follow any query, newest first; author feeds follow an author', async () => {
    const feed = JSON.parse(await fetchFeed('/feeds/search.json?q=EnvHarness', /json/)) as {
      items: { id: string }[];
    };
    assert.ok(feed.items.some((i) => i.id.endsWith('/papers/2608.19880')));
    const author = JSON.parse(await fetchFeed('/feeds/authors/chengsong-huang.json', /json/)) as {
      title: string;
      items: { id: string }[];
    };
    assert.match(author.title, /papers by Chengsong Huang/);
    assert.ok(author.items.some((i) => i.id.endsWith('/papers/2608.19880')));
  });

  test('bad feed requests get clear errors', async () => {
    assert.equal((await app.request('/feeds/search.rss')).status, 400);
    assert.equal((await app.request('/feeds/authors/nobody-at-all.rss')).status, 404);
    assert.equal((await app.request('/feeds/authors/chengsong-huang.txt')).status, 400);
    const json = await app.request('/feeds/search.json');
    assert.equal(((await json.json()) as { parameter: string }).parameter, 'q');
  });

  test('conditional GET answers 304 when the feed has not changed', async () => {
    const first = await app.request('/feeds/trending.atom');
    const tag = first.headers.get('etag');
    assert.ok(tag);
    const again = await app.request('/feeds/trending.atom', { headers: { 'If-None-Match': tag } });
    assert.equal(again.status, 304);
  });

  test('pages announce their feeds for discovery', async () => {
    const home = await (await app.request('/')).text();
    assert.match(
      home,
      /<link rel="alternate" type="application\/rss\+xml" title="Daily papers \(RSS\)" href="\/feeds\/daily\.rss"/,
    );
    assert.match(home, /type="application\/atom\+xml"[^>]*href="\/feeds\/daily\.atom"/);
    assert.match(home, /type="application\/feed\+json"[^>]*href="\/feeds\/daily\.json"/);
    assert.match(await (await app.request('/trending')).text(), /href="\/feeds\/trending\.rss"/);
    assert.match(
      await (await app.request('/authors/chengsong-huang')).text(),
      /href="\/feeds\/authors\/chengsong-huang\.atom"/,
    );
    assert.match(
      await (await app.request('/search?q=agents')).text(),
      /href="\/feeds\/search\.rss\?q=agents"/,
    );
  });
});
