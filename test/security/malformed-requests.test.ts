// Malformed requests of every kind, on every route the app registers (walked from Hono's route
// table, so a new route is covered without an edit here), on both databases: each is a 4xx saying
// what is wrong, never a 5xx, and the database is unchanged afterwards. Bodies: broken multipart
// (no boundary, not multipart at all, an empty part, a part without a name, cut short, a file),
// broken urlencoded and JSON, NUL characters, bytes that are not UTF-8, other charsets, compressed
// bodies, and the wrong kind of body for the route. Ids: numbers PostgreSQL's integer cannot hold,
// zero, negatives, junk and path traversal, in paths, forms and JSON.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { createHttpApp } from '../../src/http/server.js';
import { createTestApp } from '../support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';
import { changedTables, fingerprint } from '../support/db-fingerprint.js';

const PAPER = '2608.00001';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Malformed {
  name: string;
  contentType: string;
  body: string | Uint8Array;
  status: 400 | 415;
  /** What the answer must say. */
  says: RegExp;
  headers?: Record<string, string>;
}

const part = (name: string | null, value: string, extra = '') =>
  `--b\r\nContent-Disposition: form-data${name === null ? '' : `; name="${name}"`}${extra}\r\n\r\n${value}\r\n`;

const MALFORMED: Malformed[] = [
  {
    name: 'multipart without a boundary',
    contentType: 'multipart/form-data',
    body: part('a', '1') + '--b--',
    status: 400,
    says: /needs a boundary/,
  },
  {
    name: 'not multipart at all',
    contentType: 'multipart/form-data; boundary=b',
    body: 'vote=1&next=/',
    status: 400,
    says: /no multipart boundary line/,
  },
  {
    name: 'an empty part',
    contentType: 'multipart/form-data; boundary=b',
    body: '--b\r\n\r\n\r\n--b--\r\n',
    status: 400,
    says: /Content-Disposition of form-data/,
  },
  {
    name: 'a part without a name',
    contentType: 'multipart/form-data; boundary=b',
    body: `${part(null, 'x')}--b--\r\n`,
    status: 400,
    says: /part 1 has no name/,
  },
  {
    name: 'multipart cut short',
    contentType: 'multipart/form-data; boundary=b',
    body: '--b\r\nContent-Disposition: form-data; name="body"\r\n\r\nhal',
    status: 400,
    says: /ends before its closing boundary/,
  },
  {
    name: 'an empty multipart body',
    contentType: 'multipart/form-data; boundary=b',
    body: '',
    status: 400,
    says: /no multipart boundary line/,
  },
  {
    name: 'a file upload',
    contentType: 'multipart/form-data; boundary=b',
    body: `${part('body', '#!/bin/sh', '; filename="x.sh"')}--b--\r\n`,
    status: 400,
    says: /no form here takes files/,
  },
  {
    name: 'a broken percent-escape',
    contentType: 'application/x-www-form-urlencoded',
    body: 'body=%E0%A4%A&reason=%',
    status: 400,
    says: /not valid percent-encoded UTF-8/,
  },
  {
    name: 'a field given twice',
    contentType: 'application/x-www-form-urlencoded',
    body: 'day=2026-08-21&day=2026-08-22',
    status: 400,
    says: /given more than once/,
  },
  {
    name: 'a NUL in a field',
    contentType: 'application/x-www-form-urlencoded',
    body: 'body=a%00b&reason=a%00b&email=a%00@example.org',
    status: 400,
    says: /NUL character/,
  },
  {
    name: 'bytes that are not UTF-8',
    contentType: 'application/x-www-form-urlencoded',
    body: new Uint8Array([0x62, 0x3d, 0xff, 0xfe]),
    status: 400,
    says: /not valid UTF-8/,
  },
  {
    name: 'another charset',
    contentType: 'application/x-www-form-urlencoded; charset=iso-8859-1',
    body: 'body=caf%E9',
    status: 415,
    says: /only UTF-8/,
  },
  {
    name: 'a compressed body',
    contentType: 'application/x-www-form-urlencoded',
    body: gzipSync('body=x'),
    status: 415,
    says: /must not be compressed/,
    headers: { 'content-encoding': 'gzip' },
  },
  {
    name: 'broken JSON',
    contentType: 'application/json',
    body: '{"body": "x",',
    status: 400,
    says: /not valid JSON/,
  },
  {
    name: 'JSON holding a NUL',
    contentType: 'application/json',
    body: '{"body": "a\\u0000b"}',
    status: 400,
    says: /body: holds a NUL/,
  },
  {
    name: 'a Content-Type that is no media type',
    contentType: 'form data please',
    body: 'x',
    status: 400,
    says: /is not a media type/,
  },
];

