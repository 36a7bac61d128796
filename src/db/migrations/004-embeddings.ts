// Vectors for semantic search and related papers, and the builtin embedder's trained models.
// - embeddings: one vector per (paper, model). The model name travels with the vector, so after a model
//   change the new vectors are written beside the old ones, which keep serving until the new set is
//   complete (no downtime); content_hash (of the embedded text) finds papers whose abstract changed.
//   Vectors are float32 little-endian bytes (BLOB / bytea): no pgvector here, and search runs in process.
// - embedding_models: the builtin model's artefact (vocabulary, weights, word vectors), named by its
//   content hash, so every process embeds queries with exactly the numbers the papers were embedded with.
import { sql } from 'kysely';
import type { Migration } from '../migrate.js';

export const migration: Migration = {
  name: '004-embeddings',
  async up(db, dialect) {
    const bytes = dialect === 'sqlite' ? 'blob' : 'bytea';
    await sql
      .raw(
        `create table embedding_models (
          name text primary key,
          method text not null,
          dim integer not null,
          artefact ${bytes} not null,
          trained_on_papers integer not null,
          created_at text not null
        )`,
      )
      .execute(db);
    await sql
      .raw(
        `create table embeddings (
          paper_id integer not null references papers (id) on delete cascade,
          model text not null,
          dim integer not null,
          vector ${bytes} not null,
          content_hash text not null,
          updated_at text not null,
          primary key (paper_id, model)
        )`,
      )
      .execute(db);
    // Index refresh reads "what changed since" per model: (model, updated_at, paper_id) is its cursor.
    await sql.raw(`create index embeddings_changes on embeddings (model, updated_at, paper_id)`).execute(db);
  },
};
