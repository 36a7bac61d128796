// What the Hugging Face shapes need that was not kept (issue: HF clients).
// - papers.organization_slug: Hugging Face names an organization by slug (`name`, e.g. "google")
//   beside its display name (`fullname`, kept in papers.organization); the API answers both.
// - daily_entries.hf_published_at: a mirrored entry's own `publishedAt`, which Hugging Face sets
//   apart from the paper's and from when it was featured; the API echoes it for mirrored entries.
import { sql } from 'kysely';
import type { Migration } from '../migrate.js';

export const migration: Migration = {
  name: '010-hf-shapes',
  async up(db) {
    await sql.raw(`alter table papers add column organization_slug text`).execute(db);
    await sql.raw(`alter table daily_entries add column hf_published_at text`).execute(db);
  },
};
