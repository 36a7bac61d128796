// Accounts. Emails and handles are stored lowercased, so uniqueness is case-insensitive on both databases.
import type { Kysely } from 'kysely';
import type { Role, UserRow } from '../db/community-schema.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation } from './unique-violation.js';

export interface NewUser {
  email: string;
  handle: string;
  displayName: string;
  role?: Role;
}

export class UsersStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<UserRow | null> {
    return (await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    return (
      (await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()) ?? null
    );
  }

  async findByHandle(handle: string): Promise<UserRow | null> {
    return (
      (await this.db.selectFrom('users').selectAll().where('handle', '=', handle).executeTakeFirst()) ?? null
    );
  }

  /** The handles among these that belong to accounts (for @mentions). */
  async listExistingHandles(handles: readonly string[]): Promise<string[]> {
    if (handles.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .select('handle')
      .where('handle', 'in', handles.slice(0, 200))
      .execute();
    return rows.map((r) => r.handle);
  }

  /** Null when the email or handle is taken (a concurrent sign-up won the race). */
  async insert(user: NewUser, now: string): Promise<UserRow | null> {
    const row = await this.db
      .insertInto('users')
      .values({
        email: user.email,
        handle: user.handle,
        display_name: user.displayName,
        role: user.role ?? 'member',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * False when the handle belongs to someone else. The unique index decides, not a look-up first:
   * of two accounts taking the same free handle at once, one gets it and the other false.
   */
  async updateProfile(id: number, displayName: string, handle: string, now: string): Promise<boolean> {
    try {
      await this.db
        .updateTable('users')
        .set({ display_name: displayName, handle, updated_at: now })
        .where('id', '=', id)
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async setPasswordHash(id: number, hash: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: hash, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async setRole(id: number, role: Role, now: string): Promise<void> {
    await this.db.updateTable('users').set({ role, updated_at: now }).where('id', '=', id).execute();
  }

  async setBanned(id: number, bannedAt: string | null, reason: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ banned_at: bannedAt, ban_reason: reason, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async list(limit: number, offset = 0): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('id').limit(limit).offset(offset).execute();
  }
}
