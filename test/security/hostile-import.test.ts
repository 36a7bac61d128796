// A file of hostile records (fixtures/handmade/2026-08-21.hostile.json: markup, event handlers,
// javascript: and data: links, LaTeX commands, BibTeX braces, CDATA ends, control characters in
// every field Hugging Face gives us) imported through the real importer, then read back in every
// format we serve, with real parsers: pages and emails in Chromium's DOM, feeds with an XML parser
// and Python's feedparser, BibTeX with bibtexparser, JSON with JSON.parse. Everywhere the imported
// text is text: no element, attribute or link of the attacker's, in any slot.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import type { AppContext } from '../../src/app.js';
import { collapseWhitespace } from '../../src/domain/text.js';
import { createHttpApp } from '../../src/http/server.js';
import { createTestApp, movableClock, type MovableClock } from '../support/app.js';
import { launchChromium, openPage, startTestServer, type TestServer } from '../support/browser.js';
import { describeEachDatabase } from '../support/databases.js';
import { readWithPython, unavailable } from '../support/python-clients.js';
import { type CapturedMail, startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

const FILE = fileURLToPath(new URL('../../fixtures/handmade/2026-08-21.hostile.json', import.meta.url));
interface HostileEntry {
  title: string;
  paper: { id: string; title: string; summary: string; ai_summary: string; authors: { name: string }[] };
}
const ENTRIES = JSON.parse(readFileSync(FILE, 'utf8')) as HostileEntry[];
const IDS = ENTRIES.map((e) => e.paper.id);
const BASE = 'https://papers.example.org';

/** A `<` that starts a tag, end tag, comment or declaration: live markup in any HTML renderer. */
const LIVE = /<[A-Za-z!/?]/;

/**
 * What a DOM holds that is not ours: any on* attribute, script (other than our own app.js),
 * iframe/object/embed/svg/math/style/base elements, a meta refresh, and links or sources that
 * are not http(s), mailto or relative. Evaluated in the page (written as a string: this project's
 * TypeScript has no DOM types).
 */
const DOM_PROBLEMS = `(() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const attr of el.attributes)
      if (attr.name.toLowerCase().startsWith('on')) problems.push('<' + tag + ' ' + attr.name + '="' + attr.value + '">');
    if (['iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'base', 'textarea'].includes(tag))
      problems.push('<' + tag + '> element');
    if (tag === 'script' && !/^\\/assets\\/app\\.[0-9a-f]+\\.js$/.test(el.getAttribute('src') || ''))
      problems.push('<script> ' + el.outerHTML.slice(0, 80));
    if (tag === 'meta' && el.getAttribute('http-equiv')) problems.push('<meta http-equiv>');
    for (const name of ['href', 'src', 'action', 'formaction', 'srcset', 'poster']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      let protocol;
      try { protocol = new URL(value, document.baseURI).protocol; } catch { continue; }
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push('<' + tag + ' ' + name + '="' + value + '">');
    }
  }
  return problems;
})()`;

/** Our feed content HTML may use these elements, and only href (http or https) on links. */
const CONTENT_PROBLEMS = `(() => {
  const problems = [];
  for (const el of document.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!['p', 'em', 'a'].includes(tag)) problems.push('<' + tag + '> in content');
    for (const attr of el.attributes)
      if (!(tag === 'a' && attr.name === 'href')) problems.push('<' + tag + ' ' + attr.name + '> in content');
    const href = el.getAttribute('href');
    if (href !== null && !/^https?:\\/\\//.test(href)) problems.push('href="' + href + '" in content');
  }
  return problems;
})()`;

const domProblems = (page: Page) => page.evaluate<string[]>(DOM_PROBLEMS);
const contentProblems = (page: Page) => page.evaluate<string[]>(CONTENT_PROBLEMS);

describeEachDatabase('hostile imported text', (get) => {
  let clock: MovableClock;
  let ctx: AppContext;
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let authorSlug: string;

  before(async () => {
    smtp = await startSmtpServer();
    clock = movableClock('2026-08-20T10:00:00.000Z');
    const base = createTestApp(get().db);
    ctx = createTestApp(
      get().db,
      {
        baseUrl: BASE,
        searchRefreshOverlapSeconds: 60,
        community: { ...base.config.community, smtpUrl: smtp.url },
        delivery: { ...base.config.delivery, mailPerMinute: 0 },
      },
      clock,
    );
    // Two subscribers before the papers arrive: the digest with an alert, and the alert alone.
    const { subscriptions, sender } = ctx.services.delivery;
    for (const [email, digest] of [
      ['digest@example.org', true],
      ['alerts@example.org', false],
    ] as const) {
      await subscriptions.subscribe(
        { email, cadence: 'daily', skipWeekends: false, hour: 8, timeZone: 'UTC', digest, alert: 'hostile' },
        { ip: null, user: null },
      );
    }
    await sender.deliverDue();
    for (const email of ['digest@example.org', 'alerts@example.org']) {
      const mail = await smtp.nextMessage(email);
      const token = /\/subscription\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      assert.ok(token);
      await subscriptions.confirm(token);
    }
    clock.set('2026-08-21T07:00:00.000Z');
    const summary = await ctx.services.importer.importFiles([FILE]);
    assert.equal(summary.refusedFiles, 0, JSON.stringify(summary.files));
    assert.equal(summary.new, ENTRIES.length, 'every hostile record is imported: the text is data');
    clock.set('2026-08-21T08:00:30.000Z');
    authorSlug = (await ctx.services.papers.getPaper(IDS[0] ?? '')).authors[0]?.slug ?? '';
    server = await startTestServer(createHttpApp(ctx));
    browser = await launchChromium();
    ({ page } = await openPage(browser, server.base));
    page.on('dialog', (d) => {
      void d.dismiss();
      throw new Error(`a dialog opened: ${d.message()}`);
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  test('pages: the text is shown as text, and nothing of the attacker is in the DOM', async () => {
    const pages = [
      '/',
      `/papers/${IDS[0]}`,
      `/papers/${IDS[1]}`,
      '/papers?date=2026-08-21',
      '/papers?week=2026-W34',
      '/papers?month=2026-08',
      '/trending',
      '/search?q=hostile',
      `/authors/${encodeURIComponent(authorSlug)}`,
      '/digest/preview',
    ];
    for (const path of pages) {
      const res = await page.goto(`${server.base}${path}`);
      assert.equal(res?.status(), 200, path);
      assert.deepEqual(await domProblems(page), [], path);
    }
    await page.goto(`${server.base}/papers/${IDS[0]}`);
    const text = (await page.textContent('main')) ?? '';
    const first = ENTRIES[0]!.paper;
    for (const shown of [
      first.ai_summary,
      "<script>alert('author')</script> Mallory",
      '<iframe src="https://evil.example/"></iframe>Evil Org',
      '<i>keyword</i>',
    ])
      assert.ok(text.includes(shown), `shown as text: ${shown}`);
  });

  test('BibTeX: one entry with our fields only, every brace and backslash of the data escaped', async (t) => {
    await page.goto(`${server.base}/papers/${IDS[0]}`);
    const bibtex = (await page.textContent('pre.bibtex code')) ?? '';
    assert.match(bibtex, /^@misc\{/);
    // Without our own escapes no backslash is left, and every brace left is one of ours, balanced.
    const unescaped = bibtex.replace(
      /\\(textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum|textless|textgreater|textbar)\{\}|\\[&%$#_]/g,
      '',
    );
    assert.doesNotMatch(unescaped, /\\/);
    let depth = 0;
    const andsAtTop: number[] = [];
    const author = /author = \{(.*)\},\n/.exec(unescaped)?.[1] ?? '';
    for (const ch of unescaped) {
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      assert.ok(depth >= 0, 'a closing brace with nothing open');
    }
    assert.equal(depth, 0);
    // BibTeX splits authors on " and " outside braces: three authors, whatever their names say.
    depth = 0;
    for (const [i, ch] of [...author].entries()) {
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      if (depth === 0 && author.startsWith(' and ', i)) andsAtTop.push(i);
    }
    assert.equal(andsAtTop.length, ENTRIES[0]!.paper.authors.length - 1, author);
    const why = unavailable();
    if (why) return t.skip(why);
    const [parsed] = readWithPython({ feeds: [], bibtex: [bibtex] }).bibtex;
    assert.equal(parsed?.entries.length, 1);
    assert.deepEqual(Object.keys(parsed?.entries[0] ?? {}).sort(), [
      'ENTRYTYPE',
      'ID',
      'archiveprefix',
      'author',
      'eprint',
      'title',
      'url',
      'year',
    ]);
    assert.match(
      parsed?.entries[0]?.author ?? '',
      /\\textbackslash\{\}input\\textbraceleft\{\}\/etc\/passwd\\textbraceright\{\}/,
    );
  });

  test('feeds: titles, summaries and names are text with no live markup; content holds only our HTML', async (t) => {
    const feeds = [
      '/feeds/daily',
      '/feeds/trending',
      '/feeds/weekly',
      '/feeds/monthly',
      // Search feeds match strictly (every word), so the query holds words of the hostile title.
      `/feeds/search.FORMAT?q=${encodeURIComponent("hostile <script>alert('title')</script>")}`,
      `/feeds/authors/${encodeURIComponent(authorSlug)}`,
    ];
    const xml = new XMLParser({
      ignoreAttributes: false,
      removeNSPrefix: true,
      isArray: (n) => ['item', 'entry', 'author', 'creator'].includes(n),
    });
    const texts: [string, unknown][] = [];
    const contents: [string, string][] = [];
    const xmlFeeds: string[] = [];
    for (const feed of feeds) {
      for (const format of ['rss', 'atom', 'json'] as const) {
        const url = feed.includes('FORMAT') ? feed.replace('FORMAT', format) : `${feed}.${format}`;
        const res = await fetch(`${server.base}${url}`);
        assert.equal(res.status, 200, url);
        const body = await res.text();
        if (format === 'json') {
          const doc = JSON.parse(body) as {
            title: string;
            items: { title: string; summary: string; content_html: string; authors: { name: string }[] }[];
          };
          texts.push([`${url} title`, doc.title]);
          assert.ok(doc.items.length > 0, `${url} lists the hostile papers`);
          for (const item of doc.items) {
            texts.push([`${url} item title`, item.title], [`${url} summary`, item.summary]);
            for (const a of item.authors) texts.push([`${url} author`, a.name]);
            contents.push([url, item.content_html]);
          }
          continue;
        }
        assert.equal(XMLValidator.validate(body), true, `${url} is well-formed XML`);
        xmlFeeds.push(body);
        const doc = xml.parse(body) as Record<string, Record<string, unknown>>;
        const channel = (format === 'rss' ? doc.rss?.channel : doc.feed) as Record<string, unknown>;
        texts.push([`${url} title`, channel.title]);
        const items = (format === 'rss' ? channel.item : channel.entry) as Record<string, unknown>[];
        assert.ok(items.length > 0, `${url} lists the hostile papers`);
        for (const item of items) {
          texts.push([`${url} item title`, item.title]);
          if (format === 'atom') {
            texts.push([`${url} summary`, item.summary]);
            for (const a of item.author as { name: unknown }[]) texts.push([`${url} author`, a.name]);
            contents.push([url, String((item.content as Record<string, unknown>)['#text'] ?? '')]);
          } else {
            for (const creator of (item.creator as unknown[] | undefined) ?? [])
              texts.push([`${url} creator`, creator]);
            contents.push([url, String(item.description)]);
          }
        }
      }
    }
    for (const [where, value] of texts) {
      // A string: the element has no children; and its text is inert even rendered as HTML.
      assert.equal(typeof value, 'string', `${where} is text, not elements: ${JSON.stringify(value)}`);
      assert.doesNotMatch(value as string, LIVE, `${where}: ${value as string}`);
    }
    assert.ok(
      texts.some(([, v]) => String(v).includes('< b onmouseover=alert(')),
      'the AI summary is there, as text',
    );
    for (const [url, html] of contents) {
      await page.setContent(`<!DOCTYPE html><body>${html}</body>`);
      assert.deepEqual(await contentProblems(page), [], url);
    }

    const why = unavailable();
    if (why) return t.skip(why);
    const parsed = readWithPython({ feeds: xmlFeeds, bibtex: [] }).feeds;
    for (const [i, feed] of parsed.entries()) {
      assert.equal(feed.bozo, false, `feedparser reads feed ${i}: ${feed.bozoException}`);
      assert.ok(feed.entries.length > 0);
      assert.doesNotMatch(feed.title, LIVE);
      for (const e of feed.entries) {
        assert.doesNotMatch(e.title, LIVE, `feedparser title: ${e.title}`);
        for (const a of e.authors) assert.doesNotMatch(a, LIVE, `feedparser author: ${a}`);
        // Atom summaries are text; RSS has none but the description (our HTML, which feedparser also sanitizes).
        if (e.summaryType === 'text/plain')
          assert.doesNotMatch(e.summary, LIVE, `feedparser summary: ${e.summary}`);
        for (const c of e.content) {
          await page.setContent(`<!DOCTYPE html><body>${c.value}</body>`);
          assert.deepEqual(await contentProblems(page), [], `feedparser content of ${e.link}`);
        }
      }
    }
  });

  test('emails: the digest and the alert, in HTML and text, carry the text and none of the markup', async () => {
    const { digests, sender } = ctx.services.delivery;
    const plan = await digests.planDue();
    assert.equal(plan.queued, 2, JSON.stringify(plan));
    assert.equal((await sender.deliverDue()).sent, 2);
    const mails: CapturedMail[] = [
      await smtp.nextMessage('digest@example.org'),
      await smtp.nextMessage('alerts@example.org'),
    ];
    for (const mail of mails) {
      assert.match(mail.text, /Your alert “hostile”: 1 new paper/);
      const title = collapseWhitespace(ENTRIES[0]!.title);
      assert.ok(mail.text.includes(title), `the text part has the title as written:\n${mail.text}`);
      await page.setContent(mail.html);
      assert.deepEqual(await domProblems(page), [], `${mail.to.join()} HTML`);
      assert.ok(
        ((await page.textContent('body')) ?? '').includes(title),
        'the HTML part shows the title as text',
      );
    }
    assert.match(mails[0]!.subject, /Trending papers \(\+1 for your alerts\)/);
    assert.match(mails[1]!.subject, /1 new paper for your alerts/);
  });

  test('the JSON API carries the text exactly, and only http(s) links', async () => {
    for (const [i, entry] of ENTRIES.entries()) {
      const res = await fetch(`${server.base}/api/papers/${entry.paper.id}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      const paper = (await res.json()) as Record<string, unknown>;
      assert.equal(paper.title, collapseWhitespace(entry.title));
      assert.equal(paper.ai_summary, entry.paper.ai_summary);
      assert.deepEqual(
        (paper.authors as { name: string }[]).map((a) => a.name),
        entry.paper.authors.map((a) => a.name),
      );
      for (const link of ['githubRepo', 'projectPage'])
        if (paper[link] !== undefined)
          assert.match(String(paper[link]), /^https:\/\/[^"<> ]+$/, `${link} of entry ${i}`);
    }
    const first = (await (await fetch(`${server.base}/api/papers/${IDS[0]}`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(first.githubRepo, undefined, 'a javascript: repository is left out');
    assert.equal(first.projectPage, undefined, 'a data: project page is left out');
    assert.equal(
      first.title,
      "<script>alert('title')</script> Hostile <b onmouseover=alert('title-b')>Attention</b> & Friends ]]> marked",
    );
    const daily = (await (await fetch(`${server.base}/api/daily_papers?date=2026-08-21`)).json()) as {
      thumbnail?: string;
      submittedBy?: { avatarUrl: string | null; fullname: string };
    }[];
    assert.equal(daily.length, ENTRIES.length);
    for (const e of daily) {
      if (e.thumbnail !== undefined) assert.match(e.thumbnail, /^https:\/\/[^"<> ]+$/);
      assert.equal(e.submittedBy?.avatarUrl, null, 'a javascript: avatar is left out');
      assert.equal(e.submittedBy?.fullname, "<img src=x onerror=alert('submitter')>");
    }
  });
});
