// Comments: a tree per paper (parent_id), soft-deleted by authors, hidden by admins. papers.comments_count
// counts the visible ones, recounted in the transaction that changes them (after lockPaper).
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { CommentRow } from '../db/community-schema.js';
import type { Database } from '../db/schema.js';
import { lockPaper } from './paper-lock.js';

export interface CommentWithAuthor extends CommentRow {
  handle: string;
  display_name: string;
}

export interface CommentWithPaper extends CommentRow {
  arxiv_id: string;
  title: string;
}

export class CommentsStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  lockPaper(paperId: number): Promise<boolean> {
    return lockPaper(this.db, this.dialect, paperId);
  }

  async insert(
    c: { paperId: number; userId: number; parentId: number | null; source: string; html: string },
    now: string,
  ): Promise<CommentRow> {
    return this.db
      .insertInto('comments')
      .values({
        paper_id: c.paperId,
        user_id: c.userId,
        parent_id: c.parentId,
        body_source: c.source,
        body_html: c.html,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findById(id: number): Promise<CommentRow | null> {
    return (await this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Every comment of a paper with its author, oldest first (the service builds the tree). */
  async listForPaper(paperId: number): Promise<CommentWithAuthor[]> {
    return this.db
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.user_id')
      .selectAll('comments')
      .select(['users.handle', 'users.display_name'])
      .where('comments.paper_id', '=', paperId)
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .execute();
  }

  /** A user's visible comments, newest first, with the paper they are on. */
  async listForUser(userId: number, limit: number): Promise<CommentWithPaper[]> {
    return this.db
      .selectFrom('comments')
      .innerJoin('papers', 'papers.id', 'comments.paper_id')
      .selectAll('comments')
      .select((eb) => [
        'papers.arxiv_id',
        // A curator's corrected title, as everywhere else.
        eb.fn.coalesce('papers.title_override', 'papers.title').as('title'),
      ])
      .where('comments.user_id', '=', userId)
      .where('comments.deleted_at', 'is', null)
      .where('comments.hidden_at', 'is', null)
      .orderBy('comments.created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async listByIds(ids: readonly number[]): Promise<CommentWithPaper[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('comments')
      .innerJoin('papers', 'papers.id', 'comments.paper_id')
      .selectAll('comments')
      .select(['papers.arxiv_id', 'papers.title'])
      .where('comments.id', 'in', ids.slice(0, 500))
      .execute();
  }

  async updateBody(id: number, source: string, html: string, now: string): Promise<void> {
    await this.db
      .updateTable('comments')
      .set({ body_source: source, body_html: html, edited_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** The text goes too: a deleted comment keeps only its place in the thread. */
  async softDelete(id: number, now: string): Promise<void> {
    await this.db
      .updateTable('comments')
      .set({ deleted_at: now, body_source: '', body_html: '' })
      .where('id', '=', id)
      .execute();
  }

  async setHidden(id: number, hiddenAt: string | null): Promise<void> {
    await this.db.updateTable('comments').set({ hidden_at: hiddenAt }).where('id', '=', id).execute();
  }

  /** Sets papers.comments_count to the visible comments and returns it. */
  async recount(paperId: number): Promise<number> {
    const row = await this.db
      .updateTable('papers')
      .set((eb) => ({
        comments_count: eb
          .selectFrom('comments')
          .select((v) => v.fn.countAll<number>().as('n'))
          .where('comments.paper_id', '=', paperId)
          .where('comments.deleted_at', 'is', null)
          .where('comments.hidden_at', 'is', null),
      }))
      .where('id', '=', paperId)
      .returning('comments_count')
      .executeTakeFirstOrThrow();
    return Number(row.comments_count);
  }
}
