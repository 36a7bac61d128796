// `paperboy users` as an operator runs it: the first admin, a role change, a ban, the list, clearing
// a password. One run of child processes on SQLite (the command's SQL is the services', tested on
// both databases elsewhere).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/database.js';
import { hashPassword } from '../../src/lib/password.js';
import { createStores } from '../../src/stores/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paperboy-users-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function paperboy(...args: string[]) {
  return paperboyWith({}, ...args);
}

function paperboyWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'users', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PAPERBOY_DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      ...env,
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

test('clear a password: the account signs in by emailed link only and every session ends', async () => {
  assert.equal(paperboy('add', 'carol@example.org').code, 0);
  const db = openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
  try {
    const stores = createStores(db.kysely, db.dialect);
    const carol = await stores.users.findByHandle('carol');
    assert.ok(carol);
    const now = new Date().toISOString();
    await stores.users.setPasswordHash(carol.id, await hashPassword('a password carol forgot'), now);
    for (const hash of ['a'.repeat(64), 'b'.repeat(64)])
      await stores.sessions.insert({
        token_hash: hash,
        user_id: carol.id,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        sign_in_method: 'password',
      });
    // Without PAPERBOY_SMTP_URL the email goes to the log, which the CLI shows at info level.
    const cleared = paperboyWith({ PAPERBOY_LOG_LEVEL: 'info' }, '--clear-password', 'carol');
    assert.equal(cleared.code, 0, cleared.err);
    assert.equal(cleared.out.trim(), 'cleared the password of @carol; 2 sessions ended');
    assert.match(cleared.err, /Your paperboy password was removed/, 'the email (logged without SMTP)');
    assert.equal((await stores.users.findByHandle('carol'))?.password_hash, null);
    assert.equal(await stores.sessions.countForUser(carol.id), 0);
    const log = await stores.moderationLog.list(10);
    assert.ok(
      log.some((e) => e.action === 'clear-password' && e.target_id === 'carol' && e.actor_id === null),
    );
  } finally {
    await db.close();
  }
  assert.equal(
    paperboy('--clear-password', 'carol@example.org').out.trim(),
    'no password to clear for @carol; 0 sessions ended',
  );
  assert.equal(paperboy('--clear-password', 'nobody').code, 1);
});
