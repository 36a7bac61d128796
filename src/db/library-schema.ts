// Row types of the library tables (migration 012): saved papers, collections, follows, feedback and
// reader settings. Times are ISO-8601 UTC text; booleans 0/1.
import type { Generated, Selectable } from 'kysely';

export type Visibility = 'private' | 'unlisted' | 'public';
export type FollowKind = 'author' | 'category' | 'member' | 'search';
export type FeedbackSignal = 'more' | 'less';

export interface LibraryItemsTable {
  user_id: number;
  paper_id: number;
  saved_at: string;
  /** Null: unread. */
  read_at: string | null;
  /** Private to the reader. */
  note: string;
  updated_at: string;
}

export interface CollectionsTable {
  id: Generated<number>;
  user_id: number;
  /** Unguessable, in the collection's address: what makes an unlisted collection unlisted. */
  key: string;
  title: string;
  description: string;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemsTable {
  collection_id: number;
  paper_id: number;
  /** 1-based order in the collection. */
  position: number;
  note: string;
  added_at: string;
}

export interface FollowsTable {
  id: Generated<number>;
  user_id: number;
  kind: FollowKind;
  /** An author slug, a category (cs.CL or an archive, cs), a member's user id, a search query. */
  target: string;
  /** What pages show: "Yann LeCun", "cs.CL", "@ada", the query. */
  label: string;
  created_at: string;
}

export interface ReaderFeedbackTable {
  user_id: number;
  paper_id: number;
  signal: FeedbackSignal;
  created_at: string;
}

export interface ReaderSettingsTable {
  user_id: number;
  /** Signals before this are not learned from (null: all). */
  learn_since: string | null;
  digest_for_you: number;
  /** SHA-256 of the private "for you" feed token; null: no feed address. */
  feed_token_hash: string | null;
  feed_token_prefix: string | null;
  feed_token_created_at: string | null;
  updated_at: string;
}

export interface LibraryTables {
  library_items: LibraryItemsTable;
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  follows: FollowsTable;
  reader_feedback: ReaderFeedbackTable;
  reader_settings: ReaderSettingsTable;
}

export type LibraryItemRow = Selectable<LibraryItemsTable>;
export type CollectionRow = Selectable<CollectionsTable>;
export type CollectionItemRow = Selectable<CollectionItemsTable>;
export type FollowRow = Selectable<FollowsTable>;
export type ReaderSettingsRow = Selectable<ReaderSettingsTable>;
