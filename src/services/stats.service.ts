// How big the catalogue is, and whether the database answers at all.
import type { Stores } from '../stores/index.js';

export interface CatalogueStats {
  papers: number;
  feedDays: number;
  latestDay: string | null;
}

export class StatsService {
  constructor(private readonly stores: Stores) {}

  async catalogue(): Promise<CatalogueStats> {
    const [papers, feedDays, latestDay] = await Promise.all([
      this.stores.papers.count(),
      this.stores.dailyEntries.countDays(),
      this.stores.dailyEntries.findLatestDay(),
    ]);
    return { papers, feedDays, latestDay };
  }

  /** Throws when the database does not answer. */
  async ping(): Promise<void> {
    await this.stores.papers.ping();
  }
}
