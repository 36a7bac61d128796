// Keyword search on the database's own full-text index: FTS5 on SQLite, tsvector on PostgreSQL.
// Matches are marked in titles and snippets with the control characters MARK_START and MARK_END,
// which no paper text contains; views escape the text first and only then turn them into <mark>.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Database, PaperRow } from '../db/schema.js';

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export interface KeywordQuery {
  /** Words to look for; the caller has split and cleaned them. */
  terms: string[];
  /** all: every term must match; any: at least one. */
  mode: 'all' | 'any';
  /** Published on or after this day. */
  from?: string | undefined;
  /** Published on or before this day. */
  to?: string | undefined;
  category?: string | undefined;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
}

export interface KeywordHit {
  paper: PaperRow;
  /** Higher is better. */
  score: number;
  titleMarked: string;
  snippetMarked: string;
}

type HitRow = PaperRow & {
  score: number;
  title_marked: string;
  snippet_marked: string;
  search_vector?: unknown;
};

export class SearchStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async search(q: KeywordQuery): Promise<{ hits: KeywordHit[]; total: number }> {
    if (q.terms.length === 0) return { hits: [], total: 0 };
    const [hits, total] =
      this.dialect === 'sqlite' ? await this.searchSqlite(q) : await this.searchPostgres(q);
    return {
      total,
      hits: hits.map((r) => {
        const { score, title_marked, snippet_marked, search_vector: _sv, ...paper } = r;
        return { paper, score: Number(score), titleMarked: title_marked, snippetMarked: snippet_marked };
      }),
    };
  }

  /** Filter clauses; `id` is the SQL expression holding the paper id in the query at hand. */
  private filters(q: KeywordQuery, id: RawBuilder<unknown>): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [];
    if (q.from) parts.push(sql`and p.published_at >= ${q.from}`);
    if (q.to) parts.push(sql`and p.published_at < ${nextDay(q.to)}`);
    if (q.category) {
      parts.push(
        sql`and exists (select 1 from paper_categories c where c.paper_id = ${id} and c.category = ${q.category})`,
      );
    }
    return sql.join(parts, sql` `);
  }

  private async searchSqlite(q: KeywordQuery): Promise<[HitRow[], number]> {
    const match = q.terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(q.mode === 'all' ? ' ' : ' OR ');
    // Join papers while ranking only when a date is needed: reading 60k wide rows to rank a common
    // word costs ten times the ranking itself.
    const needsRow = Boolean(q.from || q.to || q.sort === 'date');
    const source = needsRow ? sql`papers_fts join papers p on p.id = papers_fts.rowid` : sql`papers_fts`;
    const published = needsRow ? sql`p.published_at` : sql`null`;
    const order = q.sort === 'date' ? sql`p.published_at desc, id desc` : sql`score desc, id desc`;
    const orderOuter =
      q.sort === 'date' ? sql`top.published_at desc, top.id desc` : sql`top.score desc, top.id desc`;
    const filters = this.filters(q, sql`papers_fts.rowid`);
    // bm25() weights: title 10, abstract 1, authors 5. It returns lower-is-better, hence the minus.
    // Rank and page on ids first, then mark up the page only: SQLite evaluates result columns before
    // sorting, so snippet() in the ranking query would run for every match (6x slower at 75k papers).
    const rows = await sql<HitRow>`
      with top as (
        select papers_fts.rowid as id, -bm25(papers_fts, 10.0, 1.0, 5.0) as score, ${published} as published_at
        from ${source}
        where papers_fts match ${match} ${filters}
        order by ${order}
        limit ${q.limit} offset ${q.offset}
      )
      select p.*, top.score,
        highlight(papers_fts, 0, char(2), char(3)) as title_marked,
        snippet(papers_fts, 1, char(2), char(3), '…', 40) as snippet_marked
      from top
      join papers_fts on papers_fts.rowid = top.id
      join papers p on p.id = top.id
      where papers_fts match ${match}
      order by ${orderOuter}`.execute(this.db);
    const count = await sql<{ n: number }>`
      select count(*) as n from ${source} where papers_fts match ${match} ${filters}`.execute(this.db);
    return [rows.rows, Number(count.rows[0]?.n ?? 0)];
  }

  private async searchPostgres(q: KeywordQuery): Promise<[HitRow[], number]> {
    const tsquery =
      q.mode === 'all'
        ? sql`plainto_tsquery('english', ${q.terms.join(' ')})`
        : sql.join(
            q.terms.map((t) => sql`plainto_tsquery('english', ${t})`),
            sql` || `,
          );
    const order =
      q.sort === 'date' ? sql`p.published_at desc nulls last, p.id desc` : sql`score desc, p.id desc`;
    const filters = this.filters(q, sql`p.id`);
    // Rank and page first, then build headlines for the page only: ts_headline re-parses the text.
    const rows = await sql<HitRow>`
      with query as (select ${tsquery} as q),
      page as (
        select p.*, ts_rank_cd(p.search_vector, query.q, 1) as score, query.q as q
        from papers p, query
        where p.search_vector @@ query.q ${filters}
        order by ${order}
        limit ${q.limit} offset ${q.offset}
      )
      select p.*,
        ts_headline('english', p.title, p.q, 'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)) as title_marked,
        ts_headline('english', p.abstract, p.q,
          'MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … ", StartSel=' || chr(2) || ', StopSel=' || chr(3)
        ) as snippet_marked
      from page p
      order by ${order}`.execute(this.db);
    const count = await sql<{ n: number }>`
      select count(*) as n from papers p, (select ${tsquery} as q) query
      where p.search_vector @@ query.q ${filters}`.execute(this.db);
    return [rows.rows.map(({ q: _q, ...r }: HitRow & { q?: unknown }) => r), Number(count.rows[0]?.n ?? 0)];
  }
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
