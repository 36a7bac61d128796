// The arXiv versions of each paper, with their dates.
import type { Kysely } from 'kysely';
import type { Database, PaperVersionRow } from '../db/schema.js';
import { EXACT_VERSION_SOURCES } from '../domain/paper-versions.js';

export interface SeenVersion {
  paperId: number;
  version: number;
  submittedAt: string | null;
  source: string;
}

export class PaperVersionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records versions seen. A version already known keeps its date, unless the new date is an exact
   * time (arXiv API, arXivRaw) and the old one only a day (OAI-PMH's arXiv format); so seeing a
   * version again changes nothing.
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
            .where('paper_versions.source', 'not in', EXACT_VERSION_SOURCES)
            .where('excluded.source', 'in', EXACT_VERSION_SOURCES),
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
