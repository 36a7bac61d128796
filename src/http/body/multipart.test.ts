import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadBodyError } from './body-error.js';
import { parseMultipart } from './multipart.js';

/** A body as the platform's own FormData encoder writes it, with its boundary. */
async function encoded(fields: Record<string, string>): Promise<{ body: Uint8Array; boundary: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const boundary = /boundary=(.+)$/.exec(req.headers.get('content-type') ?? '')?.[1] ?? '';
  return { body: new Uint8Array(await req.arrayBuffer()), boundary };
}

const bytes = (s: string) => new TextEncoder().encode(s);

function refused(body: string | Uint8Array, boundary: string | undefined, message: RegExp, field = 'body') {
  assert.throws(
    () => parseMultipart(typeof body === 'string' ? bytes(body) : body, boundary),
    (err: unknown) => err instanceof BadBodyError && message.test(err.message) && err.field === field,
    `${message}`,
  );
}

test('reads what a real FormData encoder writes, text in any script and empty values included', async () => {
  const fields = { _csrf: 'abc', body: 'Ünïcødé, 中文, emoji 🎉\r\nsecond line', empty: '' };
  const { body, boundary } = await encoded(fields);
  assert.deepEqual(Object.fromEntries(parseMultipart(body, boundary)), fields);
});

test('accepts a preamble, transport padding, a quoted boundary and text/plain parts; ignores the epilogue', () => {
  const body =
    'preamble\r\n--b  \r\nContent-Disposition: form-data; name="a"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n1\r\n--b--\r\nepilogue';
  assert.deepEqual(Object.fromEntries(parseMultipart(bytes(body), 'b')), { a: '1' });
  assert.equal(parseMultipart(bytes('--b--\r\n'), 'b').size, 0);
});

test('each malformed body is refused saying what is wrong', () => {
  const part = (headers: string, value = 'v') => `--x\r\n${headers}\r\n\r\n${value}\r\n`;
  const named = 'Content-Disposition: form-data; name="a"';
  refused('a=1', undefined, /needs a boundary parameter/);
  refused('--x--', '', /boundary must be 1 to 70/);
  refused('--x--', 'x'.repeat(71), /boundary must be 1 to 70/);
  refused('just some text, not multipart at all', 'x', /holds no multipart boundary line/);
  refused('', 'x', /holds no multipart boundary line/);
  refused('--x\r\n\r\n\r\n--x--\r\n', 'x', /part 1: it needs a Content-Disposition of form-data/);
  refused(part('Content-Disposition: form-data'), 'x', /part 1 has no name/);
  refused(part('Content-Disposition: form-data; name=""'), 'x', /part 1 has no name/);
  refused(part('Content-Disposition: attachment; name="a"'), 'x', /Content-Disposition of form-data/);
  refused(part(`${named}; filename="evil.sh"`), 'x', /a: is a file, and no form here takes files/, 'a');
  refused(part(`${named}\r\nContent-Type: application/octet-stream`), 'x', /only UTF-8 text fields/);
  refused(part(`${named}\r\nContent-Type: text/plain; charset=iso-8859-1`), 'x', /only UTF-8 text fields/);
  refused(part(`${named}\r\nContent-Transfer-Encoding: base64`), 'x', /transfer encoding base64/);
  refused(part('no colon in this header line'), 'x', /is not a header line/);
  refused(
    `--x\r\n${named}\r\n\r\nvalue with no closing boundary`,
    'x',
    /a: the body ends before its closing boundary/,
    'a',
  );
  refused(`--x\r\n${named}`, 'x', /headers never end/);
  refused('--x', 'x', /boundary line ends the body/);
  refused('--xjunk\r\n', 'x', /is not followed by a line break/);
  refused(`${part(named)}${part(named)}--x--\r\n`, 'x', /a: given more than once/, 'a');
  refused(`${part(named, 'nul\u0000here')}--x--\r\n`, 'x', /a: holds a NUL character/, 'a');
  const latin1 = Buffer.concat([
    Buffer.from(`--x\r\n${named}\r\n\r\n`),
    Buffer.from([0xe9]),
    Buffer.from('\r\n--x--\r\n'),
  ]);
  refused(latin1, 'x', /a: not valid UTF-8/, 'a');
});
