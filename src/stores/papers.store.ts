// Papers and their authors and categories. The only place that knows how a paper is laid out in SQL.
import { type Kysely, sql } from 'kysely';
import type { Database, NewPaperRow, PaperRow } from '../db/schema.js';
import type { PaperState } from '../domain/paper-merge.js';
import type { PaperSource } from '../domain/paper-record.js';
import { slugify } from '../domain/slug.js';
import { titleKey } from '../domain/title-key.js';

export interface StoredPaperState {
  id: number;
  arxivId: string;
  state: PaperState;
}

const parseList = (s: string | null): string[] => (s ? (JSON.parse(s) as string[]) : []);

export function paperStateOf(row: PaperRow): PaperState {
  return {
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: parseList(row.authors),
    categories: row.categories ? row.categories.split(' ') : [],
    comment: row.comment,
    journalRef: row.journal_ref,
    doi: row.doi,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    listedOn: row.listed_on,
    githubRepo: row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.project_page,
    thumbnailUrl: row.thumbnail_url,
    aiSummary: row.ai_summary,
    aiKeywords: row.ai_keywords === null ? null : parseList(row.ai_keywords),
    organization: row.organization,
    organizationSlug: row.organization_slug,
    hfUpvotes: row.hf_upvotes,
    hfComments: row.hf_comments,
    hfSnapshotOn: row.hf_snapshot_on,
    metadataSource: row.metadata_source as PaperSource,
    metadataAsOf: row.metadata_as_of,
    sources: row.sources ? (row.sources.split(',') as PaperSource[]) : [],
  };
}

function columnsOf(s: PaperState): Omit<NewPaperRow, 'arxiv_id' | 'created_at' | 'modified_at'> {
  return {
    version: s.version,
    title: s.title,
    abstract: s.abstract,
    authors: JSON.stringify(s.authors),
    categories: s.categories.join(' '),
    primary_category: s.categories[0] ?? null,
    comment: s.comment,
    journal_ref: s.journalRef,
    doi: s.doi,
    published_at: s.publishedAt,
    updated_at: s.updatedAt,
    listed_on: s.listedOn,
    github_repo: s.githubRepo,
    github_stars: s.githubStars,
    project_page: s.projectPage,
    thumbnail_url: s.thumbnailUrl,
    ai_summary: s.aiSummary,
    ai_keywords: s.aiKeywords === null ? null : JSON.stringify(s.aiKeywords),
    organization: s.organization,
    organization_slug: s.organizationSlug,
    hf_upvotes: s.hfUpvotes,
    hf_comments: s.hfComments,
    hf_snapshot_on: s.hfSnapshotOn,
    metadata_source: s.metadataSource,
    metadata_as_of: s.metadataAsOf,
    sources: s.sources.join(','),
    title_key: titleKey(s.title),
  };
}

