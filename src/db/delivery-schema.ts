// Row types of the delivery tables (migration 007): subscriptions, their tokens and saved alerts, and
// the outbox. Booleans are 0/1 integers; times are ISO-8601 UTC text.
import type { Generated, Selectable } from 'kysely';

export type SubscriptionStatus = 'pending' | 'active' | 'paused' | 'unsubscribed';
export type CadenceName = 'daily' | 'weekly';
export type TokenPurpose = 'confirm' | 'manage';
export type OutboxKind = 'confirm' | 'manage-link' | 'digest';
/**
 * pending -> sending -> sent; sending -> pending (a retryable failure, or a lease taken over);
 * sending -> failed (refused for good, 5xx) | dead (out of attempts); pending -> cancelled (the
 * subscription ended before its mail went out).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled';

export interface SubscriptionsTable {
  id: Generated<number>;
  /** Trimmed and lowercased. */
  email: string;
  user_id: number | null;
  status: SubscriptionStatus;
  cadence: CadenceName;
  skip_weekends: number;
  hour: number;
  time_zone: string;
  /** 1: the trending digest; 0: alerts only. */
  digest: number;
  /** When the planner looks next: the next local send time, in UTC. Null unless active. */
  next_due_at: string | null;
  /** Newest feed-entry creation time a digest has covered. */
  digest_cursor: string | null;
  /** Hard failures in a row (refused or out of attempts); reset by a delivered email. */
  failures: number;
  last_failure_at: string | null;
  last_error: string | null;
  paused_reason: string | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface SubscriptionTokensTable {
  token_hash: string;
  subscription_id: number;
  purpose: TokenPurpose;
  created_at: string;
  expires_at: string | null;
}

export interface SavedAlertsTable {
  id: Generated<number>;
  subscription_id: number;
  /** Search syntax, as typed. */
  query: string;
  label: string;
  /** Newest paper creation time already considered. */
  cursor: string;
  created_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  subscription_id: number;
  kind: OutboxKind;
  /** `daily:2026-08-21`, `weekly:2026-W34`; for one-off emails a unique stamp. */
  period_key: string;
  to_address: string;
  subject: string;
  /** Bodies and headers hold TOKEN_PLACEHOLDER where the sender puts a fresh token. */
  html: string;
  text: string;
  /** JSON object of extra headers. */
  headers: string;
  /** The token the sender mints for this email, if any. */
  token_purpose: TokenPurpose | null;
  status: OutboxStatus;
  /** Hand-overs to SMTP started, the current one included. */
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** `<outbox-ID@host>`: the same on every attempt, so a resend is recognisable. */
  message_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface DeliveryTables {
  subscriptions: SubscriptionsTable;
  subscription_tokens: SubscriptionTokensTable;
  saved_alerts: SavedAlertsTable;
  outbox: OutboxTable;
}

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type SavedAlertRow = Selectable<SavedAlertsTable>;
export type OutboxRow = Selectable<OutboxTable>;
