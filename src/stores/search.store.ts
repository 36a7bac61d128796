// What the in-process search index is built from and kept fresh with: papers in id order, in pages,
// and the change cursor over modified_at. Ranking no longer happens in SQL (docs/decisions.md); the
// database's full-text index (FTS5 / tsvector) stays in the schema as the benchmark's baseline and
// for operators who query it directly.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The columns the index needs of a paper. */
export interface IndexRow {
  id: number;
  title: string;
  abstract: string;
  /** JSON array of names. */
  authors: string;
  /** Space-separated categories. */
  categories: string;
  published_at: string | null;
  hf_upvotes: number;
  /** Local community upvotes (migration 006); the votes sort uses both, as cards show. */
  upvotes: number;
  modified_at: string;
}

export interface PaperVersion {
  id: number;
  modified_at: string;
}

/** Ids per `in (...)` list: well under both dialects' bound-parameter limits. */
const CHUNK = 500;

export class SearchStore {
  constructor(private readonly db: Kysely<Database>) {}

  private rows() {
    return this.db
      .selectFrom('papers')
      .select([
        'id',
        'title',
        'abstract',
        'authors',
        'categories',
        'published_at',
        'hf_upvotes',
        'upvotes',
        'modified_at',
      ]);
  }

  /** Up to `limit` papers with an id above `afterId`, in id order (keyset paging). */
  async listIndexRows(afterId: number, limit: number): Promise<IndexRow[]> {
    return this.rows().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  async listIndexRowsByIds(ids: readonly number[]): Promise<IndexRow[]> {
    const out: IndexRow[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      out.push(...(await this.rows().where('id', 'in', part).orderBy('id').execute()));
    }
    return out;
  }

  /** Papers modified at or after `since` (an ISO timestamp), with their modification time. */
  async listChangedSince(since: string): Promise<PaperVersion[]> {
    return this.db
      .selectFrom('papers')
      .select(['id', 'modified_at'])
      .where('modified_at', '>=', since)
      .orderBy('id')
      .execute();
  }

  /** Every paper's id and modification time, for a full reconcile (finds deleted papers too). */
  async listAllVersions(): Promise<PaperVersion[]> {
    return this.db.selectFrom('papers').select(['id', 'modified_at']).orderBy('id').execute();
  }

  async countPapers(): Promise<number> {
    const row = await this.db
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
