// What curators do by hand: put a paper on a day's feed (fetching it from arXiv when it is new here),
// and review the pairs of papers flagged as possible duplicates. `paperboy feature` calls it, and so
// do a curator's submissions through the API (SubmissionsService) and the paper page (ModerationService).
import type { Db } from '../db/database.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import { dayOf, isDay } from '../domain/days.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { DuplicateFlagWithPapers } from '../stores/duplicate-flags.store.js';
import { inTransaction } from '../stores/index.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import type { IngestService } from './ingest.service.js';

export interface FeatureRequest {
  /** The feed day, `YYYY-MM-DD`; today (UTC) when absent. */
  day?: string | null;
  /** Who submitted it (a curator's name), shown beside the paper. */
  submitter?: string | null;
}

export interface FeatureResult {
  arxivId: string;
  title: string;
  day: string;
  /** False when the paper was already on that day's feed. */
  added: boolean;
  /** True when the paper was new here and fetched from arXiv first. */
  fetched: boolean;
}

export interface DuplicateFlag {
  id: number;
  reason: string;
  status: string;
  createdAt: string;
  /** The paper that arrived later... */
  paper: { arxivId: string; title: string };
  /** ...and the one it resembles. */
  other: { arxivId: string; title: string };
}

export class CurationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly ingest: IngestService,
  ) {}

  /**
   * Puts a paper on a day's feed as a curator's pick. A paper not in the catalogue is fetched
   * through the arXiv API first; an id arXiv does not know is refused (NotFoundError).
   */
  async feature(id: string, request: FeatureRequest = {}): Promise<FeatureResult> {
    const parsed = parseArxivId(id);
    if (!parsed)
      throw new InvalidInputError('id', `"${id}" is not an arXiv id like 2406.12345 or hep-th/9901001`);
    const day = request.day ?? dayOf(this.clock.now());
    if (!isDay(day)) throw new InvalidInputError('day', `"${day}" is not a day like 2026-08-21`);
    const submitter = request.submitter?.trim() || null;

    let fetched = false;
    const known = await inTransaction(this.db, (stores) => stores.papers.findByArxivId(parsed.id));
    if (!known) {
      const summary = await this.ingest.fetchArxivIds([parsed.id]);
      if (summary.missing.length > 0) {
        throw new NotFoundError(`arXiv has no paper ${parsed.id}; nothing was added to the feed`);
      }
      fetched = true;
    }
    const now = this.clock.now().toISOString();
    const result = await inTransaction(this.db, async (stores) => {
      const paper = await stores.papers.findByArxivId(parsed.id);
      if (!paper) throw new NotFoundError(`paper ${parsed.id} is not in the catalogue`);
      const change = await stores.dailyEntries.upsert(
        {
          paperId: paper.id,
          day,
          featuredAt: now,
          source: 'curator',
          submitterName: submitter,
          submitterFullname: null,
          submitterAvatarUrl: null,
        },
        now,
      );
      return { arxivId: paper.arxiv_id, title: paper.title, day, added: change === 'inserted', fetched };
    });
    this.log.info(
      { arxiv_id: result.arxivId, day, submitter, added: result.added, fetched },
      'paper featured by a curator',
    );
    return result;
  }

  /** Flags in a status (open by default), oldest first. */
  async listDuplicates(
    status: 'open' | 'dismissed' | 'merged' = 'open',
    limit = 100,
  ): Promise<DuplicateFlag[]> {
    const rows = await inTransaction(this.db, (stores) => stores.duplicateFlags.listByStatus(status, limit));
    return rows.map(toDuplicateFlag);
  }

  /** Marks a flag as looked at and not a duplicate. */
  async dismissDuplicate(flagId: number): Promise<void> {
    await inTransaction(this.db, async (stores) => {
      const flag = await stores.duplicateFlags.findById(flagId);
      if (!flag) throw new NotFoundError(`no duplicate flag ${flagId}`);
      const changed = await stores.duplicateFlags.resolve(
        flagId,
        'dismissed',
        this.clock.now().toISOString(),
      );
      if (!changed) throw new ConflictError(`duplicate flag ${flagId} is already ${flag.status}`);
    });
    this.log.info({ flag_id: flagId }, 'duplicate flag dismissed');
  }
}

function toDuplicateFlag(row: DuplicateFlagWithPapers): DuplicateFlag {
  return {
    id: row.id,
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at,
    paper: { arxivId: row.arxiv_id, title: row.title },
    other: { arxivId: row.other_arxiv_id, title: row.other_title },
  };
}
