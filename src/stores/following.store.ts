// What is new from what a reader follows: the reads behind the Following page and the "for you"
// feed's follow signals. Each lists (paper, when) newest first, bounded.
import type { Kysely } from 'kysely';
import type { Database, PaperRow } from '../db/schema.js';

export interface Followed {
  paper: PaperRow;
  /** When it came: published (authors, categories), featured (a member's submission), voted (upvote). */
  at: string;
  /** Which followed target brought it. */
  target: string;
}

export class FollowingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async byAuthors(slugs: readonly string[], since: string, limit: number): Promise<Followed[]> {
    if (slugs.length === 0) return [];
    const rows = await this.db
      .selectFrom('authors')
      .innerJoin('paper_authors', 'paper_authors.author_id', 'authors.id')
      .innerJoin('papers', 'papers.id', 'paper_authors.paper_id')
      .selectAll('papers')
      .select('authors.slug as followed')
      .where('authors.slug', 'in', [...slugs])
      .where('papers.published_at', '>=', since)
      .orderBy('papers.published_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(({ followed, ...paper }) => ({
      paper,
      at: paper.published_at ?? since,
      target: followed,
    }));
  }

  /** Papers in these categories; a bare archive (`cs`) covers its subject classes. */
  async byCategories(categories: readonly string[], since: string, limit: number): Promise<Followed[]> {
    if (categories.length === 0) return [];
    const rows = await this.db
      .selectFrom('paper_categories')
      .innerJoin('papers', 'papers.id', 'paper_categories.paper_id')
      .selectAll('papers')
      .select('paper_categories.category as followed')
      .where((eb) =>
        eb.or(
          categories.flatMap((c) =>
            c.includes('.')
              ? [eb('paper_categories.category', '=', c)]
              : [eb('paper_categories.category', '=', c), eb('paper_categories.category', 'like', `${c}.%`)],
          ),
        ),
      )
      .where('papers.published_at', '>=', since)
      .orderBy('papers.published_at', 'desc')
      .limit(limit)
      .execute();
    const wanted = (category: string) =>
      categories.find((c) => c === category || (!c.includes('.') && category.startsWith(`${c}.`))) ??
      category;
    return rows.map(({ followed, ...paper }) => ({
      paper,
      at: paper.published_at ?? since,
      target: wanted(followed),
    }));
  }

  /** What members submitted to the feed. */
  async submittedBy(userIds: readonly number[], since: string, limit: number): Promise<Followed[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('daily_entries')
      .innerJoin('papers', 'papers.id', 'daily_entries.paper_id')
      .selectAll('papers')
      .select(['daily_entries.submitted_by as followed', 'daily_entries.featured_at as at'])
      .where('daily_entries.submitted_by', 'in', [...userIds])
      .where('daily_entries.featured_at', '>=', since)
      .orderBy('daily_entries.featured_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(({ followed, at, ...paper }) => ({ paper, at, target: String(followed) }));
  }

  /** What members upvoted. */
  async upvotedBy(userIds: readonly number[], since: string, limit: number): Promise<Followed[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('votes')
      .innerJoin('papers', 'papers.id', 'votes.paper_id')
      .selectAll('papers')
      .select(['votes.user_id as followed', 'votes.created_at as at'])
      .where('votes.user_id', 'in', [...userIds])
      .where('votes.created_at', '>=', since)
      .orderBy('votes.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(({ followed, at, ...paper }) => ({ paper, at, target: String(followed) }));
  }
}
