// `paperboy users` as an operator runs it: the first admin, a role change, a ban, the list. One run of
// child processes on SQLite (the command's SQL is the services', tested on both databases elsewhere).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paperboy-users-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function paperboy(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'users', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PAPERBOY_DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
    },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('create the first admin, change a role, ban and unban, list', () => {
  assert.match(paperboy().out, /no accounts yet: paperboy users add EMAIL --role admin/);
  const admin = paperboy('add', 'Ada@Example.org', '--role', 'admin');
  assert.equal(admin.code, 0, admin.err);
  assert.equal(admin.out.trim(), 'created @ada <ada@example.org> as admin');
  assert.equal(paperboy('add', 'bob@example.org').code, 0);
  assert.equal(paperboy('--role', 'bob', 'curator').out.trim(), 'bob is now curator');
  assert.equal(paperboy('--role', 'bob', 'boss').code, 2);
  assert.equal(paperboy('--ban', 'bob', '--reason', 'spam').out.trim(), 'banned @bob');
  const list = paperboy('list', '--json');
  const users = JSON.parse(list.out) as { handle: string; role: string; bannedAt: string | null }[];
  assert.deepEqual(
    users.map((u) => [u.handle, u.role, u.bannedAt !== null]),
    [
      ['ada', 'admin', false],
      ['bob', 'curator', true],
    ],
  );
  assert.equal(paperboy('--unban', 'nobody').code, 1);
});
