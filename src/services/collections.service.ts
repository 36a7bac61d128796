// Named collections of papers, like Hugging Face's: a title, a description, papers in the owner's
// order (each with a note), and a visibility. Private: the owner only (anyone else is told there is
// nothing there, so a key reveals nothing). Unlisted: anyone with the address, whose key is random.
// Public: also listed on the owner's profile. Only the owner changes a collection.
import type { Db } from '../db/database.js';
import type { CollectionRow, Visibility } from '../db/library-schema.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import type { Clock } from '../lib/clock.js';
import { randomToken } from '../lib/secrets.js';
import type { CollectionSummary } from '../stores/collections.store.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';
import type { RateLimitService } from './rate-limit.service.js';

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2_000;
/** Papers one collection may hold (an import of a whole .bib stops there). */
export const COLLECTION_MAX = 5_000;

export interface CollectionView {
  collection: CollectionRow;
  owner: { handle: string; displayName: string };
  /** True when the viewer owns it (pages show the editing controls). */
  mine: boolean;
  papers: { card: PaperCard; note: string; position: number; addedAt: string }[];
}

export interface CollectionChange {
  title?: string;
  description?: string;
  visibility?: Visibility;
}

/** The key in a collection's address: 12 characters, unguessable. */
export const newCollectionKey = () => randomToken(9);

