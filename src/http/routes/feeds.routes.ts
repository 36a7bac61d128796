// RSS 2.0, Atom 1.0 and JSON Feed 1.1 for every list: the daily feed, the week, the month, trending,
// any search (a saved topic is a search) and an author. Each feed is built by the same services as
// its page, then written in the format its extension asks for.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { etag } from 'hono/etag';
import type { AppContext } from '../../app.js';
import { InvalidInputError } from '../../services/errors.js';
import { parseQuery } from '../api/parse-query.js';
import { toAtom } from '../feeds/atom.js';
import {
  FEED_CONTENT_TYPES,
  FEED_FORMATS,
  type FeedDocument,
  type FeedFormat,
  itemsFromCards,
  newestDate,
} from '../feeds/feed-document.js';
import { inertFeed } from '../feeds/inert-text.js';
import { toJsonFeed } from '../feeds/json-feed.js';
import { toRss } from '../feeds/rss.js';
import { feedSearchQuery } from '../feeds/feed-schemas.js';
import { authorPath, feedPath, withQuery } from '../views/urls.js';

/** How many feed days the daily feed spans. */
const DAILY_FEED_DAYS = 7;
const LIST_LIMIT = 50;

export function feedRoutes(ctx: AppContext): Hono {
  const { config } = ctx;
  const { feed, search, authors } = ctx.services;
  const base = config.baseUrl;
  const generator = `${config.siteName} (paperboy)`;
  const feeds = new Hono();
  feeds.use('/feeds/*', etag());

  const send = (c: Context, text: FeedDocument, format: FeedFormat) => {
    // Imported titles and summaries, and a search's query, stay text in readers that render HTML.
    const doc = inertFeed(text);
    const body =
      format === 'rss' ? toRss(doc, generator) : format === 'atom' ? toAtom(doc, generator) : toJsonFeed(doc);
    c.header('Content-Type', FEED_CONTENT_TYPES[format]);
    // Readers poll: five minutes of freshness is plenty for a daily feed.
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(body);
  };
  const now = () => ctx.clock.now().toISOString();

  for (const format of FEED_FORMATS) {
    feeds.get(`/feeds/daily.${format}`, async (c) => {
      const cards = await feed.getRecent(DAILY_FEED_DAYS);
      const items = itemsFromCards(cards, base, undefined, now());
      return send(
        c,
        {
          title: `${config.siteName}: daily papers`,
          description: `Papers featured on ${config.siteName} over the last ${DAILY_FEED_DAYS} feed days, best first within each day.`,
          homeUrl: `${base}/`,
          feedBase: `${base}/feeds/daily`,
          updated: newestDate(items, now()),
          items,
        },
        format,
      );
    });

    for (const kind of ['week', 'month'] as const) {
      const name = kind === 'week' ? 'weekly' : 'monthly';
      feeds.get(`/feeds/${name}.${format}`, async (c) => {
        const period = await feed.currentPeriod(kind);
        const view = kind === 'week' ? await feed.getWeek(period) : await feed.getMonth(period);
        const items = itemsFromCards(view.cards.slice(0, LIST_LIMIT), base, undefined, now());
        return send(
          c,
          {
            title: `${config.siteName}: top papers of ${period}`,
            description: `The most upvoted papers featured in ${period}.`,
            homeUrl: `${base}${feedPath(kind === 'week' ? { week: period } : { month: period })}`,
            feedBase: `${base}/feeds/${name}`,
            updated: newestDate(items, now()),
            items,
          },
          format,
        );
      });
    }

    feeds.get(`/feeds/trending.${format}`, async (c) => {
      const trending = await feed.getTrending();
      const items = itemsFromCards(trending.cards.slice(0, LIST_LIMIT), base, undefined, now());
      return send(
        c,
        {
          title: `${config.siteName}: trending papers`,
          description: `Papers featured ${trending.range.from} to ${trending.range.to}, ranked by trending score.`,
          homeUrl: `${base}/trending`,
          feedBase: `${base}/feeds/trending`,
          updated: newestDate(items, now()),
          items,
        },
        format,
      );
    });

    // A search or topic (`cat:cs.CL`, `author:...`, any words): its newest matches first.
    feeds.get(`/feeds/search.${format}`, async (c) => {
      const q = parseQuery(feedSearchQuery, c);
      // Strict, as a topic alert matches: every word, no near spellings, no "any word" fallback and
      // no papers found by meaning alone. A feed a reader subscribes to must hold only what it says.
      const result = await search.search({ ...q, sort: 'date', limit: LIST_LIMIT, offset: 0, strict: true });
      const cards = result.kind === 'results' ? result.hits.map((h) => h.card) : [];
      const items = itemsFromCards(cards, base, (card) => card.publishedAt, now());
      const params = { q: q.q, from: q.from, to: q.to, category: q.category, author: q.author };
      return send(
        c,
        {
          title: `${config.siteName}: “${q.q}”`,
          description: `The newest papers matching every word of “${q.q}”, as a topic alert matches.`,
          homeUrl: `${base}${withQuery('/search', { ...params, sort: 'date' })}`,
          feedBase: `${base}/feeds/search`,
          feedQuery: withQuery('', params),
          updated: newestDate(items, now()),
          items,
        },
        format,
      );
    });
  }

  // `/feeds/authors/<slug>.<format>`: the slug may hold any character but a slash.
  feeds.get('/feeds/authors/:file', async (c) => {
    const file = c.req.param('file');
    const match = /^(.+)\.(rss|atom|json)$/.exec(file);
    const slug = match?.[1];
    const format = match?.[2] as FeedFormat | undefined;
    if (!slug || !format) throw new InvalidInputError('format', 'author feeds end in .rss, .atom or .json');
    const author = await authors.getAuthor(slug, LIST_LIMIT, 0);
    const items = itemsFromCards(author.papers, base, (card) => card.publishedAt, now());
    return send(
      c,
      {
        title: `${config.siteName}: papers by ${author.name}`,
        description: `The newest papers by ${author.name}.`,
        homeUrl: `${base}${authorPath(author.slug)}`,
        feedBase: `${base}/feeds/authors/${encodeURIComponent(author.slug)}`,
        updated: newestDate(items, now()),
        items,
      },
      format,
    );
  });

  return feeds;
}
