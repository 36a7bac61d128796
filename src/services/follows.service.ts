// Following authors, arXiv categories, members (what they submit and upvote) and saved searches, and
// the Following page: what is new from all of them, newest first, each paper saying why it is there.
// A reader's follows are private: only they see the list and the page.
import type { FollowKind, FollowRow } from '../db/library-schema.js';
import { parseQuerySyntax } from '../domain/query-syntax.js';
import type { Clock } from '../lib/clock.js';
import type { Followed } from '../stores/following.store.js';
import type { Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import { currentTrendingAsOf } from './feed.service.js';
import { type PaperCard, toPaperCard } from './paper-card.js';
import type { RateLimitService } from './rate-limit.service.js';
import type { SearchService } from './search.service.js';

/** Follows one reader may hold. */
export const FOLLOWS_MAX = 500;
/** How far back the Following page looks, from now (or the newest feed day, when the feed is quiet). */
export const FOLLOWING_DAYS = 30;
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export interface FollowReason {
  kind: FollowKind;
  /** "Yann LeCun", "cs.CL", "@ada", the query. */
  label: string;
  /** For members: what they did with it. */
  action?: 'submitted' | 'upvoted';
}

export interface FollowingItem {
  card: PaperCard;
  /** When it arrived from what is followed (the newest of its reasons). */
  at: string;
  reasons: FollowReason[];
}

export class FollowsService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
    private readonly search: SearchService,
  ) {}

  async follow(
    actor: Actor,
    kind: FollowKind,
    rawTarget: string,
  ): Promise<{ follow: FollowRow; created: boolean }> {
    assertCanAct(actor);
    await this.limits.check('follow', { ip: actor.ip, user: actor.user });
    const { target, label } = await this.resolve(actor, kind, rawTarget);
    if ((await this.stores.follows.count(actor.user.id)) >= FOLLOWS_MAX)
      throw new ConflictError(`you follow ${FOLLOWS_MAX} things already, the most one reader may`);
    const created = await this.stores.follows.insert(
      actor.user.id,
      kind,
      target,
      label,
      this.clock.now().toISOString(),
    );
    return { follow: (await this.stores.follows.find(actor.user.id, kind, target)) as FollowRow, created };
  }

  async unfollow(actor: Actor, id: number): Promise<boolean> {
    assertCanAct(actor);
    return this.stores.follows.delete(actor.user.id, id);
  }

  /** Stops following by what it is (the Follow buttons on author, category and member pages). */
  async unfollowTarget(actor: Actor, kind: FollowKind, rawTarget: string): Promise<boolean> {
    assertCanAct(actor);
    const { target } = await this.resolve(actor, kind, rawTarget);
    return this.stores.follows.deleteTarget(actor.user.id, kind, target);
  }

  async list(actor: Actor): Promise<FollowRow[]> {
    assertCanAct(actor);
    return this.stores.follows.list(actor.user.id);
  }

  async isFollowing(userId: number, kind: FollowKind, target: string): Promise<boolean> {
    return (await this.stores.follows.find(userId, kind, target)) !== null;
  }

  /** What is new from everything the reader follows, newest first, one item per paper. */
  async following(
    actor: Actor,
    limit = 50,
  ): Promise<{ items: FollowingItem[]; since: string; follows: FollowRow[] }> {
    assertCanAct(actor);
    const follows = await this.stores.follows.list(actor.user.id);
    const asOf = await currentTrendingAsOf(this.stores, this.clock);
    const since = new Date(asOf.at.getTime() - FOLLOWING_DAYS * 86_400_000).toISOString();
    const items = await this.collect(follows, since, limit);
    return { items, since, follows };
  }

  /** The papers each follow brings since `since`, merged: what Following and "for you" both read. */
  async collect(follows: readonly FollowRow[], since: string, limit: number): Promise<FollowingItem[]> {
    const of = (kind: FollowKind) => follows.filter((f) => f.kind === kind);
    const label = new Map(follows.map((f) => [`${f.kind}:${f.target}`, f.label]));
    const members = of('member').map((f) => Number(f.target));
    const reasonsFor = (kind: FollowKind, list: Followed[], action?: FollowReason['action']) =>
      list.map((f) => ({
        f,
        reason: { kind, label: label.get(`${kind}:${f.target}`) ?? f.target, ...(action ? { action } : {}) },
      }));
    const [authors, categories, submitted, upvoted, searched] = await Promise.all([
      this.stores.following.byAuthors(
        of('author').map((f) => f.target),
        since,
        limit * 4,
      ),
      this.stores.following.byCategories(
        of('category').map((f) => f.target),
        since,
        limit * 4,
      ),
      this.stores.following.submittedBy(members, since, limit * 2),
      this.stores.following.upvotedBy(members, since, limit * 2),
      this.searched(of('search'), since, limit),
    ]);
    const all = [
      ...reasonsFor('author', authors),
      ...reasonsFor('category', categories),
      ...reasonsFor('member', submitted, 'submitted'),
      ...reasonsFor('member', upvoted, 'upvoted'),
      ...reasonsFor('search', searched),
    ];
    const byPaper = new Map<number, FollowingItem>();
    for (const { f, reason } of all) {
      const item = byPaper.get(f.paper.id);
      if (!item) {
        byPaper.set(f.paper.id, { card: toPaperCard(f.paper), at: f.at, reasons: [reason] });
        continue;
      }
      if (f.at > item.at) item.at = f.at;
      if (
        !item.reasons.some(
          (r) => r.kind === reason.kind && r.label === reason.label && r.action === reason.action,
        )
      )
        item.reasons.push(reason);
    }
    return [...byPaper.values()]
      .sort((a, b) => b.at.localeCompare(a.at) || b.card.arxivId.localeCompare(a.card.arxivId))
      .slice(0, limit);
  }

  /** A saved search's newest matches, strictly (as its feed and an alert match). */
  private async searched(searches: readonly FollowRow[], since: string, limit: number): Promise<Followed[]> {
    const out: Followed[] = [];
    for (const s of searches) {
      const result = await this.search.search({
        q: s.target,
        sort: 'date',
        limit,
        offset: 0,
        strict: true,
        from: since.slice(0, 10),
      });
      if (result.kind !== 'results') continue;
      const rows = new Map(
        (await this.stores.papers.listByIds(result.hits.map((h) => h.card.paperId))).map((r) => [r.id, r]),
      );
      for (const h of result.hits) {
        const paper = rows.get(h.card.paperId);
        if (paper) out.push({ paper, at: paper.published_at ?? since, target: s.target });
      }
    }
    return out;
  }

  /** The stored target and label of a follow, checked: it must name something that exists. */
  private async resolve(
    actor: Actor,
    kind: FollowKind,
    raw: string,
  ): Promise<{ target: string; label: string }> {
    const value = raw.trim();
    switch (kind) {
      case 'author': {
        const author = await this.stores.authors.findBySlug(value);
        if (!author) throw new NotFoundError(`no author "${value}" in this catalogue`);
        return { target: author.slug, label: author.name };
      }
      case 'category': {
        if (!CATEGORY.test(value))
          throw new InvalidInputError('target', `"${value}" is not an arXiv category like cs.CL`);
        return { target: value, label: value };
      }
      case 'member': {
        const user = await this.stores.users.findByHandle(value.replace(/^@/, '').toLowerCase());
        if (!user || user.deleted_at !== null || user.banned_at !== null)
          throw new NotFoundError(`no member @${value.replace(/^@/, '')}`);
        if (user.id === actor.user.id) throw new InvalidInputError('target', 'you cannot follow yourself');
        return { target: String(user.id), label: `@${user.handle}` };
      }
      case 'search': {
        const q = value.replace(/\s+/g, ' ');
        if (q === '' || q.length > 500)
          throw new InvalidInputError('target', 'a search of 1 to 500 characters');
        const parsed = parseQuerySyntax(q);
        if (
          parsed.terms.length + parsed.phrases.length + parsed.authors.length + parsed.categories.length ===
          0
        )
          throw new InvalidInputError('target', 'a search needs a word, a phrase, an author or a category');
        return { target: q, label: q };
      }
    }
  }
}
