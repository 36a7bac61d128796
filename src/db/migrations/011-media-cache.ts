// Pictures shown on our pages, held by us: Hugging Face thumbnails and submitters' avatars, fetched
// once by the cache-images job and served from /media/, so a reader's browser asks no third party
// and an offline install shows covers instead of broken images.
// - media_cache: one row per source URL (the papers' and entries' own column values, so finding what
//   is still missing is a join): the bytes and their type when the fetch worked (`ok`), or why not
//   (`failed`, with attempts; tried again later, a few times).
import { sql } from 'kysely';
import type { Migration } from '../migrate.js';

export const migration: Migration = {
  name: '011-media-cache',
  async up(db, dialect) {
    const bytes = dialect === 'sqlite' ? 'blob' : 'bytea';
    await sql
      .raw(
        `create table media_cache (
          source_url text primary key,
          status text not null check (status in ('ok', 'failed')),
          content_type text,
          bytes ${bytes},
          byte_length integer not null default 0,
          attempts integer not null default 0,
          last_error text,
          fetched_at text not null
        )`,
      )
      .execute(db);
  },
};
