import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import { type Line, readByteLines } from './line-reader.js';

async function lines(chunks: (string | Buffer)[], max: number): Promise<Line[]> {
  async function* source() {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  }
  const out: Line[] = [];
  for await (const line of readByteLines(source(), max)) out.push(line);
  return out;
}

test('lines split across chunks, CRLF endings, a last line without a break, multi-byte characters cut by chunks', async () => {
  const e = Buffer.from('é');
  assert.deepEqual(
    await lines(
      [
        'one\r\ntw',
        'o\n',
        Buffer.from([0x63, 0x61, 0x66, e[0] ?? 0]),
        Buffer.from([e[1] ?? 0, 0x0a]),
        'last',
      ],
      100,
    ),
    [
      { kind: 'text', number: 1, text: 'one' },
      { kind: 'text', number: 2, text: 'two' },
      { kind: 'text', number: 3, text: 'café' },
      { kind: 'text', number: 4, text: 'last' },
    ],
  );
});

test('a line over the limit is counted and dropped, whether it arrives in one chunk or many', async () => {
  assert.deepEqual(await lines(['ok\n', 'x'.repeat(10), 'x'.repeat(10), 'x\nafter\n'], 8), [
    { kind: 'text', number: 1, text: 'ok' },
    { kind: 'too-long', number: 2, bytes: 21 },
    { kind: 'text', number: 3, text: 'after' },
  ]);
  assert.deepEqual(await lines([`${'y'.repeat(9)}\n`, 'z'.repeat(12)], 8), [
    { kind: 'too-long', number: 1, bytes: 9 },
    { kind: 'too-long', number: 2, bytes: 12 },
  ]);
});

test('a line that is not UTF-8 refuses the file, naming the line', async () => {
  await assert.rejects(
    lines(['good\n', Buffer.from([0x62, 0x61, 0x64, 0xe9, 0x0a])], 100),
    (err: unknown) => err instanceof MalformedFileError && err.position === 'line 2, column 4',
  );
});
