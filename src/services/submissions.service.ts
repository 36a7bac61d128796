// A signed-in user puts a paper on today's feed by arXiv id, fetching it from arXiv when it is new
// here. Members follow the rules (PAPERBOY_SUBMISSION_MAX_AGE_DAYS, PAPERBOY_SUBMISSIONS_PER_DAY, no
// paper that was already featured); curators are exempt, may choose the day, and go through
// CurationService.feature like the CLI's `paperboy feature`.
import type { CommunityConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import { addDays, dayOf, isDay } from '../domain/days.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, assertCanAct, hasRole } from './actor.js';
import type { CommentsService } from './comments.service.js';
import type { CurationService } from './curation.service.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RateLimitedError,
} from './errors.js';
import type { IngestService } from './ingest.service.js';
import type { RateLimitService } from './rate-limit.service.js';

export interface SubmitRequest {
  /** Curators only; today (UTC) otherwise. */
  day?: string | null;
  /** Posted as the first comment on the paper. */
  comment?: string | null;
}

export interface SubmitResult {
  arxivId: string;
  title: string;
  day: string;
  /** False when a curator featured a paper already on that day. */
  added: boolean;
  fetched: boolean;
  commentId: number | null;
}

export class SubmissionsService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: RateLimitService,
    private readonly config: CommunityConfig,
    private readonly ingest: IngestService,
    private readonly curation: CurationService,
    private readonly comments: CommentsService,
  ) {}

  async submit(actor: Actor, rawId: string, request: SubmitRequest = {}): Promise<SubmitResult> {
    assertCanAct(actor);
    const id = parseArxivId(rawId);
    if (!id)
      throw new InvalidInputError('id', `"${rawId}" is not an arXiv id like 2406.12345 or hep-th/9901001`);
    const curator = hasRole(actor.user, 'curator');
    const now = this.clock.now();
    const today = dayOf(now);
    if (request.day && !curator)
      throw new ForbiddenError('only curators choose the day; members submit to today');
    const day = request.day ?? today;
    if (!isDay(day)) throw new InvalidInputError('day', `"${day}" is not a day like 2026-08-21`);
    await this.limits.check('submit', { ip: actor.ip, user: actor.user });

    let result: SubmitResult;
    if (curator) {
      const r = await this.curation.feature(id.id, { day, submitter: actor.user.handle });
      const paper = await this.stores.papers.findByArxivId(r.arxivId);
      if (paper) await this.stores.submissions.setSubmitter(day, paper.id, actor.user.id);
      await this.stores.moderationLog.insert(
        { actorId: actor.user.id, action: 'feature', targetType: 'paper', targetId: r.arxivId, detail: day },
        now.toISOString(),
      );
      result = {
        arxivId: r.arxivId,
        title: r.title,
        day,
        added: r.added,
        fetched: r.fetched,
        commentId: null,
      };
    } else {
      // Checked before any upstream fetch, so a member cannot make us query arXiv past the cap.
      const since = `${today}T00:00:00.000Z`;
      if (
        (await this.stores.submissions.countByUserSince(actor.user.id, since)) >=
        this.config.submissionsPerDay
      ) {
        const midnight = Date.parse(`${addDays(today, 1)}T00:00:00.000Z`);
        throw new RateLimitedError('submission', Math.max(1, Math.ceil((midnight - now.getTime()) / 1000)));
      }
      let fetched = false;
      if (!(await this.stores.papers.findByArxivId(id.id))) {
        const summary = await this.ingest.fetchArxivIds([id.id]);
        if (summary.missing.length > 0) throw new NotFoundError(`arXiv has no paper ${id.id}`);
        fetched = true;
      }
      result = await inTransaction(this.db, async (stores) => {
        const paper = await stores.papers.findByArxivId(id.id);
        if (!paper) throw new NotFoundError(`paper ${id.id} is not in the catalogue`);
        const featured = await stores.dailyEntries.listForPaper(paper.id);
        if (featured.length > 0)
          throw new ConflictError(
            `${paper.arxiv_id} is already on the feed of ${featured[0]?.day ?? 'another day'}`,
          );
        const published = paper.published_at ?? paper.listed_on;
        const oldest = addDays(today, -this.config.submissionMaxAgeDays);
        if (published && published.slice(0, 10) < oldest)
          throw new InvalidInputError(
            'id',
            `only papers published in the last ${this.config.submissionMaxAgeDays} days can be submitted`,
          );
        const added = await stores.submissions.insert(
          {
            paperId: paper.id,
            day,
            userId: actor.user.id,
            handle: actor.user.handle,
            displayName: actor.user.displayName,
            source: 'user',
          },
          now.toISOString(),
        );
        return { arxivId: paper.arxiv_id, title: paper.title, day, added, fetched, commentId: null };
      });
    }
    this.log.info(
      { arxiv_id: result.arxivId, day, user_id: actor.user.id, added: result.added },
      'paper submitted',
    );
    if (request.comment?.trim()) {
      const posted = await this.comments.post(actor, result.arxivId, request.comment);
      result.commentId = posted.id;
    }
    return result;
  }
}
