// The arXiv versions of each paper, with their dates.
import type { Kysely } from 'kysely';
import type { Database, PaperVersionRow } from '../db/schema.js';

export interface SeenVersion {
  paperId: number;
  version: number;
  submittedAt: string | null;
  source: string;
}

/** The source whose dates are exact timestamps; OAI-PMH's arXiv format only has days. */
const EXACT_SOURCE = 'arxiv-api';

export class PaperVersionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records versions seen. A version already known keeps its date, unless the new one comes from the
   * arXiv API and the old one did not (a timestamp is better than a day); so seeing a version again
   * changes nothing.
   */
  async record(versions: readonly SeenVersion[]): Promise<void> {
    for (let i = 0; i < versions.length; i += 200) {
      await this.db
        .insertInto('paper_versions')
        .values(
          versions.slice(i, i + 200).map((v) => ({
            paper_id: v.paperId,
            version: v.version,
            submitted_at: v.submittedAt,
            source: v.source,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['paper_id', 'version'])
            .doUpdateSet((eb) => ({
              submitted_at: eb.ref('excluded.submitted_at'),
              source: eb.ref('excluded.source'),
            }))
            .where('paper_versions.source', '<>', EXACT_SOURCE)
            .where('excluded.source', '=', EXACT_SOURCE),
        )
        .execute();
    }
  }

  /** Oldest version first. */
  async listForPaper(paperId: number): Promise<PaperVersionRow[]> {
    return this.db
      .selectFrom('paper_versions')
      .selectAll()
      .where('paper_id', '=', paperId)
      .orderBy('version')
      .execute();
  }
}
