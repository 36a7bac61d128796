// The JSON API, in Hugging Face's shapes where Hugging Face has an endpoint. Every route is listed
// here; each handler validates, calls one service, and maps the result.
import { Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { parseArxivId } from '../../domain/arxiv-id.js';
import { InvalidInputError } from '../../services/errors.js';
import type { TrendingCard } from '../../services/feed.service.js';
import { dailyPapersQuery, relatedQuery, searchQuery } from '../api/api-schemas.js';
import { toHfDailyEntry, toHfPaper } from '../api/hf-shapes.js';
import { openApiDocument } from '../api/openapi.js';
import { scorePartsJson } from '../../search/score-parts-json.js';
import { parseQuery } from '../api/parse-query.js';

export function apiRoutes(ctx: AppContext): Hono {
  const { feed, papers, search } = ctx.services;
  const api = new Hono();

  api.get('/openapi.json', (c) => c.json(openApiDocument(ctx.config)));

  api.get('/api/daily_papers', async (c) => {
    const q = parseQuery(dailyPapersQuery, c);
    // Hugging Face's publishedAt is the time a paper was put on the feed: our 'new' order.
    const sort = q.sort === 'trending' ? 'trending' : 'new';
    let sorted: TrendingCard[];
    if (q.week) sorted = (await feed.getWeek(q.week, sort)).cards;
    else if (q.month) sorted = (await feed.getMonth(q.month, sort)).cards;
    else sorted = (await feed.getDay(q.date ?? null, sort))?.cards ?? [];
    if (q.submitter) {
      const who = q.submitter.toLowerCase();
      sorted = sorted.filter((card) => card.featured?.submitter?.name.toLowerCase() === who);
    }
    const page = sorted.slice(q.p * q.limit, (q.p + 1) * q.limit);
    c.header('X-Total-Count', String(sorted.length));
    return c.json(page.map(toHfDailyEntry));
  });

  api.get('/api/papers/search', async (c) => {
    const q = parseQuery(searchQuery, c);
    const result = await search.search({ ...q, q: q.q ?? '', offset: q.p * q.limit });
    if (result.kind === 'paper') {
      const paper = await papers.getPaper(result.arxivId);
      c.header('X-Total-Count', '1');
      return c.json([toHfDailyEntry(paper)]);
    }
    c.header('X-Total-Count', String(result.total));
    // The body keeps Hugging Face's shape; how the results were found travels in headers.
    c.header('X-Search-Mode', result.mode);
    if (result.fallback) c.header('X-Search-Fallback', `${result.fallback}; ${result.fallbackReason ?? ''}`);
    // Hugging Face's entry, plus why each paper ranks where it does (clients that know only
    // Hugging Face's shape ignore the two extra fields).
    return c.json(
      result.hits.map((h) => ({
        ...toHfDailyEntry(h.card),
        score: Math.round(h.score * 1e6) / 1e6,
        scoreParts: scorePartsJson(h.parts),
      })),
    );
  });

  // Registered before the paper itself: `:id{.+}` would otherwise swallow "/related".
  api.get('/api/papers/:id{.+}/related', async (c) => {
    const id = c.req.param('id');
    if (!parseArxivId(id)) throw new InvalidInputError('id', `"${id}" is not an arXiv id like 2406.12345`);
    const q = parseQuery(relatedQuery, c);
    const related = await papers.related(id, q.limit);
    return c.json({
      model: related.model,
      papers: related.papers.map((p) => ({
        ...toHfPaper(p.card),
        similarity: Math.round(p.similarity * 1e4) / 1e4,
      })),
      ...(related.papers.length === 0
        ? {
            note: related.off
              ? 'Embeddings are turned off on this server (PAPERBOY_EMBEDDER=off), so there are no related papers.'
              : related.model === null
                ? 'No paper has an embedding yet; related papers appear once papers are embedded (paperboy embed).'
                : 'This paper has no embedding yet; related papers appear once it is embedded.',
          }
        : {}),
    });
  });

  // Old-style ids hold a slash (hep-th/9901001), so the id is the rest of the path.
  api.get('/api/papers/:id{.+}', async (c) => {
    const id = c.req.param('id');
    if (!parseArxivId(id)) throw new InvalidInputError('id', `"${id}" is not an arXiv id like 2406.12345`);
    return c.json(toHfPaper(await papers.getPaper(id)));
  });

  return api;
}
