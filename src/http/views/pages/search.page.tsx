// `/search`: the full search form, and results with highlighted matches.
import type { Config } from '../../../config.js';
import type {
  SearchHit,
  SearchResults as ServiceResults,
  SearchSort,
} from '../../../services/search.service.js';
import { EmptyState } from '../components/empty-state.js';
import { CardGrid } from '../components/paper-card.js';
import { Pagination } from '../components/pagination.js';
import { formatCount, plural } from '../format.js';
import { Layout } from '../layout.js';
import { withQuery } from '../urls.js';

export interface SearchParams {
  q: string;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  author?: string | undefined;
  sort: SearchSort;
  /** 1-based. */
  page: number;
}

export type SearchResults = Pick<
  ServiceResults,
  'total' | 'relaxed' | 'corrections' | 'fallback' | 'fallbackReason'
> & {
  hits: SearchHit[];
  perPage: number;
};

const ORDER_NAMES: Record<SearchSort, string> = {
  relevance: 'best match first',
  date: 'newest first',
  votes: 'most upvoted first',
};

/** Offered in the category box; any arXiv category may be typed. */
const COMMON_CATEGORIES = [
  ['cs.AI', 'Artificial Intelligence'],
  ['cs.CL', 'Computation and Language'],
  ['cs.CV', 'Computer Vision'],
  ['cs.LG', 'Machine Learning'],
  ['cs.RO', 'Robotics'],
  ['cs.IR', 'Information Retrieval'],
  ['cs.HC', 'Human-Computer Interaction'],
  ['cs.SE', 'Software Engineering'],
  ['cs.CR', 'Cryptography and Security'],
  ['cs.DC', 'Distributed Computing'],
  ['cs.NE', 'Neural and Evolutionary Computing'],
  ['cs.SD', 'Sound'],
  ['eess.AS', 'Audio and Speech Processing'],
  ['eess.IV', 'Image and Video Processing'],
  ['stat.ML', 'Machine Learning (Statistics)'],
  ['math.OC', 'Optimization and Control'],
  ['q-bio.NC', 'Neurons and Cognition'],
  ['quant-ph', 'Quantum Physics'],
  ['hep-th', 'High Energy Physics - Theory'],
  ['astro-ph.CO', 'Cosmology'],
] as const;

export function searchPath(p: SearchParams, page = p.page): string {
  return withQuery('/search', {
    q: p.q,
    from: p.from,
    to: p.to,
    category: p.category,
    author: p.author,
    sort: p.sort === 'relevance' ? null : p.sort,
    page: page > 1 ? page : null,
  });
}

