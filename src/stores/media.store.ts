// Pictures fetched from upstream for our pages (migration 011), keyed by the URL the papers and feed
// entries hold, so "what is still missing" is a join.
import type { Kysely, Selectable } from 'kysely';
import type { Database, MediaCacheTable } from '../db/schema.js';

export type MediaRow = Selectable<MediaCacheTable>;

export interface WantedMedia {
  url: string;
  kind: 'thumbnail' | 'avatar';
}

export class MediaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(url: string): Promise<MediaRow | null> {
    return (
      (await this.db
        .selectFrom('media_cache')
        .selectAll()
        .where('source_url', '=', url)
        .executeTakeFirst()) ?? null
    );
  }

  async saveOk(url: string, contentType: string, bytes: Uint8Array, now: string): Promise<void> {
    const row = {
      status: 'ok' as const,
      content_type: contentType,
      bytes,
      byte_length: bytes.length,
      last_error: null,
      fetched_at: now,
    };
    await this.db
      .insertInto('media_cache')
      .values({ source_url: url, attempts: 1, ...row })
      .onConflict((oc) =>
        oc
          .column('source_url')
          .doUpdateSet((eb) => ({ ...row, attempts: eb('media_cache.attempts', '+', 1) })),
      )
      .execute();
  }

  async saveFailure(url: string, error: string, now: string): Promise<void> {
    const row = { status: 'failed' as const, last_error: error.slice(0, 500), fetched_at: now };
    await this.db
      .insertInto('media_cache')
      .values({ source_url: url, attempts: 1, content_type: null, bytes: null, byte_length: 0, ...row })
      .onConflict((oc) =>
        oc
          .column('source_url')
          .doUpdateSet((eb) => ({ ...row, attempts: eb('media_cache.attempts', '+', 1) })),
      )
      .execute();
  }

  /**
   * Pictures of featured papers and their submitters not cached yet, or failed fewer than
   * `maxAttempts` times and not since `retryBefore`; the newest feed days first.
   */
  async listWanted(limit: number, maxAttempts: number, retryBefore: string): Promise<WantedMedia[]> {
    const missing = (col: 'papers.thumbnail_url' | 'daily_entries.submitter_avatar_url') =>
      this.db
        .selectFrom('daily_entries')
        .innerJoin('papers', 'papers.id', 'daily_entries.paper_id')
        .leftJoin('media_cache', 'media_cache.source_url', col)
        .select((eb) => [eb.ref(col).as('url'), eb.fn.max('daily_entries.day').as('day')])
        .where(col, 'is not', null)
        .where((eb) =>
          eb.or([
            eb('media_cache.source_url', 'is', null),
            eb.and([
              eb('media_cache.status', '=', 'failed'),
              eb('media_cache.attempts', '<', maxAttempts),
              eb('media_cache.fetched_at', '<', retryBefore),
            ]),
          ]),
        )
        .groupBy(col)
        .orderBy('day', 'desc')
        .limit(limit);
    const [thumbs, avatars] = await Promise.all([
      missing('papers.thumbnail_url').execute(),
      missing('daily_entries.submitter_avatar_url').execute(),
    ]);
    const out: WantedMedia[] = [];
    for (const r of thumbs) if (r.url) out.push({ url: r.url, kind: 'thumbnail' });
    for (const r of avatars) if (r.url) out.push({ url: r.url, kind: 'avatar' });
    return out.slice(0, limit);
  }

  /** The avatar a submitter name was last seen with (names are Hugging Face's or our handles). */
  async findAvatarUrl(submitterName: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('daily_entries')
      .select('submitter_avatar_url')
      .where('submitter_name', '=', submitterName)
      .where('submitter_avatar_url', 'is not', null)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.submitter_avatar_url ?? null;
  }

  async countByStatus(): Promise<{ ok: number; failed: number; bytes: number }> {
    const rows = await this.db
      .selectFrom('media_cache')
      .select((eb) => [
        'status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('byte_length').as('bytes'),
      ])
      .groupBy('status')
      .execute();
    const ok = rows.find((r) => r.status === 'ok');
    return {
      ok: Number(ok?.n ?? 0),
      failed: Number(rows.find((r) => r.status === 'failed')?.n ?? 0),
      bytes: Number(ok?.bytes ?? 0),
    };
  }
}
