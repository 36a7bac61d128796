// Named collections of papers (migration 012), ordered by position, with a visibility.
import type { Kysely } from 'kysely';
import type { CollectionItemRow, CollectionRow, Visibility } from '../db/library-schema.js';
import type { Database } from '../db/schema.js';

export interface CollectionSummary extends CollectionRow {
  papers: number;
}

export class CollectionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(
    c: { userId: number; key: string; title: string; description: string; visibility: Visibility },
    now: string,
  ): Promise<CollectionRow> {
    return this.db
      .insertInto('collections')
      .values({
        user_id: c.userId,
        key: c.key,
        title: c.title,
        description: c.description,
        visibility: c.visibility,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(
    id: number,
    change: { title?: string; description?: string; visibility?: Visibility },
    now: string,
  ): Promise<void> {
    await this.db
      .updateTable('collections')
      .set({ ...change, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async touch(id: number, now: string): Promise<void> {
    await this.db.updateTable('collections').set({ updated_at: now }).where('id', '=', id).execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('collections').where('id', '=', id).execute();
  }

  async findByKey(key: string): Promise<CollectionRow | null> {
    return (
      (await this.db.selectFrom('collections').selectAll().where('key', '=', key).executeTakeFirst()) ?? null
    );
  }

  /** A user's collections, newest change first, with how many papers each holds. */
  async listForUser(userId: number, visibility?: Visibility): Promise<CollectionSummary[]> {
    let q = this.db
      .selectFrom('collections')
      .selectAll('collections')
      .select((eb) =>
        eb
          .selectFrom('collection_items')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('collection_items.collection_id', '=', 'collections.id')
          .as('papers'),
      )
      .where('user_id', '=', userId);
    if (visibility) q = q.where('visibility', '=', visibility);
    const rows = await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map((r) => ({ ...r, papers: Number(r.papers ?? 0) }));
  }

  async listItems(collectionId: number): Promise<CollectionItemRow[]> {
    return this.db
      .selectFrom('collection_items')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .orderBy('position')
      .execute();
  }

  /** Appends a paper; false when it is there already. */
  async addItem(collectionId: number, paperId: number, note: string, now: string): Promise<boolean> {
    const last = await this.db
      .selectFrom('collection_items')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('collection_id', '=', collectionId)
      .executeTakeFirst();
    const row = await this.db
      .insertInto('collection_items')
      .values({
        collection_id: collectionId,
        paper_id: paperId,
        position: Number(last?.p ?? 0) + 1,
        note,
        added_at: now,
      })
      .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doNothing())
      .returning('paper_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async removeItem(collectionId: number, paperId: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('collection_items')
      .where('collection_id', '=', collectionId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async setPosition(collectionId: number, paperId: number, position: number): Promise<void> {
    await this.db
      .updateTable('collection_items')
      .set({ position })
      .where('collection_id', '=', collectionId)
      .where('paper_id', '=', paperId)
      .execute();
  }

  /** The user's collections holding a paper (its page shows them). */
  async listKeysHolding(userId: number, paperId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('collections')
      .innerJoin('collection_items', 'collection_items.collection_id', 'collections.id')
      .select('collections.key')
      .where('collections.user_id', '=', userId)
      .where('collection_items.paper_id', '=', paperId)
      .execute();
    return rows.map((r) => r.key);
  }

  /** Every paper in the user's collections (what the "for you" feed learns from). */
  async listPaperIdsOfUser(userId: number): Promise<{ paper_id: number; added_at: string }[]> {
    return this.db
      .selectFrom('collection_items')
      .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
      .select(['collection_items.paper_id', 'collection_items.added_at'])
      .where('collections.user_id', '=', userId)
      .execute();
  }
}