/** Rows per multi-row statement: well under both dialects' bound-parameter limits. */
const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class PapersStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findByArxivId(arxivId: string): Promise<PaperRow | null> {
    return (
      (await this.db.selectFrom('papers').selectAll().where('arxiv_id', '=', arxivId).executeTakeFirst()) ??
      null
    );
  }

  async findById(id: number): Promise<PaperRow | null> {
    return (await this.db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async listByIds(ids: readonly number[]): Promise<PaperRow[]> {
    const rows: PaperRow[] = [];
    for (const part of chunks(ids)) {
      rows.push(...(await this.db.selectFrom('papers').selectAll().where('id', 'in', part).execute()));
    }
    return rows;
  }

  /**
   * Papers added to the catalogue in (after, upTo], newest first, at most `limit`: what topic alerts
   * look at (migration 007 indexes created_at).
   */
  async listCreatedBetween(after: string, upTo: string, limit: number): Promise<PaperRow[]> {
    return this.db
      .selectFrom('papers')
      .selectAll()
      .where('created_at', '>', after)
      .where('created_at', '<=', upTo)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async listStatesByArxivIds(arxivIds: readonly string[]): Promise<Map<string, StoredPaperState>> {
    const out = new Map<string, StoredPaperState>();
    for (const part of chunks([...new Set(arxivIds)])) {
      const rows = await this.db.selectFrom('papers').selectAll().where('arxiv_id', 'in', part).execute();
      for (const row of rows)
        out.set(row.arxiv_id, { id: row.id, arxivId: row.arxiv_id, state: paperStateOf(row) });
    }
    return out;
  }

  /** Papers whose title has one of these keys (domain/title-key.ts). */
  async listByTitleKeys(
    keys: readonly string[],
  ): Promise<{ id: number; arxivId: string; titleKey: string }[]> {
    const out: { id: number; arxivId: string; titleKey: string }[] = [];
    for (const part of chunks([...new Set(keys)])) {
      const rows = await this.db
        .selectFrom('papers')
        .select(['id', 'arxiv_id', 'title_key'])
        .where('title_key', 'in', part)
        // In id order, so flags are written (and listed) the same way on both databases.
        .orderBy('id')
        .execute();
      for (const r of rows)
        if (r.title_key !== null) out.push({ id: r.id, arxivId: r.arxiv_id, titleKey: r.title_key });
    }
    return out;
  }

  /** Inserts new papers; returns their ids by arXiv id. */
  async insertMany(
    papers: readonly { arxivId: string; state: PaperState }[],
    now: string,
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const part of chunks(papers, 100)) {
      const rows = await this.db
        .insertInto('papers')
        .values(
          part.map((p) => ({
            arxiv_id: p.arxivId,
            ...columnsOf(p.state),
            created_at: now,
            modified_at: now,
          })),
        )
        .returning(['id', 'arxiv_id'])
        .execute();
      for (const r of rows) ids.set(r.arxiv_id, r.id);
    }
    return ids;
  }

  async update(id: number, state: PaperState, now: string): Promise<void> {
    await this.db
      .updateTable('papers')
      .set({ ...columnsOf(state), modified_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Replaces the author list and category set of each paper (after an insert or a metadata change). */
  async replaceAuthorsAndCategories(papers: readonly { id: number; state: PaperState }[]): Promise<void> {
    if (papers.length === 0) return;
    const ids = papers.map((p) => p.id);
    for (const part of chunks(ids)) {
      await this.db.deleteFrom('paper_authors').where('paper_id', 'in', part).execute();
      await this.db.deleteFrom('paper_categories').where('paper_id', 'in', part).execute();
    }
    const names = new Map<string, string>();
    for (const p of papers) for (const a of p.state.authors) if (slugify(a)) names.set(slugify(a), a);
    const authorIds = await this.ensureAuthors(names);
    const links: { paper_id: number; position: number; author_id: number }[] = [];
    const cats: { paper_id: number; category: string }[] = [];
    for (const p of papers) {
      const seen = new Set<number>();
      p.state.authors.forEach((a, position) => {
        const authorId = authorIds.get(slugify(a));
        if (authorId === undefined || seen.has(authorId)) return;
        seen.add(authorId);
        links.push({ paper_id: p.id, position, author_id: authorId });
      });
      for (const category of new Set(p.state.categories)) cats.push({ paper_id: p.id, category });
    }
    for (const part of chunks(links, 300)) await this.db.insertInto('paper_authors').values(part).execute();
    for (const part of chunks(cats, 300)) await this.db.insertInto('paper_categories').values(part).execute();
  }

  /** Returns the author id of every slug, creating the authors not yet known. */
  private async ensureAuthors(names: Map<string, string>): Promise<Map<string, number>> {
    const slugs = [...names.keys()];
    const ids = new Map<string, number>();
    for (const part of chunks(slugs, 300)) {
      await this.db
        .insertInto('authors')
        .values(part.map((slug) => ({ slug, name: names.get(slug) ?? slug })))
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute();
      const rows = await this.db
        .selectFrom('authors')
        .select(['id', 'slug'])
        .where('slug', 'in', part)
        .execute();
      for (const r of rows) ids.set(r.slug, r.id);
    }
    return ids;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
