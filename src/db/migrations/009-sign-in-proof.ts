// How each session began, so a recent sign-in by emailed link can stand in for the current password
// (password reset), and an index for the per-email cap on unused sign-in links.
// - sessions.sign_in_method: 'link' or 'password'; sessions from before this migration stay null,
//   which counts as neither (they cannot set a password without the current one).
// - login_tokens (email, expires_at): requestSignInLink counts an address's unused, unexpired links
//   before mailing another.
import { sql } from 'kysely';
import type { Migration } from '../migrate.js';

export const migration: Migration = {
  name: '009-sign-in-proof',
  async up(db) {
    await sql
      .raw(
        `alter table sessions add column sign_in_method text check (sign_in_method in ('link', 'password'))`,
      )
      .execute(db);
    await sql.raw(`create index login_tokens_email on login_tokens (email, expires_at)`).execute(db);
  },
};
