// Every HTML page. Each handler validates its parameters, calls one service and renders one page
// component; errors thrown here become the 400/404/500 pages in server.ts.
import { type Context, Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { parseArxivId } from '../../domain/arxiv-id.js';
import { InvalidInputError } from '../../services/errors.js';
import type { PaperCard } from '../../services/paper-card.js';
import { viewerOf } from '../auth/viewer.js';
import { parseQuery } from '../api/parse-query.js';
import { AboutPage } from '../views/pages/about.page.js';
import { AuthorPage } from '../views/pages/author.page.js';
import { DailyPage, EmptyFeedPage } from '../views/pages/daily.page.js';
import { PaperPage } from '../views/pages/paper.page.js';
import { PeriodPage } from '../views/pages/period.page.js';
import { SearchPage, searchPath } from '../views/pages/search.page.js';
import { TrendingPage } from '../views/pages/trending.page.js';
import { renderPage } from '../views/render.js';
import { authorPath, feedPath, paperPath, withQuery } from '../views/urls.js';
import { feedPageQuery, listPageQuery, searchPageQuery } from './pages.schemas.js';
import { pastTheEnd } from './paging.js';

/** Related papers shown on a paper page. */
const RELATED = 6;

/** Results per page on search and author pages. */
export const PER_PAGE = 20;

/**
 * Cards per page of a week or month view (a sample month is 300-600 papers, about 2 KB of HTML
 * each): enough to skim, small enough to load fast and to sit in the page cache.
 */
export const PERIOD_PER_PAGE = 30;
/** /trending comes in pages of the same size as the week and month views. */
export const TRENDING_PER_PAGE = 30;

export function pageRoutes(ctx: AppContext): Hono {
  const { config } = ctx;
  const { feed, papers, search, authors, votes, comments } = ctx.services;
  const pages = new Hono();
  /** Marks the cards the signed-in viewer upvoted (anonymous pages stay shared and cacheable). */
  const markVoted = <T extends PaperCard>(c: Context, cards: T[]) =>
    votes.markVoted(viewerOf(c).user?.id ?? null, cards);

  // `/` is the newest day; `/papers` takes date, week or month.
  for (const route of ['/', '/papers']) {
    pages.get(route, async (c) => {
      const q = parseQuery(feedPageQuery, c);
      const period = q.week
        ? ({ kind: 'week', id: q.week } as const)
        : q.month
          ? ({ kind: 'month', id: q.month } as const)
          : null;
      if (period) {
        const page = q.page ?? 1;
        const slice = { offset: (page - 1) * PERIOD_PER_PAGE, limit: PERIOD_PER_PAGE };
        const view =
          period.kind === 'week'
            ? await feed.getWeek(period.id, q.sort, slice)
            : await feed.getMonth(period.id, q.sort, slice);
        const missing = pastTheEnd(c, config, {
          page,
          total: view.total,
          perPage: PERIOD_PER_PAGE,
          href: (p) =>
            feedPath(period.kind === 'week' ? { week: period.id } : { month: period.id }, q.sort, p),
        });
        if (missing) return missing;
        await markVoted(c, view.cards);
        return renderPage(
          c,
          <PeriodPage
            config={config}
            kind={period.kind}
            feed={view}
            sort={q.sort}
            page={page}
            perPage={PERIOD_PER_PAGE}
          />,
        );
      }
      const day = await feed.getDay(q.date ?? null, q.sort);
      if (day) await markVoted(c, day.cards);
      // The front page stays canonical as itself; any other view names its day.
      const isFront = route === '/' && !q.date && q.sort === 'top';
      if (!day) return renderPage(c, <EmptyFeedPage config={config} path={route} />);
      const path = isFront ? '/' : feedPath({ date: day.day }, q.sort);
      return renderPage(c, <DailyPage config={config} feed={day} sort={q.sort} path={path} />);
    });
  }

  // The nav's Weekly and Monthly go to the period holding the newest feed day.
  pages.get('/weekly', async (c) => c.redirect(feedPath({ week: await feed.currentPeriod('week') }), 302));
  pages.get('/monthly', async (c) => c.redirect(feedPath({ month: await feed.currentPeriod('month') }), 302));

  pages.get('/trending', async (c) => {
    const { page } = parseQuery(listPageQuery, c);
    const trending = await feed.getTrending();
    const missing = pastTheEnd(c, config, {
      page,
      total: trending.cards.length,
      perPage: TRENDING_PER_PAGE,
      href: (p) => withQuery('/trending', { page: p > 1 ? p : null }),
    });
    if (missing) return missing;
    const shown = trending.cards.slice((page - 1) * TRENDING_PER_PAGE, page * TRENDING_PER_PAGE);
    await markVoted(c, shown);
    return renderPage(
      c,
      <TrendingPage config={config} feed={trending} page={page} perPage={TRENDING_PER_PAGE} />,
    );
  });

  // Old-style ids hold a slash (hep-th/9901001), so the id is the rest of the path.
  pages.get('/papers/:id{.+}', async (c) => {
    const raw = c.req.param('id');
    const id = parseArxivId(raw);
    if (!id)
      throw new InvalidInputError('id', `"${raw}" is not an arXiv id like 2406.12345 or hep-th/9901001`);
    // One address per paper: versions, `arXiv:` prefixes and arxiv.org URLs move to the bare id.
    if (id.id !== raw) return c.redirect(paperPath(id.id), 301);
    const [paper, related, thread] = await Promise.all([
      papers.getPaper(id.id),
      papers.related(id.id, RELATED),
      comments.listThread(id.id),
    ]);
    await markVoted(c, [paper]);
    const now = ctx.clock.now().toISOString();
    return renderPage(
      c,
      <PaperPage config={config} paper={paper} related={related} comments={thread} now={now} />,
    );
  });

  pages.get('/search', async (c) => {
    const q = parseQuery(searchPageQuery, c);
    if (!q.q) return renderPage(c, <SearchPage config={config} params={q} results={null} />);
    const result = await search.search({ ...q, limit: PER_PAGE, offset: (q.page - 1) * PER_PAGE });
    if (result.kind === 'paper') return c.redirect(paperPath(result.arxivId), 302);
    const missing = pastTheEnd(c, config, {
      page: q.page,
      total: result.total,
      perPage: PER_PAGE,
      href: (p) => searchPath(q, p),
    });
    if (missing) return missing;
    await markVoted(
      c,
      result.hits.map((h) => h.card),
    );
    const results = { ...result, perPage: PER_PAGE };
    return renderPage(c, <SearchPage config={config} params={q} results={results} />);
  });

  pages.get('/authors/:slug', async (c) => {
    const { page } = parseQuery(listPageQuery, c);
    const author = await authors.getAuthor(c.req.param('slug'), PER_PAGE, (page - 1) * PER_PAGE);
    const missing = pastTheEnd(c, config, {
      page,
      total: author.total,
      perPage: PER_PAGE,
      href: (p) => withQuery(authorPath(author.slug), { page: p > 1 ? p : null }),
    });
    if (missing) return missing;
    await markVoted(c, author.papers);
    return renderPage(c, <AuthorPage config={config} author={author} page={page} perPage={PER_PAGE} />);
  });

  pages.get('/about', async (c) =>
    renderPage(c, <AboutPage config={config} stats={await ctx.services.stats.catalogue()} />),
  );

  return pages;
}
