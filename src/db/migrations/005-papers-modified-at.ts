// The in-process search index follows the papers table by modified_at (a change cursor polled every
// few seconds by every web process): index it so each poll reads only the recent changes.
import { sql } from 'kysely';
import type { Migration } from '../migrate.js';

export const migration: Migration = {
  name: '005-papers-modified-at',
  async up(db) {
    await sql.raw(`create index papers_modified_at on papers (modified_at)`).execute(db);
  },
};
