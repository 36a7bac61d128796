// The last ingestion stage: fold a batch of parsed records into the database. Every source (files,
// the arXiv API, OAI-PMH, Hugging Face) ends here, so every source gets the same merge rules.
import { mergePaper, newPaperState, type PaperState, samePaperState } from '../domain/paper-merge.js';
import type { IncomingDailyEntry, IncomingPaper } from '../domain/paper-record.js';
import { isExactVersionSource, versionsVouchedFor } from '../domain/paper-versions.js';
import { titleKey } from '../domain/title-key.js';
import type { Stores } from '../stores/index.js';
import type { SeenVersion } from '../stores/paper-versions.store.js';

export interface UpsertCounts {
  /** Records that created a paper. */
  new: number;
  /** Records that changed a known paper. */
  updated: number;
  /** Records that told nothing new. */
  skipped: number;
  /** Daily-feed entries added. */
  featured: number;
  /** New papers flagged as possible duplicates of a known paper (near-identical title, other id). */
  flagged: number;
}

export function emptyCounts(): UpsertCounts {
  return { new: 0, updated: 0, skipped: 0, featured: 0, flagged: 0 };
}

export interface UpsertRecord {
  paper: IncomingPaper;
  daily: IncomingDailyEntry | null;
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Upserts records in order (a later record for the same paper merges over an earlier one). */
export async function upsertRecords(
  stores: Stores,
  records: readonly UpsertRecord[],
  now: string,
): Promise<UpsertCounts> {
  const counts = emptyCounts();
  if (records.length === 0) return counts;
  const known = await stores.papers.listStatesByArxivIds(records.map((r) => r.paper.arxivId));

  interface Pending {
    id: number | null;
    before: PaperState | null;
    state: PaperState;
  }
  // What each record did: created its paper, changed it, or told nothing new (so far).
  const outcome: ('new' | 'updated' | 'skipped')[] = [];
  const pending = new Map<string, Pending>();
  for (const { paper } of records) {
    let p = pending.get(paper.arxivId);
    if (!p) {
      const stored = known.get(paper.arxivId);
      p = stored
        ? { id: stored.id, before: stored.state, state: stored.state }
        : { id: null, before: null, state: newPaperState(paper) };
      pending.set(paper.arxivId, p);
      if (!stored) {
        outcome.push('new');
        continue;
      }
    }
    const merged = mergePaper(p.state, paper);
    outcome.push(samePaperState(merged, p.state) ? 'skipped' : 'updated');
    p.state = merged;
  }

  const inserts = [...pending]
    .filter(([, p]) => p.id === null)
    .map(([arxivId, p]) => ({ arxivId, state: p.state }));
  const newIds = await stores.papers.insertMany(inserts, now);
  const relink: { id: number; state: PaperState }[] = [];
  for (const [arxivId, p] of pending) {
    if (p.id === null) {
      p.id = newIds.get(arxivId) ?? null;
      if (p.id !== null) relink.push({ id: p.id, state: p.state });
      continue;
    }
    if (p.before && samePaperState(p.before, p.state)) continue;
    await stores.papers.update(p.id, p.state, now);
    if (
      p.before &&
      (!sameList(p.before.authors, p.state.authors) || !sameList(p.before.categories, p.state.categories))
    ) {
      relink.push({ id: p.id, state: p.state });
    }
  }
  await stores.papers.replaceAuthorsAndCategories(relink);
  counts.flagged = await flagSameTitles(stores, newIds, pending, now);
  await recordVersions(stores, records, pending);

  for (let i = 0; i < records.length; i++) {
    const daily = records[i]?.daily;
    const paperId = daily ? pending.get(daily.arxivId)?.id : null;
    if (!daily || paperId == null) continue;
    const change = await stores.dailyEntries.upsert(
      {
        paperId,
        day: daily.day,
        featuredAt: daily.featuredAt,
        source: daily.source,
        submitterName: daily.submitterName,
        submitterFullname: daily.submitterFullname,
        submitterAvatarUrl: daily.submitterAvatarUrl,
        hfPublishedAt: daily.hfPublishedAt,
      },
      now,
    );
    if (change === 'inserted') counts.featured++;
    // A record whose only news was its place on a day's feed changed something after all.
    if (change !== 'unchanged' && outcome[i] === 'skipped') outcome[i] = 'updated';
  }
  for (const o of outcome) counts[o]++;
  return counts;
}

/**
 * Flags each new paper against the papers already known (or inserted earlier in this batch) whose
 * title has the same key: the same paper posted twice, or a replacement under a new id. Only a
 * curator can tell, so nothing is merged. Each pair is flagged once, on the paper that came later.
 */
async function flagSameTitles(
  stores: Stores,
  newIds: Map<string, number>,
  pending: Map<string, { state: PaperState }>,
  now: string,
): Promise<number> {
  const keyOf = new Map<number, string>();
  for (const [arxivId, id] of newIds) {
    const key = titleKey(pending.get(arxivId)?.state.title ?? '');
    if (key !== null) keyOf.set(id, key);
  }
  if (keyOf.size === 0) return 0;
  const sameKey = await stores.papers.listByTitleKeys([...keyOf.values()]);
  const flags = [];
  for (const [id, key] of keyOf) {
    for (const other of sameKey) {
      if (other.titleKey === key && other.id < id) {
        flags.push({ paperId: id, otherPaperId: other.id, reason: 'same-title' });
      }
    }
  }
  return stores.duplicateFlags.insertMany(flags, now);
}

/** Every version the batch's arXiv records vouch for; an exact time beats an OAI-PMH day. */
async function recordVersions(
  stores: Stores,
  records: readonly UpsertRecord[],
  pending: Map<string, { id: number | null }>,
): Promise<void> {
  // One row per (paper, version) per statement: PostgreSQL refuses to upsert the same row twice.
  const seen = new Map<string, SeenVersion>();
  for (const { paper } of records) {
    const paperId = pending.get(paper.arxivId)?.id;
    if (paperId == null) continue;
    for (const v of versionsVouchedFor(paper)) {
      const key = `${paperId}:${v.version}`;
      const before = seen.get(key);
      // A later date for the same version wins only when it is exact and the earlier one is not.
      if (before && (isExactVersionSource(before.source) || !isExactVersionSource(v.source))) continue;
      seen.set(key, { paperId, version: v.version, submittedAt: v.submittedAt, source: v.source });
    }
  }
  if (seen.size > 0) await stores.paperVersions.record([...seen.values()]);
}
