// The arXiv export API (Atom): papers by id, in batches, and search results, page by page.
// Ids are sent as given, old style (hep-th/9901001) and versioned (2104.12255v1) alike: a versioned
// id asks for that version. arXiv answers a malformed id or query with an error feed (HTTP 400),
// whose message becomes the error.
import { normalizeArxivAtomFeed } from '../normalize/arxiv-atom.normalize.js';
import { type AtomFeed, parseArxivAtom } from '../parse/arxiv-atom.parse.js';
import type { PoliteHttpClient } from '../fetch/http-client.js';
import { explainRefusal, type PageStream, parseResponse, type SourcePage } from './source.js';

/** arXiv's limit for one id_list request is far higher; 100 keeps a page a small transaction. */
export const ARXIV_ID_BATCH = 100;

export interface ArxivApiSourceOptions {
  http: PoliteHttpClient;
  /** `https://export.arxiv.org/api/query` */
  baseUrl: string;
  /** Results per query page (max_results); arXiv allows up to 2000. */
  pageSize?: number;
}

export class ArxivApiSource {
  private readonly pageSize: number;

  constructor(private readonly options: ArxivApiSourceOptions) {
    this.pageSize = options.pageSize ?? 100;
  }

  /** One page per batch of up to 100 ids; ids arXiv does not know are simply absent from the pages. */
  async *byIds(ids: readonly string[]): PageStream {
    for (let i = 0; i < ids.length; i += ARXIV_ID_BATCH) {
      const batch = ids.slice(i, i + ARXIV_ID_BATCH);
      const { url, feed } = await this.fetchFeed({
        id_list: batch.join(','),
        start: '0',
        max_results: String(ARXIV_ID_BATCH),
      });
      const end = i + batch.length;
      yield {
        label: `ids ${i + 1}-${end} of ${ids.length}`,
        url,
        items: normalizeArxivAtomFeed(feed),
        progress: { done: end, total: ids.length },
      };
    }
  }

  /**
   * Search results, best first, up to `max`. Pages walk `start` by the page size until arXiv's
   * totalResults or `max`; a page that comes back empty ends the walk (arXiv stops serving results
   * past a point even when totalResults says more). Each request asks for no more than is still
   * wanted: `--max 15` is one request for 15 results, not for a page of 100.
   */
  async *byQuery(query: string, max: number): PageStream {
    let limit = max;
    for (let start = 0; start < limit; start += this.pageSize) {
      const { url, feed } = await this.fetchFeed({
        search_query: query,
        start: String(start),
        max_results: String(Math.min(this.pageSize, limit - start)),
      });
      limit = Math.min(max, feed.paging.totalResults ?? 0);
      const items = normalizeArxivAtomFeed(feed).slice(0, Math.max(0, limit - start));
      const done = start + items.length;
      const page: SourcePage = {
        label: `results ${start + 1}-${done} of ${limit}`,
        url,
        items,
        progress: { done, total: limit },
      };
      if (items.length === 0) {
        yield {
          ...page,
          label: `results from ${start + 1}: none (end of results)`,
          progress: { done, total: done },
        };
        return;
      }
      yield page;
    }
  }

  private async fetchFeed(params: Record<string, string>): Promise<{ url: string; feed: AtomFeed }> {
    const url = `${this.options.baseUrl}?${new URLSearchParams(params).toString()}`;
    let body: string;
    try {
      body = (await this.options.http.getText(url, 'application/atom+xml')).body;
    } catch (err) {
      explainRefusal(err, parseArxivAtom);
    }
    return { url, feed: parseResponse(url, body, parseArxivAtom) };
  }
}