/** A concrete path for a route pattern: papers by arXiv id, records by a number that exists. */
const concrete = (pattern: string, id: number) =>
  pattern
    .replace(':id{.+}', PAPER)
    .replace(/:id\{\[0-9\]\+\}/, String(id))
    .replace(':file', 'x.rss');

describeEachDatabase('malformed requests', (get) => {
  let ctx: AppContext;
  let app: Hono;
  let admin: TestUser;
  let commentId: number;
  let mutating: { method: string; path: string }[];

  before(async () => {
    ctx = createTestApp(get().db);
    app = createHttpApp(ctx);
    await seedPapers(ctx, [{ arxivId: PAPER, day: '2026-08-21' }]);
    admin = await signedInUser(ctx, 'admin@example.org', 'admin');
    commentId = (await ctx.services.comments.post(admin.actor, PAPER, 'a comment')).id;
    mutating = app.routes
      .filter((r) => MUTATING.has(r.method))
      .map((r) => ({ method: r.method, path: concrete(r.path, commentId) }));
  });

  /** As the admin, with a valid CSRF token in the header: only the body can be at fault. */
  const send = (
    method: string,
    path: string,
    init: { contentType?: string; body?: string | Uint8Array; headers?: Record<string, string> },
  ) =>
    app.request(path, {
      method,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        ...(init.contentType ? { 'content-type': init.contentType } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });

  test('every malformed body on every mutating route is a 400 or 415 saying what, and writes nothing', async () => {
    const before = await fingerprint(ctx.db);
    assert.ok(mutating.length > 30, `${mutating.length} mutating routes`);
    for (const route of mutating) {
      for (const m of MALFORMED) {
        const res = await send(route.method, route.path, {
          contentType: m.contentType,
          body: m.body,
          ...(m.headers ? { headers: m.headers } : {}),
        });
        const text = await res.text();
        assert.equal(
          res.status,
          m.status,
          `${route.method} ${route.path}, ${m.name}: ${res.status} ${text.slice(0, 200)}`,
        );
        assert.match(text, m.says, `${route.method} ${route.path}, ${m.name}`);
      }
      // Anonymous, without any CSRF token: the body is still judged first.
      const anonymous = await app.request(route.path, {
        method: route.method,
        headers: { 'content-type': 'multipart/form-data' },
        body: 'x',
      });
      assert.equal(anonymous.status, 400, `${route.method} ${route.path} anonymously`);
    }
    assert.deepEqual(changedTables(before, await fingerprint(ctx.db)), []);
  });

  test('a body whose stream breaks off (the client went away) is a 400, not a 500', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error('aborted'));
        sent = true;
        controller.enqueue(new TextEncoder().encode('body=hal'));
      },
    });
    const res = await app.request(
      new Request(`http://localhost/papers/${PAPER}/comments`, {
        method: 'POST',
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    assert.equal(res.status, 400);
    assert.match(await res.text(), /the body ended before it was complete/);
  });

  test('the wrong kind of body for a route is a 415 naming what it takes', async () => {
    const asJson = await send('POST', `/papers/${PAPER}/comments`, {
      contentType: 'application/json',
      body: '{"body":"x"}',
    });
    assert.equal(asJson.status, 415);
    assert.match(
      await asJson.text(),
      /takes a form \(application\/x-www-form-urlencoded or multipart\/form-data\), not JSON/,
    );
    const asForm = await send('POST', `/api/papers/${PAPER}/comments`, {
      contentType: 'application/x-www-form-urlencoded',
      body: 'body=x',
    });
    assert.equal(asForm.status, 415);
    assert.match(
      ((await asForm.json()) as { error: string }).error,
      /takes JSON \(Content-Type: application\/json\), not a form/,
    );
    const asText = await send('POST', '/settings/profile', {
      contentType: 'text/plain',
      body: 'display_name=x',
    });
    assert.equal(asText.status, 415);
    // A string body gets text/plain from fetch; bytes get no Content-Type at all.
    const plain = await send('POST', '/api/daily_papers', { body: '{"id":"2608.00001"}' });
    assert.match(await plain.text(), /not text\/plain/);
    const untyped = await send('POST', '/api/daily_papers', {
      body: new TextEncoder().encode('{"id":"2608.00001"}'),
    });
    assert.equal(untyped.status, 415);
    assert.match(await untyped.text(), /not \(no Content-Type\)/);
  });

  test('a real multipart form, as a browser encodes it, is read like a urlencoded one', async () => {
    const form = new FormData();
    form.append('_csrf', admin.csrf);
    form.append('body', 'Posted as multipart, with ünïcødé');
    const res = await app.request(`/papers/${PAPER}/comments`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: form,
    });
    assert.equal(res.status, 303, await res.text());
    const thread = await ctx.services.comments.listThread(PAPER);
    assert.ok(thread.some((n) => n.html.includes('Posted as multipart, with ünïcødé')));
  });

  test('record ids PostgreSQL cannot hold, zero and leading zeros are a 400 naming the id on every route that takes one', async () => {
    const before = await fingerprint(ctx.db);
    const withIds = app.routes.filter((r) => r.path.includes(':id{[0-9]+}'));
    assert.ok(withIds.length >= 10, `${withIds.length} routes with a record id`);
    for (const route of withIds) {
      for (const id of [
        '2147483648',
        '9007199254740992',
        '9007199254740993',
        '1' + '0'.repeat(30),
        '0',
        '007',
      ]) {
        const path = route.path.replace(':id{[0-9]+}', id);
        const res = await send(
          route.method,
          `${path}${path.includes('/subscription/emails/') ? '?token=x' : ''}`,
          {
            contentType: 'application/x-www-form-urlencoded',
            body: route.method === 'GET' ? undefined : '',
          },
        );
        const text = await res.text();
        assert.equal(res.status, 400, `${route.method} ${path}: ${res.status} ${text.slice(0, 200)}`);
        assert.match(text, /id: .* must be a whole number from 1 to 2147483647/, `${route.method} ${path}`);
      }
      // Negative, fractional, hexadecimal, junk and traversal never match the route at all.
      for (const id of ['-1', '1.5', '0x10', 'abc', '..%2F..%2Fetc%2Fpasswd', '%2e%2e']) {
        const res = await send(route.method, route.path.replace(':id{[0-9]+}', id), {
          contentType: 'application/x-www-form-urlencoded',
          body: route.method === 'GET' ? undefined : '',
        });
        assert.equal(res.status, 404, `${route.method} ${route.path} with ${id}`);
      }
    }
    assert.deepEqual(changedTables(before, await fingerprint(ctx.db)), []);
  });

  test('a reply to a comment PostgreSQL cannot hold, by form or by JSON, is a 400', async () => {
    for (const parent of ['2147483648', '9007199254740993', '-3', '1e3', '0x10', ' 7']) {
      const res = await send('POST', `/papers/${PAPER}/comments`, {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({ body: 'x', parent_id: parent }).toString(),
      });
      assert.equal(res.status, 400, `parent_id ${parent}`);
      assert.match(await res.text(), /parent_id: must be a whole number from 1 to 2147483647/);
    }
    // As JSON text: 9007199254740993 is not even a JavaScript number.
    for (const parentId of ['2147483648', '9007199254740993', '1e30', '-3', '1.5', '"12"', 'null']) {
      const res = await send('POST', `/api/papers/${PAPER}/comments`, {
        contentType: 'application/json',
        body: `{"body": "x", "parentId": ${parentId}}`,
      });
      assert.equal(res.status, 400, `parentId ${parentId}`);
      assert.deepEqual(await res.json(), {
        error: 'parentId: must be a whole number from 1 to 2147483647',
        parameter: 'parentId',
      });
    }
  });

  test('paper ids that are junk or traversal are a 400 or 404, never a 500', async () => {
    for (const raw of [
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e',
      '9'.repeat(400),
      '2406.12345v99999999999999999999',
      '%E0%A4%A',
      '\u00e9t\u00e9',
    ]) {
      for (const path of [
        `/papers/${raw}`,
        `/api/papers/${raw}`,
        `/api/papers/${raw}/related`,
        `/api/papers/${raw}/comments`,
      ]) {
        const res = await app.request(path);
        // A version number, however long, is dropped by a redirect to the paper's one address.
        assert.ok([301, 400, 404].includes(res.status), `${path}: ${res.status}`);
      }
      const res = await send('POST', `/papers/${raw}/upvote`, {
        contentType: 'application/x-www-form-urlencoded',
        body: '',
      });
      assert.ok([400, 404].includes(res.status), `upvote ${raw}: ${res.status}`);
    }
  });
});
