// A signed-in user puts a paper on today's feed by arXiv id, fetching it from arXiv when it is new
// here. Members follow the rules (PAPERBOY_SUBMISSION_MAX_AGE_DAYS, PAPERBOY_SUBMISSIONS_PER_DAY of
// accepted submissions, no paper that was already featured); curators are exempt, may choose the
// day, and go through CurationService.feature like the CLI's `paperboy feature`. Attempts (accepted
// or not) count against the `submit` rate limit, which only stops abuse.
//
// Someone is waiting on the page: arXiv gets PAPERBOY_SUBMIT_ARXIV_WAIT_SECONDS to answer, then the
// submission fails with UnavailableError naming arXiv. The fetch goes on in the background (the
// polite client's retries), so trying again a little later usually finds the paper here already.
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
  UnavailableError,
} from './errors.js';
import { IngestError, type IngestService } from './ingest.service.js';
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
      throw new InvalidInputError(
        'id',
        `not an arXiv id: "${rawId}" (ids look like 2406.12345, 2406.12345v2 or hep-th/9901001)`,
      );
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
      const fetched = await this.ensureInCatalogue(id.id);
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
        fetched: fetched || r.fetched,
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
        throw new RateLimitedError(
          'submission',
          Math.max(1, Math.ceil((midnight - now.getTime()) / 1000)),
          `you have submitted ${this.config.submissionsPerDay} papers today, the most a member may`,
        );
      }
      const fetched = await this.ensureInCatalogue(id.id);
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

  /**
   * Fetches a paper this catalogue lacks, waiting at most `submitWaitSeconds` for arXiv; true when it
   * was fetched now. NotFoundError when arXiv has no such paper, UnavailableError when it did not answer.
   */
  private async ensureInCatalogue(arxivId: string): Promise<boolean> {
    if (await this.stores.papers.findByArxivId(arxivId)) return false;
    const waitMs = this.config.submitWaitSeconds * 1000;
    const fetch = this.ingest.fetchArxivIds([arxivId]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), waitMs);
    });
    try {
      const outcome = await Promise.race([fetch, late]);
      if (outcome === 'late') {
        // It goes on without us; a failure later is logged, never unhandled.
        fetch.catch((err: unknown) =>
          this.log.warn({ arxiv_id: arxivId, err }, 'background fetch for a submission failed'),
        );
        throw new UnavailableError(
          'arXiv',
          `arXiv did not answer within ${this.config.submitWaitSeconds} second${this.config.submitWaitSeconds === 1 ? '' : 's'}. Your submission was not saved; please try again in a minute (the paper may have arrived by then).`,
        );
      }
      if (outcome.missing.length > 0) throw new NotFoundError(`arXiv has no paper ${arxivId}`);
      return true;
    } catch (err) {
      if (err instanceof IngestError)
        throw new UnavailableError(
          'arXiv',
          `arXiv could not be reached (${err.message}). Your submission was not saved; please try again later.`,
        );
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}
