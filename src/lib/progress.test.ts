import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressBar, formatSeconds } from './progress.js';

/** What the bar writes after each drawing, to erase the rest of a longer previous line. */
const CLEAR_TO_END = '\x1b[K';

/** A terminal that records what is written to it. */
function terminal(isTTY = true) {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write(chunk: string) {
      writes.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  /** Each drawing of the bar, without its control characters. */
  const lines = () =>
    writes
      .filter((w) => w.startsWith('\r') && w.endsWith(CLEAR_TO_END))
      .map((w) => w.slice(1, -CLEAR_TO_END.length));
  return { stream, writes, lines };
}

test('the last line is drawn once when the final update reached the total', () => {
  const t = terminal();
  const bar = createProgressBar('importing', 3, t.stream);
  bar.update(3, 'all done');
  bar.finish();
  assert.deepEqual(t.lines(), [`importing [${'#'.repeat(28)}] 3/3 all done`]);
  assert.equal(t.writes.at(-1), '\n', 'the line is ended');
  assert.equal(t.writes.length, 2);
});

test('a final update held back by the ten-a-second limit is drawn at finish', () => {
  const t = terminal();
  const bar = createProgressBar('embedding', 10, t.stream);
  bar.update(1, 'first');
  bar.update(5, 'held back'); // within 100 ms of the first draw
  assert.equal(t.lines().length, 1);
  bar.finish();
  const lines = t.lines();
  assert.equal(lines.length, 2);
  assert.match(lines[1] ?? '', /\] 5\/10 .*held back$/);
  assert.deepEqual(t.writes.slice(-1), ['\n']);
});

test('a bar with nothing reported shows where it stands at finish; nothing on a pipe', () => {
  const t = terminal();
  createProgressBar('sending', 4, t.stream).finish();
  assert.deepEqual(t.lines(), [`sending [${'-'.repeat(28)}] 0/4 `]);
  assert.equal(t.writes.at(-1), '\n');

  const empty = terminal();
  createProgressBar('sending', 0, empty.stream).finish();
  assert.deepEqual(empty.writes, [], 'no work, no bar and no blank line');

  const pipe = terminal(false);
  const bar = createProgressBar('importing', 3, pipe.stream);
  bar.update(3);
  bar.finish();
  assert.deepEqual(pipe.writes, []);
});

test('durations read in seconds, then minutes', () => {
  assert.deepEqual([formatSeconds(2.345), formatSeconds(42.4), formatSeconds(125)], ['2.3s', '42s', '2m05s']);
});
