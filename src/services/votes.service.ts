// Upvotes. One vote per user and paper; in one transaction the paper row is locked, the vote inserted
// if absent (or deleted), and papers.upvotes recounted from the votes: exact under any concurrency on
// both databases. Lists and trending add these to the mirrored Hugging Face counts (paper-card.ts).
import type { Db } from '../db/database.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import type { Clock } from '../lib/clock.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import type { PaperCard } from './paper-card.js';
import type { RateLimitService } from './rate-limit.service.js';

export interface VoteResult {
  arxivId: string;
  upvoted: boolean;
  /** Whether this call changed anything (false for a repeated upvote or unvote). */
  changed: boolean;
  /** Local plus mirrored, as cards show it. */
  upvotes: number;
  localUpvotes: number;
}

export class VotesService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
  ) {}

  upvote(actor: Actor, arxivId: string): Promise<VoteResult> {
    return this.set(actor, arxivId, true);
  }

  unvote(actor: Actor, arxivId: string): Promise<VoteResult> {
    return this.set(actor, arxivId, false);
  }

  /** Marks the cards the user has upvoted (viewerVoted), in place. */
  async markVoted<T extends PaperCard>(userId: number | null, cards: T[]): Promise<T[]> {
    if (userId === null || cards.length === 0) return cards;
    const voted = await this.stores.votes.listVotedAmong(
      userId,
      cards.map((c) => c.paperId),
    );
    for (const card of cards) card.viewerVoted = voted.has(card.paperId);
    return cards;
  }

  private async set(actor: Actor, rawId: string, up: boolean): Promise<VoteResult> {
    assertCanAct(actor);
    const id = parseArxivId(rawId);
    if (!id) throw new InvalidInputError('id', `"${rawId}" is not an arXiv id like 2406.12345`);
    await this.limits.check('vote', { ip: actor.ip, user: actor.user });
    const now = this.clock.now().toISOString();
    return inTransaction(this.db, async (stores) => {
      const paper = await stores.papers.findByArxivId(id.id);
      if (!paper || !(await stores.votes.lockPaper(paper.id)))
        throw new NotFoundError(`paper ${id.id} is not in this catalogue`);
      const changed = up
        ? await stores.votes.insertIfAbsent(actor.user.id, paper.id, now)
        : await stores.votes.delete(actor.user.id, paper.id);
      const local = await stores.votes.recount(paper.id, changed ? now : null);
      return {
        arxivId: paper.arxiv_id,
        upvoted: up,
        changed,
        upvotes: paper.hf_upvotes + local,
        localUpvotes: local,
      };
    });
  }
}
