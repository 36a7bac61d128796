// Pictures on our pages come from us: a paper's thumbnail and a submitter's avatar are served at
// /media/ from the media cache when the cache-images job fetched them, and drawn by us otherwise (a
// cover from the paper's title, first author, category and date; the submitter's initials). A
// reader's browser never asks a third party, and an install without a network shows covers, not
// broken images.
//
// Fetching is the server's, politely, through the Hugging Face client (its spacing, retries and
// shared pacing): only https URLs on PAPERBOY_IMAGE_HOSTS (an imported file cannot make us fetch an
// internal address), only raster images (checked by their first bytes: PNG, JPEG, GIF, WebP; never
// SVG, which could carry script on our origin), at most PAPERBOY_IMAGE_MAX_BYTES each.
import { createHash } from 'node:crypto';
import type { MediaConfig } from '../config.js';
import { avatarSvg, coverSvg } from '../domain/cover-svg.js';
import { parseArxivId } from '../domain/arxiv-id.js';
import type { PoliteHttpClient } from '../ingest/fetch/http-client.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stores } from '../stores/index.js';
import { InvalidInputError, NotFoundError } from './errors.js';

export interface Picture {
  contentType: string;
  body: Uint8Array | string;
  /** A strong validator of the body. */
  etag: string;
  /** cached: upstream's picture, held by us; drawn: made by us. */
  origin: 'cached' | 'drawn';
}

/** Fetch attempts per picture before it is left to its drawn stand-in, and the wait between them. */
const MAX_ATTEMPTS = 3;
const RETRY_AFTER_MS = 6 * 3_600_000;
const SVG = 'image/svg+xml; charset=utf-8';

/** The image type its first bytes say, for the raster formats we serve; null for anything else. */
export function sniffImage(bytes: Uint8Array): string | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (
    b.length >= 12 &&
    String.fromCharCode(b[0] ?? 0, b[1] ?? 0, b[2] ?? 0, b[3] ?? 0) === 'RIFF' &&
    String.fromCharCode(b[8] ?? 0, b[9] ?? 0, b[10] ?? 0, b[11] ?? 0) === 'WEBP'
  )
    return 'image/webp';
  return null;
}

const etagOf = (body: Uint8Array | string) =>
  `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;

export class MediaService {
  constructor(
    private readonly stores: Stores,
    private readonly http: PoliteHttpClient,
    private readonly config: MediaConfig,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** A paper's picture: its cached thumbnail, or a cover drawn from what we know of it. */
  async thumbnail(rawId: string): Promise<Picture> {
    const id = parseArxivId(rawId);
    if (!id) throw new InvalidInputError('id', `"${rawId}" is not an arXiv id like 2406.12345`);
    const paper = await this.stores.papers.findByArxivId(id.id);
    if (!paper) throw new NotFoundError(`paper ${id.id} is not in this catalogue`);
    const cached = paper.thumbnail_url ? await this.cached(paper.thumbnail_url) : null;
    if (cached) return cached;
    const svg = coverSvg({
      arxivId: paper.arxiv_id,
      title: paper.title_override ?? paper.title,
      authors: JSON.parse(paper.authors) as string[],
      categories: paper.categories ? paper.categories.split(' ') : [],
      publishedAt: paper.published_at ?? paper.listed_on,
    });
    return { contentType: SVG, body: svg, etag: etagOf(svg), origin: 'drawn' };
  }

  /** A submitter's picture: the avatar last seen with the name, cached, or their initials. */
  async avatar(name: string): Promise<Picture> {
    if (name.length === 0 || name.length > 100) throw new InvalidInputError('name', 'not a submitter name');
    const url = await this.stores.media.findAvatarUrl(name);
    const cached = url ? await this.cached(url) : null;
    if (cached) return cached;
    const svg = avatarSvg(name);
    return { contentType: SVG, body: svg, etag: etagOf(svg), origin: 'drawn' };
  }

  private async cached(url: string): Promise<Picture | null> {
    const row = await this.stores.media.find(url);
    if (row?.status !== 'ok' || !row.bytes || !row.content_type) return null;
    return { contentType: row.content_type, body: row.bytes, etag: etagOf(row.bytes), origin: 'cached' };
  }

  /**
   * Fetches up to `limit` pictures the feed shows and the cache lacks (the newest days first), one
   * at a time; stops between pictures when `signal` is aborted. Idempotent: each picture's outcome
   * is one upsert.
   */
  async cacheDue(
    limit = 100,
    signal?: AbortSignal,
  ): Promise<{ fetched: number; failed: number; left: number }> {
    if (!this.config.fetch) return { fetched: 0, failed: 0, left: 0 };
    const retryBefore = new Date(this.clock.now().getTime() - RETRY_AFTER_MS).toISOString();
    const wanted = await this.stores.media.listWanted(limit + 1, MAX_ATTEMPTS, retryBefore);
    let fetched = 0;
    let failed = 0;
    for (const item of wanted.slice(0, limit)) {
      if (signal?.aborted) break;
      const now = () => this.clock.now().toISOString();
      try {
        const { contentType, bytes } = await this.fetchPicture(item.url);
        await this.stores.media.saveOk(item.url, contentType, bytes, now());
        fetched++;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await this.stores.media.saveFailure(item.url, reason, now());
        this.log.debug({ url: item.url, kind: item.kind, reason }, 'picture not cached');
        failed++;
      }
    }
    return { fetched, failed, left: Math.max(0, wanted.length - limit) };
  }

  private async fetchPicture(url: string): Promise<{ contentType: string; bytes: Uint8Array }> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('not a URL');
    }
    // A host on the list over https; plain http only where the list names the origin itself.
    const allowed =
      (parsed.protocol === 'https:' && this.config.hosts.includes(parsed.host)) ||
      this.config.hosts.includes(parsed.origin);
    if (!allowed) throw new Error(`${parsed.origin} is not in PAPERBOY_IMAGE_HOSTS`);
    const res = await this.http.getBytes(url, 'image/png,image/jpeg,image/webp,image/gif');
    if (res.body.length > this.config.maxBytes)
      throw new Error(`${res.body.length} bytes, more than the ${this.config.maxBytes} allowed`);
    const type = sniffImage(res.body);
    if (!type) throw new Error(`not a PNG, JPEG, GIF or WebP image (${res.contentType ?? 'no type'})`);
    return { contentType: type, bytes: res.body };
  }
}
