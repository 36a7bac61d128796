// Row types of the community tables (migration 006; 009 added how each session began): accounts,
// sessions, tokens, votes, comments, flags, the moderation log, rate-limit windows and settings.
// Secrets are SHA-256 hashes (hex).
import type { Generated, Selectable } from 'kysely';

export type Role = 'member' | 'curator' | 'admin';
export type TokenScope = 'read' | 'write';
export type FlagTarget = 'paper' | 'comment';
/** How a session began: an emailed link (which proves the mailbox) or a password. */
export type SignInMethod = 'link' | 'password';

export interface SettingsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  /** Lowercased; the address sign-in links go to. */
  email: string;
  /** Lowercased `[a-z0-9_]{2,30}`: the profile address and the @mention. */
  handle: string;
  display_name: string;
  role: Generated<Role>;
  /** `scrypt$N$r$p$salt$hash` (lib/password.ts), null for link-only accounts. */
  password_hash: string | null;
  banned_at: string | null;
  ban_reason: string | null;
  /** Deleted by its owner (migration 012): personal rows gone, comments kept as "deleted member". */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  /** Moves at most once a minute; idle expiry counts from it. */
  last_seen_at: string;
  /** Absolute expiry, however active the session. */
  expires_at: string;
  /** Migration 009; null for sessions that began before it (treated as not proving the mailbox). */
  sign_in_method: SignInMethod | null;
}

export interface LoginTokensTable {
  token_hash: string;
  email: string;
  created_at: string;
  expires_at: string;
  /** Set once, atomically, by the sign-in that consumes the link. */
  used_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in settings so a user can tell tokens apart. */
  token_prefix: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface VotesTable {
  user_id: number;
  paper_id: number;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  paper_id: number;
  user_id: number;
  parent_id: number | null;
  /** Markdown as written. */
  body_source: string;
  /** markdown-it's output (raw HTML off, safe links): the only comment HTML pages ever show. */
  body_html: string;
  created_at: string;
  edited_at: string | null;
  /** Soft delete by the author: the thread keeps its shape, the text is gone from pages. */
  deleted_at: string | null;
  /** Hidden by an admin. */
  hidden_at: string | null;
}

export interface FlagsTable {
  id: Generated<number>;
  user_id: number;
  target_type: FlagTarget;
  target_id: number;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: number | null;
}

export interface ModerationLogTable {
  id: Generated<number>;
  /** Null for actions taken from the CLI by the operator. */
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string;
  detail: string;
  created_at: string;
}

export interface RateLimitsTable {
  /** `action:ip:ADDRESS` or `action:user:ID` (or `action:email:ADDRESS`). */
  key: string;
  /** Start of the fixed window, ISO. */
  window_start: string;
  count: number;
}

export interface CommunityTables {
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  api_tokens: ApiTokensTable;
  votes: VotesTable;
  comments: CommentsTable;
  flags: FlagsTable;
  moderation_log: ModerationLogTable;
  rate_limits: RateLimitsTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type CommentRow = Selectable<CommentsTable>;
export type FlagRow = Selectable<FlagsTable>;
export type ModerationLogRow = Selectable<ModerationLogTable>;
