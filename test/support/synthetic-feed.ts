// A made-up stretch of the feed, for views that need more papers than the recorded days hold (a
// month long enough to paginate). Ids are 2303.9xxxx, so they never meet a real paper of the fixtures.
import { emptyPaper } from '../../src/domain/paper-record.js';
import type { UpsertRecord } from '../../src/ingest/upsert.js';

/**
 * `count` papers featured on the days of `days` in turn, with distinct upvote counts (the first paper
 * has the most), so every sort order is fully determined.
 */
export function syntheticFeedRecords(days: string[], count: number): UpsertRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const arxivId = `2303.9${String(i).padStart(4, '0')}`;
    const day = days[i % days.length] ?? '';
    return {
      paper: {
        ...emptyPaper(arxivId, 'hf'),
        title: `Synthetic paper ${i + 1} of ${count}`,
        abstract: `A stand-in abstract for synthetic paper number ${i + 1}.`,
        authors: ['Ada Example'],
        categories: ['cs.LG'],
        publishedAt: `${day}T00:00:00.000Z`,
        hfUpvotes: count - i,
        hfComments: 0,
      },
      daily: {
        arxivId,
        day,
        featuredAt: `${day}T08:00:00.000Z`,
        source: 'hf' as const,
        submitterName: null,
        submitterFullname: null,
        submitterAvatarUrl: null,
      },
    };
  });
}
