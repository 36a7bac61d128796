// The server `paperboy serve` listens with, over real TCP on loopback: oversized and malformed
// requests get a status that says why, never a reset, whichever of the app and Node's parser
// refuses them.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, test } from 'node:test';
import { createTestApp } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { rawRequest, type RawOutcome } from '../../test/support/raw-http.js';
import { silentLogger } from '../lib/logger.js';
import { MAX_URL_BYTES, NODE_MAX_HEADER_BYTES } from './limits.js';
import { clientErrorAnswer, createNodeServer } from './node-server.js';
import { createHttpApp } from './server.js';

const get = (target: string, headers = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`;

function answer(outcome: RawOutcome): Extract<RawOutcome, { kind: 'answer' }> {
  assert.equal(outcome.kind, 'answer', JSON.stringify(outcome));
  return outcome as Extract<RawOutcome, { kind: 'answer' }>;
}

describeEachDatabase('the node server', (getDb) => {
  let server: Server;
  let port: number;
  before(async () => {
    const app = createHttpApp(createTestApp(getDb().db));
    server = createNodeServer(app.fetch, silentLogger);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  test('an address over the limit is a 414, from the app below the parser limit and from the server above it', async () => {
    for (const size of [MAX_URL_BYTES + 10, NODE_MAX_HEADER_BYTES * 2, 4_000_000]) {
      const res = answer(
        await rawRequest(get(`/feeds/daily.rss?q=${'a'.repeat(size)}`), { port, timeoutMs: 10_000 }),
      );
      assert.equal(res.status, 414, `a ${size}-byte query`);
      assert.match(res.body.toString(), /address is (too long|longer than)/);
    }
  });

  test('headers over the limit are a 431, not a reset, however large', async () => {
    for (const size of [20_000, NODE_MAX_HEADER_BYTES * 2, 4_000_000]) {
      const res = answer(
        await rawRequest(get('/', `X-Big: ${'b'.repeat(size)}\r\n`), { port, timeoutMs: 10_000 }),
      );
      assert.equal(res.status, 431, `a ${size}-byte header`);
      assert.match(res.body.toString(), /headers (are too large|are larger than)/);
    }
    const many = Array.from({ length: 4000 }, (_, i) => `X-H${i}: v\r\n`).join('');
    assert.equal(answer(await rawRequest(get('/', many), { port })).status, 431);
  });

  test('malformed HTTP gets a 400 saying what, and the server goes on answering', async () => {
    for (const request of [
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n',
      'G@T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello',
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
    ]) {
      const res = answer(await rawRequest(request, { port }));
      assert.equal(res.status, 400, request);
      assert.match(res.body.toString(), /^bad request: /);
    }
    // A Host that cannot be part of a URL: the request listener's 400, with the reason.
    const badHost = answer(
      await rawRequest('GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n', { port }),
    );
    assert.equal(badHost.status, 400);
    assert.match(badHost.body.toString(), /bad request/);
    // Garbage pipelined after a good request: the good one is answered whole, then the connection closes.
    const piped = answer(
      await rawRequest(
        [
          Buffer.from('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
          Buffer.from('NOT HTTP AT ALL\r\n\r\n'),
        ],
        {
          port,
        },
      ),
    );
    assert.equal(piped.status, 200);
    assert.equal(piped.body.toString(), '{"ok":true}');
    // A client that half-closes once its request is written still gets the answer.
    const halfClosed = answer(await rawRequest(get('/feeds/daily.atom'), { port, halfClose: true }));
    assert.equal(halfClosed.status, 200);
    // CONNECT asks for a proxy: a 405, where Node alone would drop the connection unanswered.
    const connect = answer(
      await rawRequest('CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example\r\n\r\n', { port }),
    );
    assert.equal(connect.status, 405);
    assert.equal(answer(await rawRequest(get('/healthz'), { port })).status, 200);
  });

  test('a body cut short (the client half-closes before its Content-Length) is a 400, not a 500', async () => {
    const request =
      'POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'Content-Length: 100\r\nConnection: close\r\n\r\nemail=a';
    const res = answer(await rawRequest(request, { port, halfClose: true }));
    // Node's parser sees the end first ("Invalid EOF state"); either way a 400, and nothing logged as ours.
    assert.equal(res.status, 400);
    assert.match(res.body.toString(), /bad request|the body ended before it was complete/);
  });

  test('an address holding an encoded NUL is a 400 before any route looks at it', async () => {
    for (const target of ['/users/%00', '/authors/a%00b', '/search?q=%00', '/papers/2406.12345%00']) {
      const res = answer(await rawRequest(get(target), { port }));
      assert.equal(res.status, 400, target);
    }
  });
});

test('a parser overflow is judged 414 when the request line never ended, 431 otherwise', () => {
  const overflow = (text: string) =>
    clientErrorAnswer({ code: 'HPE_HEADER_OVERFLOW', rawPacket: Buffer.from(text) })[0];
  assert.equal(overflow(`GET /?q=${'a'.repeat(40_000)}`), 414);
  assert.equal(overflow(`GET /?q=${'a'.repeat(MAX_URL_BYTES + 1)} HTTP/1.1\r\nHost: x\r\n`), 414);
  assert.equal(overflow(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(40_000)}`), 431);
  // A later chunk of the request: its start is gone, so it cannot be told apart; 431 is the honest answer.
  assert.equal(overflow('a'.repeat(40_000)), 431);
  assert.equal(clientErrorAnswer({ code: 'ERR_HTTP_REQUEST_TIMEOUT' })[0], 408);
  assert.deepEqual(clientErrorAnswer({ code: 'HPE_INVALID_METHOD', reason: 'Invalid method encountered' }), [
    400,
    'bad request: Invalid method encountered',
  ]);
});
