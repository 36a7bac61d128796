import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLogLine } from './pretty-log.js';

const at = Date.parse('2026-12-03T10:04:05.000Z');
const local = new Date(at).toTimeString().slice(0, 8);

test('a record becomes one readable line: time, level, message, then the fields', () => {
  const line = JSON.stringify({
    level: 30,
    time: at,
    pid: 1,
    hostname: 'h',
    service: 'paperboy',
    msg: 'paperboy listening',
    url: 'http://127.0.0.1:3000',
    port: 3000,
    tags: ['a'],
  });
  assert.equal(
    formatLogLine(line, false),
    `${local} INFO  paperboy listening  url=http://127.0.0.1:3000 port=3000 tags=["a"]\n`,
  );
});

test('an emailed text is printed as it is, indented, so its link stands alone', () => {
  const line = JSON.stringify({
    level: 30,
    time: at,
    msg: 'email not sent',
    mail_to: 'a@example.org',
    text: 'Sign in:\n\nhttp://127.0.0.1:3000/signin/link?token=abc\n',
  });
  assert.equal(
    formatLogLine(line, false),
    `${local} INFO  email not sent  mail_to=a@example.org\n    Sign in:\n\n    http://127.0.0.1:3000/signin/link?token=abc\n`,
  );
});

test('errors show their message and stack; values with spaces are quoted; non-JSON passes through', () => {
  const line = JSON.stringify({
    level: 50,
    time: at,
    msg: 'request failed',
    path: '/a b',
    err: { message: 'boom', stack: 'Error: boom\n  at x' },
  });
  assert.equal(
    formatLogLine(line, false),
    `${local} ERROR request failed  path="/a b" err=boom\n    Error: boom\n      at x\n`,
  );
  assert.equal(formatLogLine('plain words', false), 'plain words\n');
  assert.ok(formatLogLine(line, true).includes('\x1b[31mERROR\x1b[0m'), 'errors in red on a terminal');
});
