// Authors and the papers they wrote.
import type { Kysely } from 'kysely';
import type { AuthorRow, Database, PaperRow } from '../db/schema.js';

export class AuthorsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findBySlug(slug: string): Promise<AuthorRow | null> {
    return (
      (await this.db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst()) ?? null
    );
  }

  /** The author's papers, newest first. */
  async listPapers(authorId: number, limit: number, offset: number): Promise<PaperRow[]> {
    return this.db
      .selectFrom('paper_authors')
      .innerJoin('papers', 'papers.id', 'paper_authors.paper_id')
      .selectAll('papers')
      .where('paper_authors.author_id', '=', authorId)
      .orderBy('papers.published_at', 'desc')
      .orderBy('papers.arxiv_id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async countPapers(authorId: number): Promise<number> {
    const row = await this.db
      .selectFrom('paper_authors')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_id', '=', authorId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
