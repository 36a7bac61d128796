// The media cache on both databases, against the loopback stand-in for Hugging Face's CDN: the job
// fetches what the feed shows, only from allowed hosts and only raster images; pages then get the
// cached picture, and a drawn cover or initials for everything else.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../config.js';
import { seedPapers } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { createIngestTestApp } from '../../test/support/ingest.js';
import { startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server.js';
import { upsertRecords } from '../ingest/upsert.js';
import { inTransaction } from '../stores/index.js';
import { emptyPaper } from '../domain/paper-record.js';
import { sniffImage } from './media.service.js';

let upstream: UpstreamServer;
before(async () => {
  upstream = await startUpstreamServer();
});
after(() => upstream.close());

describeEachDatabase('media cache', (get) => {
  test('the job caches allowed raster pictures; pages get them, or a drawn stand-in', async () => {
    upstream.reset();
    const ctx = createIngestTestApp(get().db, upstream, {
      media: { ...loadConfig({}).media, fetch: true, hosts: [upstream.url] },
    });
    const cdn = `${upstream.url}/cdn`;
    await seedPapers(ctx, [
      { arxivId: '2608.70001', day: '2026-08-21', fields: { thumbnailUrl: `${cdn}/thumbnail.png` } },
      { arxivId: '2608.70002', day: '2026-08-21', fields: { thumbnailUrl: `${cdn}/not-an-image.png` } },
      // Not on the allowed hosts: an imported file must not make us fetch an internal address.
      {
        arxivId: '2608.70003',
        day: '2026-08-21',
        fields: { thumbnailUrl: 'http://169.254.169.254/latest/meta-data' },
      },
      {
        arxivId: '2608.70004',
        day: '2026-08-21',
        fields: { title: 'No thumbnail at all', categories: ['math.AG'] },
      },
    ]);
    // A submitter whose avatar is an SVG (refused: it could carry script on our origin).
    await inTransaction(ctx.db, (stores) =>
      upsertRecords(
        stores,
        [
          {
            paper: { ...emptyPaper('2608.70005', 'hf'), title: 'Submitted', authors: ['Ada'] },
            daily: {
              arxivId: '2608.70005',
              day: '2026-08-21',
              featuredAt: '2026-08-21T08:00:00.000Z',
              source: 'hf',
              submitterName: 'ada',
              submitterFullname: 'Ada Lovelace',
              submitterAvatarUrl: `${cdn}/avatar.svg`,
            },
          },
        ],
        ctx.clock.now().toISOString(),
      ),
    );

    const first = await ctx.services.media.cacheDue();
    assert.deepEqual(first, { fetched: 1, failed: 3, left: 0 });
    assert.deepEqual(
      upstream.requests.map((r) => r.path).sort(),
      ['/cdn/avatar.svg', '/cdn/not-an-image.png', '/cdn/thumbnail.png'],
      'nothing was asked of a host off the list',
    );
    // Idempotent: nothing is due again (failures wait hours before another try).
    assert.deepEqual(await ctx.services.media.cacheDue(), { fetched: 0, failed: 0, left: 0 });

    const cached = await ctx.services.media.thumbnail('2608.70001');
    assert.equal(cached.origin, 'cached');
    assert.equal(cached.contentType, 'image/png');
    assert.equal(sniffImage(cached.body as Uint8Array), 'image/png');
    for (const id of ['2608.70002', '2608.70003', '2608.70004']) {
      const drawn = await ctx.services.media.thumbnail(id);
      assert.equal(drawn.origin, 'drawn', id);
      assert.match(drawn.contentType, /^image\/svg\+xml/);
    }
    assert.match(String((await ctx.services.media.thumbnail('2608.70004')).body), />math\.AG</);
    const avatar = await ctx.services.media.avatar('ada');
    assert.equal(avatar.origin, 'drawn');
    assert.doesNotMatch(String(avatar.body), /script/);
    assert.match(String(avatar.body), />A</);
  });

  test('with the cache off, nothing is fetched', async () => {
    upstream.reset();
    const ctx = createIngestTestApp(get().db, upstream, {
      media: { ...loadConfig({}).media, fetch: false, hosts: [upstream.url] },
    });
    assert.deepEqual(await ctx.services.media.cacheDue(), { fetched: 0, failed: 0, left: 0 });
    assert.equal(upstream.requests.length, 0);
  });
});

test('image types are told by their first bytes', () => {
  assert.equal(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'image/png');
  assert.equal(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(sniffImage(Buffer.from('GIF89a')), 'image/gif');
  assert.equal(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
});
