// A reader's library: papers saved to read, read or unread, each with a private note. Everything here
// is the reader's own: no route shows another member's library, and the "for you" feed learns from it
// only for its owner. Saves are rate-limited like votes (the `library` action).
import type { Db } from '../db/database.js';
import type { LibraryItemRow } from '../db/library-schema.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import type { Clock } from '../lib/clock.js';
import type { LibraryFilter } from '../stores/library.store.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';
import type { RateLimitService } from './rate-limit.service.js';

export const NOTE_MAX = 10_000;

export interface LibraryEntry {
  card: PaperCard;
  savedAt: string;
  readAt: string | null;
  note: string;
}

export interface LibraryPage {
  entries: LibraryEntry[];
  filter: LibraryFilter;
  counts: { all: number; unread: number };
}

export interface SaveResult {
  arxivId: string;
  saved: boolean;
  /** False when the call repeated the current state. */
  changed: boolean;
}

export class LibraryService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
  ) {}

  async save(actor: Actor, rawId: string): Promise<SaveResult> {
    const paper = await this.paperFor(actor, rawId);
    const changed = await this.stores.library.save(actor.user.id, paper.id, this.now());
    return { arxivId: paper.arxiv_id, saved: true, changed };
  }

  async unsave(actor: Actor, rawId: string): Promise<SaveResult> {
    const paper = await this.paperFor(actor, rawId);
    const changed = await this.stores.library.remove(actor.user.id, paper.id);
    return { arxivId: paper.arxiv_id, saved: false, changed };
  }

  /** Marks a saved paper read or unread, and sets its note; a paper not saved yet is saved first. */
  async update(
    actor: Actor,
    rawId: string,
    change: { read?: boolean; note?: string },
  ): Promise<LibraryItemRow> {
    if (change.note !== undefined && change.note.length > NOTE_MAX)
      throw new InvalidInputError('note', `a note holds at most ${NOTE_MAX} characters`);
    const paper = await this.paperFor(actor, rawId);
    const now = this.now();
    return inTransaction(this.db, async (stores) => {
      await stores.library.save(actor.user.id, paper.id, now);
      await stores.library.update(
        actor.user.id,
        paper.id,
        {
          ...(change.read !== undefined ? { readAt: change.read ? now : null } : {}),
          ...(change.note !== undefined ? { note: change.note.trim() } : {}),
        },
        now,
      );
      return (await stores.library.find(actor.user.id, paper.id)) as LibraryItemRow;
    });
  }

  async list(actor: Actor, filter: LibraryFilter, limit: number, offset: number): Promise<LibraryPage> {
    assertCanAct(actor);
    const [rows, counts] = await Promise.all([
      this.stores.library.list(actor.user.id, filter, limit, offset),
      this.stores.library.count(actor.user.id),
    ]);
    const papers = new Map(
      (await this.stores.papers.listByIds(rows.map((r) => r.paper_id))).map((p) => [p.id, p]),
    );
    const entries = rows.flatMap((r) => {
      const paper = papers.get(r.paper_id);
      if (!paper) return [];
      const card = toPaperCard(paper);
      card.viewerSaved = true;
      return [{ card, savedAt: r.saved_at, readAt: r.read_at, note: r.note }];
    });
    return { entries, filter, counts };
  }

  /** Every saved paper of the reader, oldest saved first (exports). */
  async listAllCards(actor: Actor): Promise<LibraryEntry[]> {
    const counts = await this.stores.library.count(actor.user.id);
    return (await this.list(actor, 'all', Math.max(1, counts.all), 0)).entries.reverse();
  }

  /** The reader's item for a paper (its page shows the note), or null. */
  async find(userId: number, paperId: number): Promise<LibraryItemRow | null> {
    return this.stores.library.find(userId, paperId);
  }

  /** Marks the cards the user has saved (viewerSaved), in place. */
  async markSaved<T extends PaperCard>(userId: number | null, cards: T[]): Promise<T[]> {
    if (userId === null || cards.length === 0) return cards;
    const saved = await this.stores.library.listSavedAmong(
      userId,
      cards.map((c) => c.paperId),
    );
    for (const card of cards) card.viewerSaved = saved.has(card.paperId);
    return cards;
  }

  private async paperFor(actor: Actor, rawId: string) {
    assertCanAct(actor);
    const id = parseArxivId(rawId);
    if (!id) throw new InvalidInputError('id', `"${rawId}" is not an arXiv id like 2406.12345`);
    await this.limits.check('library', { ip: actor.ip, user: actor.user });
    const paper = await this.stores.papers.findByArxivId(id.id);
    if (!paper) throw new NotFoundError(`paper ${id.id} is not in this catalogue`);
    return paper;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