export function SearchPage(props: { config: Config; params: SearchParams; results: SearchResults | null }) {
  const { params, results } = props;
  const title = params.q ? `Search: ${params.q}` : 'Search papers';
  return (
    <Layout
      config={props.config}
      title={title}
      path={searchPath(params)}
      section="search"
      noindex={params.q !== ''}
      {...(params.q
        ? {
            feed: {
              title: `Newest papers matching “${params.q}”`,
              base: '/feeds/search',
              query: new URLSearchParams(
                Object.entries({
                  q: params.q,
                  from: params.from,
                  to: params.to,
                  category: params.category,
                  author: params.author,
                }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
              ).toString(),
            },
          }
        : {})}
    >
      <h1>Search papers</h1>
      <SearchForm params={params} />
      {params.q ? <FollowSearch params={params} /> : null}
      {results ? <Results params={params} results={results} /> : <Tips />}
    </Layout>
  );
}

/** The search as alert syntax: its words with the category and author boxes folded in. */
export function alertQueryOf(p: SearchParams): string {
  const parts = [p.q.trim()];
  if (p.category) parts.push(`cat:${p.category}`);
  if (p.author) parts.push(`author:"${p.author.replaceAll('"', '')}"`);
  return parts.filter((x) => x !== '').join(' ');
}

/** New papers for this search, by email or in a feed reader. */
function FollowSearch(props: { params: SearchParams }) {
  const p = props.params;
  const feedQuery = new URLSearchParams(
    Object.entries({ q: p.q, category: p.category, author: p.author }).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  ).toString();
  return (
    <p class="follow-search">
      New papers for this search:{' '}
      <a href={`/subscribe?${new URLSearchParams({ alert: alertQueryOf(p) }).toString()}`}>
        email me an alert
      </a>{' '}
      · <a href={`/feeds/search.rss?${feedQuery}`}>RSS</a> ·{' '}
      <a href={`/feeds/search.atom?${feedQuery}`}>Atom</a> ·{' '}
      <a href={`/feeds/search.json?${feedQuery}`}>JSON Feed</a>
    </p>
  );
}

function SearchForm(props: { params: SearchParams }) {
  const p = props.params;
  return (
    <form class="search-form" role="search" action="/search" method="get" aria-label="Search papers">
      <div class="field field-q">
        <label for="q">Words, a phrase or an arXiv id</label>
        <input id="q" type="search" name="q" value={p.q} maxlength={500} autocomplete="off" />
      </div>
      <div class="field">
        <label for="from">Published from</label>
        <input id="from" type="date" name="from" value={p.from} />
      </div>
      <div class="field">
        <label for="to">Published until</label>
        <input id="to" type="date" name="to" value={p.to} />
      </div>
      <div class="field">
        <label for="category">Category</label>
        <input
          id="category"
          type="text"
          name="category"
          value={p.category}
          list="categories"
          placeholder="e.g. cs.CL"
          maxlength={40}
          autocomplete="off"
          spellcheck={false}
        />
        <datalist id="categories">
          {COMMON_CATEGORIES.map(([id, name]) => (
            <option value={id}>{name}</option>
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="author">Author</label>
        <input
          id="author"
          type="text"
          name="author"
          value={p.author}
          placeholder="e.g. Yann LeCun"
          maxlength={200}
          autocomplete="off"
          spellcheck={false}
        />
      </div>
      <div class="field">
        <label for="sort">Order</label>
        <select id="sort" name="sort">
          <option value="relevance" selected={p.sort === 'relevance'}>
            Best match
          </option>
          <option value="date" selected={p.sort === 'date'}>
            Newest first
          </option>
          <option value="votes" selected={p.sort === 'votes'}>
            Most upvoted
          </option>
        </select>
      </div>
      <div class="field field-submit">
        <button type="submit">Search</button>
      </div>
    </form>
  );
}

function Results(props: { params: SearchParams; results: SearchResults }) {
  const { params, results } = props;
  const first = (params.page - 1) * results.perPage + 1;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{plural(results.total, 'paper')}</h2>
      {results.fallback ? (
        <p class="notice" role="note">
          {`Showing keyword results: ${results.fallbackReason ?? 'semantic search is unavailable'}.`}
        </p>
      ) : null}
      {results.corrections.length > 0 ? (
        <p class="notice" role="note">
          {`Including near spellings: ${results.corrections.map((c) => `${c.from} → ${c.to}`).join(', ')}.`}
        </p>
      ) : null}
      {results.relaxed && results.total > 0 ? (
        <p class="notice" role="note">
          No paper has every word, so these match any of them.
        </p>
      ) : null}
      {results.hits.length > 0 ? (
        <>
          <p class="muted">
            {`Showing ${formatCount(first)}–${formatCount(first + results.hits.length - 1)}, ${
              ORDER_NAMES[params.sort]
            }.`}
          </p>
          <CardGrid
            cards={results.hits.map((h) => ({
              card: h.card,
              marked: { title: h.titleMarked, snippet: h.snippetMarked },
            }))}
          />
        </>
      ) : (
        <EmptyState title={results.total > 0 ? 'No more results on this page.' : 'No papers match.'}>
          {results.total > 0 ? (
            <p>
              <a href={searchPath(params, 1)}>Back to the first page</a>
            </p>
          ) : (
            <p>Try fewer or other words, or widen the dates and category.</p>
          )}
        </EmptyState>
      )}
      <Pagination
        page={params.page}
        perPage={results.perPage}
        total={results.total}
        href={(page) => searchPath(params, page)}
      />
    </section>
  );
}

function Tips() {
  return (
    <section class="tips" aria-labelledby="tips-heading">
      <h2 id="tips-heading">Tips</h2>
      <ul>
        <li>
          Words are matched in titles, abstracts and author names, in any form (<code>model</code> finds
          “models”); every word must appear, and papers close in meaning are mixed in when semantic search is
          on. Short queries forgive a typo.
        </li>
        <li>
          <code>"exact phrase"</code> keeps words together; <code>-word</code> or <code>-"a phrase"</code>{' '}
          leaves out papers holding it.
        </li>
        <li>
          <code>author:lecun</code> or <code>author:"Yann LeCun"</code>, <code>cat:cs.CL</code> (or a whole
          archive: <code>cat:cs</code>), <code>year:2025</code>, <code>year:2023..2025</code>,{' '}
          <code>after:2025-01-31</code>, <code>before:2025-03-01</code> narrow the results, as do the boxes
          above.
        </li>
        <li>
          An arXiv id such as <code>2406.12345</code> or <code>hep-th/9901001</code> opens that paper
          directly; a paper whose exact title you type comes first.
        </li>
      </ul>
    </section>
  );
}
