import { parseArgs } from 'node:util';
import { isDay } from '../domain/days.js';
import { MARK_END, MARK_START } from '../domain/marks.js';
import { scorePartsJson } from '../search/score-parts-json.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

export const searchCommand: Command = {
  name: 'search',
  help: `Usage: paperboy search [options] QUERY

Search titles, abstracts and authors, best match first (keyword and, when papers are embedded,
semantic results fused). An arXiv id finds that paper. The query takes "exact phrases", -exclude,
author:name, cat:cs.CL, year:2025, year:2023..2025, after:YYYY-MM-DD and before:YYYY-MM-DD.

Options:
  --limit N          number of results (1-100, default 10)
  --from YYYY-MM-DD  published on or after this day
  --to YYYY-MM-DD    published on or before this day
  --category CAT     only papers in this arXiv category (e.g. cs.CL)
  --author NAME      only papers with an author whose name holds these words
  --sort relevance|date|votes
  --json             print a JSON array: [{ id, title, authors, publishedAt, score, scoreParts, url }]
                     scoreParts: bm25, lexicalRank, vectorSimilarity, vectorRank, fused, pinned
  -h, --help         show this help

Examples:
  paperboy search "diffusion transformers"
  paperboy search 'author:"Yann LeCun" year:2024..2025 -survey'
  paperboy search --json --limit 5 "retrieval augmented generation" | jq '.[].id'`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        limit: { type: 'string', default: '10' },
        from: { type: 'string' },
        to: { type: 'string' },
        category: { type: 'string' },
        author: { type: 'string' },
        sort: { type: 'string', default: 'relevance' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const q = positionals.join(' ').trim();
    if (!q) throw new UsageError('give a QUERY to search for');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw new UsageError('--limit must be an integer from 1 to 100');
    for (const d of ['from', 'to'] as const) {
      const v = values[d];
      if (v !== undefined && !isDay(v)) throw new UsageError(`--${d} must be a day like 2026-08-21`);
    }
    if (values.sort !== 'relevance' && values.sort !== 'date' && values.sort !== 'votes')
      throw new UsageError('--sort must be relevance, date or votes');
    const sort = values.sort;

    return withCliApp(async (ctx) => {
      const result = await ctx.services.search.search({
        q,
        limit,
        offset: 0,
        from: values.from,
        to: values.to,
        category: values.category,
        author: values.author,
        sort,
      });
      // stdout stays the results (a JSON array with --json); how they were found goes to stderr.
      if (result.kind === 'results' && result.fallback)
        console.error(`paperboy search: showing keyword results: ${result.fallbackReason ?? ''}`);
      if (result.kind === 'results' && result.corrections.length > 0)
        console.error(
          `paperboy search: including near spellings: ${result.corrections.map((c) => `${c.from} → ${c.to}`).join(', ')}`,
        );
      const base = ctx.config.baseUrl;
      const rows =
        result.kind === 'paper'
          ? [await ctx.services.papers.getPaper(result.arxivId)].map((p) => ({
              card: p,
              score: 1,
              parts: null,
              snippet: '',
            }))
          : result.hits.map((h) => ({
              card: h.card,
              score: h.score,
              parts: h.parts,
              snippet: h.snippetMarked,
            }));
      if (values.json) {
        const round = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
        const out = rows.map(({ card, score, parts }) => ({
          id: card.arxivId,
          title: card.title,
          authors: card.authors.map((a) => a.name),
          publishedAt: card.publishedAt,
          score: round(score),
          scoreParts: parts && scorePartsJson(parts),
          url: `${base}/papers/${card.arxivId}`,
        }));
        console.log(JSON.stringify(out, null, 2));
        return 0;
      }
      if (rows.length === 0) {
        console.log(`no papers match "${q}"`);
        return 0;
      }
      const total = result.kind === 'results' ? result.total : 1;
      const bold = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['', ''];
      const unmark = (s: string) => s.split(MARK_START).join(bold[0]).split(MARK_END).join(bold[1]);
      console.log(
        `${total} paper${total === 1 ? '' : 's'} match "${q}"${result.kind === 'results' && result.relaxed ? ' (any of the words)' : ''}\n`,
      );
      rows.forEach(({ card, snippet }, i) => {
        const authors =
          card.authors
            .slice(0, 3)
            .map((a) => a.name)
            .join(', ') + (card.authors.length > 3 ? ', et al.' : '');
        console.log(`${String(i + 1).padStart(2)}. ${card.title}`);
        console.log(`    ${card.arxivId} · ${card.publishedAt?.slice(0, 10) ?? 'undated'} · ${authors}`);
        if (snippet) console.log(`    ${unmark(snippet)}`);
        console.log('');
      });
      return 0;
    });
  },
};
