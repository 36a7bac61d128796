// Paper vectors and trained embedding models. Vectors are float32 little-endian bytes on both
// databases (BLOB on SQLite, bytea on PostgreSQL); both drivers hand back a Buffer.
import { type Kysely, sql } from 'kysely';
import type { Database, EmbeddingModelRow } from '../db/schema.js';

export interface PaperText {
  paperId: number;
  title: string;
  abstract: string;
  /** Hash of the text the stored vector was made from, or null when the paper has none for the model. */
  embeddedHash: string | null;
}

export interface NewEmbedding {
  paperId: number;
  vector: Uint8Array;
  contentHash: string;
}

export interface StoredVector {
  paperId: number;
  vector: Uint8Array;
  updatedAt: string;
}

/** Where an index refresh stands in one model's change stream. */
export interface VectorCursor {
  updatedAt: string;
  paperId: number;
}

export class EmbeddingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a trained model; storing the same model (same name) again changes nothing. */
  async insertModel(row: EmbeddingModelRow): Promise<void> {
    await this.db
      .insertInto('embedding_models')
      .values(row)
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  async findModel(name: string): Promise<EmbeddingModelRow | null> {
    return (
      (await this.db
        .selectFrom('embedding_models')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst()) ?? null
    );
  }

  /** The newest trained model: the one new vectors are made with. */
  async findLatestModel(): Promise<Omit<EmbeddingModelRow, 'artefact'> | null> {
    return (
      (await this.db
        .selectFrom('embedding_models')
        .select(['name', 'method', 'dim', 'trained_on_papers', 'created_at'])
        .orderBy('created_at', 'desc')
        // Two trainings stamped in the same millisecond (a pinned clock): the larger catalogue's is newer.
        .orderBy('trained_on_papers', 'desc')
        .orderBy('name', 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null
    );
  }

  /**
   * Papers after `afterId` in id order, with the hash of their stored vector for `model` (null when
   * none): the embed job compares it with the hash of the current text to find what needs embedding.
   */
  async listPaperTexts(model: string, afterId: number, limit: number): Promise<PaperText[]> {
    const rows = await this.db
      .selectFrom('papers as p')
      .leftJoin('embeddings as e', (j) => j.onRef('e.paper_id', '=', 'p.id').on('e.model', '=', model))
      .select(['p.id', 'p.title', 'p.abstract', 'e.content_hash'])
      .where('p.id', '>', afterId)
      .orderBy('p.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      paperId: r.id,
      title: r.title,
      abstract: r.abstract,
      embeddedHash: r.content_hash,
    }));
  }

  /** Papers with no vector at all for `model`. */
  async countPapersMissing(model: string): Promise<number> {
    const row = await this.db
      .selectFrom('papers as p')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('embeddings as e')
              .select(sql`1`.as('one'))
              .whereRef('e.paper_id', '=', 'p.id')
              .where('e.model', '=', model),
          ),
        ),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async upsertMany(model: string, dim: number, rows: readonly NewEmbedding[], now: string): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      const part = rows.slice(i, i + 200);
      await this.db
        .insertInto('embeddings')
        .values(
          part.map((r) => ({
            paper_id: r.paperId,
            model,
            dim,
            vector: Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength),
            content_hash: r.contentHash,
            updated_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['paper_id', 'model']).doUpdateSet((eb) => ({
            dim: eb.ref('excluded.dim'),
            vector: eb.ref('excluded.vector'),
            content_hash: eb.ref('excluded.content_hash'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** Vectors of `model` changed after `cursor` (all of them when null), oldest change first. */
  async listVectorsSince(model: string, cursor: VectorCursor | null, limit: number): Promise<StoredVector[]> {
    let q = this.db
      .selectFrom('embeddings')
      .select(['paper_id', 'vector', 'updated_at'])
      .where('model', '=', model)
      .orderBy('updated_at')
      .orderBy('paper_id')
      .limit(limit);
    if (cursor)
      q = q.where((eb) =>
        eb.or([
          eb('updated_at', '>', cursor.updatedAt),
          eb.and([eb('updated_at', '=', cursor.updatedAt), eb('paper_id', '>', cursor.paperId)]),
        ]),
      );
    const rows = await q.execute();
    return rows.map((r) => ({ paperId: r.paper_id, vector: r.vector, updatedAt: r.updated_at }));
  }

  async findVector(paperId: number, model: string): Promise<Uint8Array | null> {
    const row = await this.db
      .selectFrom('embeddings')
      .select('vector')
      .where('paper_id', '=', paperId)
      .where('model', '=', model)
      .executeTakeFirst();
    return row?.vector ?? null;
  }

  /** How many vectors each model has, most first. */
  async countByModel(): Promise<{ model: string; dim: number; vectors: number }[]> {
    const rows = await this.db
      .selectFrom('embeddings')
      .select(['model', (eb) => eb.fn.max('dim').as('dim'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('model')
      .execute();
    return rows
      .map((r) => ({ model: r.model, dim: Number(r.dim), vectors: Number(r.n) }))
      .sort((a, b) => b.vectors - a.vectors || (a.model < b.model ? -1 : 1));
  }

  /** Removes the vectors of every model but `keep` (after `keep` has a vector for every paper). */
  async deleteOtherModels(keep: string): Promise<number> {
    const result = await this.db.deleteFrom('embeddings').where('model', '<>', keep).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
