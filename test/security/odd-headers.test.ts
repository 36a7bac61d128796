// Odd and hostile request headers on pages, feeds, the API and forms, on both databases: bad and
// duplicate cookies, strange Authorization, huge or refusing Accept-Encoding, If-None-Match, Range,
// X-Forwarded-For (trusted and not), Origin and Sec-Fetch-Site. None is a 5xx; none writes
// anything; an encoding the client refuses is never sent.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { createHttpApp } from '../../src/http/server.js';
import { createTestApp } from '../support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';
import { changedTables, fingerprint } from '../support/db-fingerprint.js';

const PAPER = '2608.00001';

const ODD: Record<string, string[]> = {
  cookie: [
    'pb_session=%E0%A4%A',
    'pb_session=a; pb_session=b',
    'pb_session=',
    'pb_session="quoted"',
    ';;; =x; pb_session',
    `pb_session=${'a'.repeat(4000)}`,
    'pb_csrf=%00; pb_session=%00',
    'pb_session=\u00e9\u00ff',
  ],
  authorization: [
    'Bearer',
    'Bearer    ',
    'Bearer a b c',
    'Basic Zm9vOmJhcg==',
    `Bearer pb_${'x'.repeat(5000)}`,
    'Bearer pb_\u00e9',
    'Negotiate',
  ],
  'accept-encoding': [
    'br;q=0, gzip;q=0',
    '*',
    '*;q=0',
    'identity;q=0',
    'gzip;q=abc, br;q=-1',
    `${'gzip, '.repeat(2000)}br`,
    '\u00ff\u00fe',
  ],
  'if-none-match': ['*', 'W/"x"', '"a", "b", W/"c"', '"""', `"${'e'.repeat(5000)}"`, ','],
  range: ['bytes=0-0', 'bytes=999999999999-', 'bytes=-1', 'chars=1-2', 'bytes=5-1, 0-', 'nonsense'],
  'x-forwarded-for': [
    'unknown',
    '1.1.1.1, ::1',
    '999.999.999.999',
    ', , ,',
    'x'.repeat(5000),
    '\u00ff',
    '[::1]:80',
  ],
  'if-modified-since': ['yesterday', 'Thu, 99 Foo 9999 99:99:99 GMT'],
  accept: ['application/json', '*/*;q=abc', 'text/html;level=1;level=2'],
  'user-agent': ['x'.repeat(8000)],
};

const READS = [
  '/',
  `/papers/${PAPER}`,
  '/papers?date=2026-08-21',
  '/trending',
  '/search?q=paper',
  '/feeds/daily.rss',
  '/feeds/daily.json',
  `/api/papers/${PAPER}`,
  '/api/me',
  '/api/daily_papers',
  '/settings',
  '/signin',
];

describeEachDatabase('odd request headers', (get) => {
  for (const trustProxy of [false, true]) {
    let ctx: AppContext;
    let app: Hono;
    let member: TestUser;
    before(async () => {
      const base = createTestApp(get().db);
      ctx = createTestApp(get().db, { community: { ...base.config.community, trustProxy } });
      app = createHttpApp(ctx);
      await seedPapers(ctx, [{ arxivId: PAPER, day: '2026-08-21' }]);
      member = await signedInUser(ctx, `member-${trustProxy}@example.org`);
    });

    test(`no odd header makes a page, feed or API call fail or write (trust proxy ${trustProxy})`, async () => {
      const before = await fingerprint(ctx.db);
      for (const [name, values] of Object.entries(ODD))
        for (const value of values)
          for (const path of READS)
            for (const who of ['anonymous', 'member'] as const) {
              const headers: Record<string, string> =
                who === 'member' && name !== 'cookie' ? { cookie: member.cookie } : {};
              headers[name] = value;
              const res = await app.request(path, { headers });
              assert.ok(
                res.status < 500,
                `${name}: ${value.slice(0, 40)} on ${path} (${who}): ${res.status}`,
              );
              await res.arrayBuffer();
            }
      assert.deepEqual(changedTables(before, await fingerprint(ctx.db)), []);
    });

    test(`odd headers on a form post are refused or ignored, never a 5xx (trust proxy ${trustProxy})`, async () => {
      for (const [name, values] of Object.entries({
        ...ODD,
        origin: ['null', 'https://evil.example', ''],
        'sec-fetch-site': ['cross-site', 'garbage'],
        'x-csrf-token': ['', 'x'.repeat(5000), '\u00ff'],
      }))
        for (const value of values) {
          const res = await member.request(app, `/papers/${PAPER}/flag`, {
            form: { reason: 'checking odd headers' },
            headers: { [name]: value },
          });
          assert.ok(res.status < 500, `${name}: ${value.slice(0, 40)}: ${res.status}`);
        }
    });
  }

  test('an encoding the client refuses is never sent; the cache serves the one it prefers', async () => {
    const ctx = createTestApp(get().db, { pageCacheSeconds: 60 });
    const app = createHttpApp(ctx);
    const cases: [string, string | null][] = [
      ['br;q=0, gzip;q=0', null],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=0.5, br;q=0.9', 'br'],
      ['br;q=0.1, gzip;q=0.9', 'gzip'],
      ['*', 'br'],
      ['*;q=0, gzip', 'gzip'],
      ['identity', null],
      ['gzip;q=abc, br;q=-1', null],
      ['', null],
    ];
    for (const [accept, expected] of cases) {
      const res = await app.request('/about', { headers: { 'accept-encoding': accept } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-encoding'), expected, `Accept-Encoding: ${accept}`);
      const body = new Uint8Array(await res.arrayBuffer());
      if (expected === 'gzip') assert.match(gunzipSync(body).toString(), /<!DOCTYPE html>/);
    }
  });
});