export class CollectionsService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
  ) {}

  async create(actor: Actor, fields: Required<CollectionChange>): Promise<CollectionRow> {
    assertCanAct(actor);
    await this.limits.check('library', { ip: actor.ip, user: actor.user });
    const clean = checked(fields);
    return this.stores.collections.insert(
      {
        userId: actor.user.id,
        key: newCollectionKey(),
        title: clean.title ?? '',
        description: clean.description ?? '',
        visibility: clean.visibility ?? 'private',
      },
      this.now(),
    );
  }

  async update(actor: Actor, key: string, change: CollectionChange): Promise<CollectionRow> {
    const collection = await this.owned(actor, key);
    await this.stores.collections.update(collection.id, checked(change), this.now());
    return (await this.stores.collections.findByKey(key)) as CollectionRow;
  }

  async delete(actor: Actor, key: string): Promise<void> {
    const collection = await this.owned(actor, key);
    await this.stores.collections.delete(collection.id);
  }

  async add(actor: Actor, key: string, rawId: string, note = ''): Promise<{ added: boolean }> {
    const collection = await this.owned(actor, key);
    const paper = await this.paper(rawId);
    const now = this.now();
    return inTransaction(this.db, async (stores) => {
      if ((await stores.collections.listItems(collection.id)).length >= COLLECTION_MAX)
        throw new InvalidInputError('id', `a collection holds at most ${COLLECTION_MAX} papers`);
      const added = await stores.collections.addItem(collection.id, paper.id, note.slice(0, 2_000), now);
      if (added) await stores.collections.touch(collection.id, now);
      return { added };
    });
  }

  async remove(actor: Actor, key: string, rawId: string): Promise<{ removed: boolean }> {
    const collection = await this.owned(actor, key);
    const paper = await this.paper(rawId);
    const removed = await this.stores.collections.removeItem(collection.id, paper.id);
    if (removed) await this.stores.collections.touch(collection.id, this.now());
    return { removed };
  }

  /** Moves a paper to `position` (1-based), the others keeping their order. */
  async move(actor: Actor, key: string, rawId: string, position: number): Promise<void> {
    const collection = await this.owned(actor, key);
    const paper = await this.paper(rawId);
    const now = this.now();
    await inTransaction(this.db, async (stores) => {
      const items = await stores.collections.listItems(collection.id);
      const from = items.findIndex((i) => i.paper_id === paper.id);
      if (from < 0) throw new NotFoundError(`${paper.arxiv_id} is not in this collection`);
      const [moving] = items.splice(from, 1);
      const to = Math.min(Math.max(1, Math.trunc(position)), items.length + 1) - 1;
      items.splice(to, 0, moving as (typeof items)[number]);
      for (let i = 0; i < items.length; i++)
        if ((items[i] as (typeof items)[number]).position !== i + 1)
          await stores.collections.setPosition(
            collection.id,
            (items[i] as (typeof items)[number]).paper_id,
            i + 1,
          );
      await stores.collections.touch(collection.id, now);
    });
  }

  /** A collection as `viewer` may see it; one they may not is as absent as one that does not exist. */
  async get(viewer: Actor | null, key: string): Promise<CollectionView> {
    const collection = await this.stores.collections.findByKey(key);
    const mine = collection !== null && viewer?.user.id === collection.user_id;
    if (!collection || (collection.visibility === 'private' && !mine))
      throw new NotFoundError('there is no collection at this address');
    const owner = await this.stores.users.findById(collection.user_id);
    if (!owner || (owner.deleted_at !== null && !mine))
      throw new NotFoundError('there is no collection at this address');
    const items = await this.stores.collections.listItems(collection.id);
    const papers = new Map(
      (await this.stores.papers.listByIds(items.map((i) => i.paper_id))).map((p) => [p.id, p]),
    );
    return {
      collection,
      owner: { handle: owner.handle, displayName: owner.display_name },
      mine,
      papers: items.flatMap((i) => {
        const p = papers.get(i.paper_id);
        return p ? [{ card: toPaperCard(p), note: i.note, position: i.position, addedAt: i.added_at }] : [];
      }),
    };
  }

  /** The reader's own collections, newest change first. */
  async listMine(actor: Actor): Promise<CollectionSummary[]> {
    assertCanAct(actor);
    return this.stores.collections.listForUser(actor.user.id);
  }

  /** A member's public collections (their profile lists them). */
  async listPublic(userId: number): Promise<CollectionSummary[]> {
    return this.stores.collections.listForUser(userId, 'public');
  }

  /** Keys of the reader's collections holding a paper. */
  async keysHolding(userId: number, paperId: number): Promise<string[]> {
    return this.stores.collections.listKeysHolding(userId, paperId);
  }

  private async owned(actor: Actor, key: string): Promise<CollectionRow> {
    assertCanAct(actor);
    await this.limits.check('library', { ip: actor.ip, user: actor.user });
    const collection = await this.stores.collections.findByKey(key);
    // Someone else's private collection is not "forbidden" but absent: its key must reveal nothing.
    if (!collection || (collection.user_id !== actor.user.id && collection.visibility === 'private'))
      throw new NotFoundError('there is no collection at this address');
    if (collection.user_id !== actor.user.id) throw new ForbiddenError('only its owner changes a collection');
    return collection;
  }

  private async paper(rawId: string) {
    const id = parseArxivId(rawId);
    if (!id) throw new InvalidInputError('id', `"${rawId}" is not an arXiv id like 2406.12345`);
    const paper = await this.stores.papers.findByArxivId(id.id);
    if (!paper) throw new NotFoundError(`paper ${id.id} is not in this catalogue`);
    return paper;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

function checked(c: CollectionChange): CollectionChange {
  const out: CollectionChange = {};
  if (c.title !== undefined) {
    const title = c.title.replace(/\s+/g, ' ').trim();
    if (title === '') throw new InvalidInputError('title', 'a collection needs a title');
    if (title.length > TITLE_MAX)
      throw new InvalidInputError('title', `a title holds at most ${TITLE_MAX} characters`);
    out.title = title;
  }
  if (c.description !== undefined) {
    if (c.description.length > DESCRIPTION_MAX)
      throw new InvalidInputError('description', `a description holds at most ${DESCRIPTION_MAX} characters`);
    out.description = c.description.trim();
  }
  if (c.visibility !== undefined) {
    if (!['private', 'unlisted', 'public'].includes(c.visibility))
      throw new InvalidInputError('visibility', 'must be private, unlisted or public');
    out.visibility = c.visibility;
  }
  return out;
}
