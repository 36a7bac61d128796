// Sign-in links, passwords, sessions and API tokens on both databases, with the real SMTP transport
// against an in-process SMTP server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type AppContext, createServices } from '../app.js';
import { createTestApp, TEST_NOW } from '../../test/support/app.js';
import { signedInUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp-server.js';
import { fixedClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { sha256Hex } from '../lib/secrets.js';
import { RECENT_LINK_MINUTES } from './auth.service.js';
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from './errors.js';

function linkToken(text: string): string {
  const m = /\/signin\/link\?token=([A-Za-z0-9_-]+)/.exec(text);
  assert.ok(m?.[1], `no sign-in link in: ${text}`);
  return m[1];
}

describeEachDatabase('auth service', (get) => {
  let smtp: TestSmtpServer;
  let ctx: AppContext;

  before(async () => {
    smtp = await startSmtpServer();
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, {
      community: {
        ...base.config.community,
        smtpUrl: smtp.url,
        mailFrom: 'paperboy <no-reply@papers.example.org>',
      },
    });
  });
  after(() => smtp.close());

  /** The services as they are `minutes` after TEST_NOW (the same database). */
  const at = (minutes: number) =>
    createServices(
      get().db,
      ctx.config,
      fixedClock(new Date(Date.parse(TEST_NOW) + minutes * 60_000).toISOString()),
      silentLogger,
    );

  test('an emailed link signs in once, creates the account, and starts a fresh session', async () => {
    await ctx.services.auth.requestSignInLink('new.member@example.org', '203.0.113.5');
    const mail = await smtp.nextMessage('new.member@example.org');
    assert.equal(mail.subject, 'Sign in to paperboy');
    assert.equal(mail.from, 'no-reply@papers.example.org');
    const token = linkToken(mail.text);
    assert.ok(mail.html.includes(`token=${token}`));
    assert.ok(token.length >= 43, 'at least 32 random bytes');

    const signed = await ctx.services.auth.signInWithLink(token, null, null);
    assert.equal(signed.user.handle, 'new_member');
    assert.equal(signed.user.displayName, 'New Member');
    const session = await ctx.services.auth.authenticate(signed.sessionToken);
    assert.equal(session?.user.id, signed.user.id);
    await assert.rejects(
      ctx.services.auth.signInWithLink(token, null, null),
      UnauthorizedError,
      'single use',
    );
  });

  test('a link expires after its minutes', async () => {
    await ctx.services.auth.requestSignInLink('late@example.org', null);
    const token = linkToken((await smtp.nextMessage('late@example.org')).text);
    const later = new Date(Date.parse(TEST_NOW) + 16 * 60_000).toISOString();
    const lateServices = createServices(get().db, ctx.config, fixedClock(later), silentLogger);
    await assert.rejects(lateServices.auth.signInWithLink(token, null, null), UnauthorizedError);
  });

  test('concurrent uses of one link: exactly one signs in', async () => {
    await ctx.services.auth.requestSignInLink('race@example.org', null);
    const token = linkToken((await smtp.nextMessage('race@example.org')).text);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => ctx.services.auth.signInWithLink(token, null, null)),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  test('passwords: set, sign in, wrong password refused, change needs the current one', async () => {
    const user = await signedInUser(ctx, 'pw@example.org');
    await assert.rejects(
      ctx.services.auth.setPassword(user.actor, null, 'short', user.sessionHash),
      InvalidInputError,
    );
    await ctx.services.auth.setPassword(user.actor, null, 'correct horse battery', user.sessionHash);
    const signed = await ctx.services.auth.signInWithPassword(
      'pw@example.org',
      'correct horse battery',
      null,
      null,
    );
    assert.equal(signed.user.id, user.actor.user.id);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('pw@example.org', 'wrong horse battery', null, null),
      UnauthorizedError,
    );
    await assert.rejects(
      ctx.services.auth.signInWithPassword('nobody@example.org', 'correct horse battery', null, null),
      UnauthorizedError,
    );
    // A session that began with the password must give the current one to change it.
    const bySession = sha256Hex(signed.sessionToken);
    const pwActor = { user: signed.user, ip: null, via: 'session' as const };
    await assert.rejects(
      ctx.services.auth.setPassword(pwActor, 'not it', 'another long password', bySession),
      InvalidInputError,
    );
    await assert.rejects(
      ctx.services.auth.setPassword(pwActor, null, 'another long password', bySession),
      /give the current password, or sign in again with an emailed link/,
    );
    await ctx.services.auth.setPassword(pwActor, 'correct horse battery', 'another long password', bySession);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('pw@example.org', 'correct horse battery', null, null),
      UnauthorizedError,
    );
  });

  test('a stolen session cannot set a first password; for 10 minutes after a link sign-in, the owner can', async () => {
    const user = await signedInUser(ctx, 'first@example.org');
    assert.equal(
      await ctx.services.auth.passwordResetUntil(user.actor, user.sessionHash),
      new Date(Date.parse(TEST_NOW) + RECENT_LINK_MINUTES * 60_000).toISOString(),
    );
    // The same session, replayed 11 minutes later by whoever copied its cookie.
    const later = at(11);
    assert.equal(await later.auth.passwordResetUntil(user.actor, user.sessionHash), null);
    await assert.rejects(
      later.auth.setPassword(user.actor, null, 'the hijacker password', user.sessionHash),
      ForbiddenError,
    );
    await assert.rejects(
      later.auth.setPassword(user.actor, 'anything at all', 'the hijacker password', user.sessionHash),
      /to prove this is your account, sign in again with an emailed link/,
    );
    assert.equal((await later.auth.authenticate(user.sessionToken))?.user.hasPassword, false);
    // Another account's fresh session proves nothing about this one; nor does no session.
    const other = await signedInUser(ctx, 'other@example.org');
    assert.equal(await ctx.services.auth.passwordResetUntil(user.actor, other.sessionHash), null);
    assert.equal(await ctx.services.auth.passwordResetUntil(user.actor, null), null);

    await at(9).auth.setPassword(user.actor, null, 'the owner password', user.sessionHash);
    const mail = await smtp.nextMessage('first@example.org');
    assert.equal(mail.subject, 'A password was set on your paperboy account');
    assert.match(mail.text, /2026-08-22 09:09 UTC/);
    assert.match(mail.text, /https:\/\/papers\.example\.org\/signin\?next=%2Fsettings/);
  });

  test('a forgotten password: a link sign-in resets it without the current one, ends the other sessions, and tells the mailbox', async () => {
    const owner = await signedInUser(ctx, 'forgot@example.org');
    await ctx.services.auth.setPassword(owner.actor, null, 'remembered once', owner.sessionHash);
    await smtp.nextMessage('forgot@example.org');
    const elsewhere = await ctx.services.auth.signInWithPassword(
      'forgot@example.org',
      'remembered once',
      null,
      null,
    );

    // Days later: signed in by link again, the password can be replaced without knowing it.
    const days = at(3 * 24 * 60);
    await days.auth.requestSignInLink('forgot@example.org', '203.0.113.80', '/settings');
    const token = linkToken((await smtp.nextMessage('forgot@example.org')).text);
    const fresh = await days.auth.signInWithLink(token, '203.0.113.80', null);
    const freshHash = sha256Hex(fresh.sessionToken);
    const actor = { user: fresh.user, ip: '203.0.113.80', via: 'session' as const };
    await days.auth.setPassword(actor, null, 'a brand new password', freshHash);

    assert.equal(await days.auth.authenticate(elsewhere.sessionToken), null, 'the other session ended');
    assert.ok(await days.auth.authenticate(fresh.sessionToken), 'this one stays');
    await assert.rejects(
      days.auth.signInWithPassword('forgot@example.org', 'remembered once', null, null),
      UnauthorizedError,
    );
    assert.ok(await days.auth.signInWithPassword('forgot@example.org', 'a brand new password', null, null));
    const mail = await smtp.nextMessage('forgot@example.org');
    assert.equal(mail.subject, 'Your paperboy password was changed');
    assert.match(mail.text, /from the address 203\.0\.113\.80/);
    assert.match(mail.html, /Sign in to paperboy/);
  });

  test('a hijacked account: the owner removes the password the hijacker set, and their sign-ins stop', async () => {
    const owner = await signedInUser(ctx, 'victim@example.org');
    // The attacker copied a cookie minutes after a link sign-in and set a password; the mailbox hears.
    const hijacked = await signedInUser(ctx, 'victim@example.org');
    await ctx.services.auth.setPassword(hijacked.actor, null, 'the attacker password', hijacked.sessionHash);
    assert.equal(
      (await smtp.nextMessage('victim@example.org')).subject,
      'A password was set on your paperboy account',
    );
    const attacker = await ctx.services.auth.signInWithPassword(
      'victim@example.org',
      'the attacker password',
      null,
      null,
    );

    // The owner signs in by link and removes it: back to link-only, every other session ends.
    await assert.rejects(at(30).auth.removePassword(owner.actor, null, owner.sessionHash), ForbiddenError);
    const back = await signedInUser(ctx, 'victim@example.org');
    await ctx.services.auth.removePassword(back.actor, null, back.sessionHash);
    for (const t of [owner.sessionToken, hijacked.sessionToken, attacker.sessionToken])
      assert.equal(await ctx.services.auth.authenticate(t), null);
    assert.equal((await ctx.services.auth.authenticate(back.sessionToken))?.user.hasPassword, false);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('victim@example.org', 'the attacker password', null, null),
      UnauthorizedError,
    );
    const mail = await smtp.nextMessage('victim@example.org');
    assert.equal(mail.subject, 'Your paperboy password was removed');
    assert.match(mail.text, /You now sign in with an emailed link only/);

    // With the current password, removal needs no fresh link (a session from a password sign-in).
    await ctx.services.auth.setPassword(back.actor, null, 'owner password again', back.sessionHash);
    const pw = await ctx.services.auth.signInWithPassword(
      'victim@example.org',
      'owner password again',
      null,
      null,
    );
    const pwActor = { user: pw.user, ip: null, via: 'session' as const };
    await assert.rejects(
      ctx.services.auth.removePassword(pwActor, 'wrong one', sha256Hex(pw.sessionToken)),
      InvalidInputError,
    );
    await ctx.services.auth.removePassword(pwActor, 'owner password again', sha256Hex(pw.sessionToken));
    assert.equal((await ctx.services.auth.authenticate(pw.sessionToken))?.user.hasPassword, false);
  });

  test('sign out everywhere can also remove the password (after a link sign-in) and revoke API tokens', async () => {
    const user = await signedInUser(ctx, 'everywhere@example.org');
    await ctx.services.auth.setPassword(user.actor, null, 'a password to drop', user.sessionHash);
    const { token } = await ctx.services.apiTokens.create(user.actor, 'script', 'write');
    const stale = at(60);
    const before = await stale.auth.authenticate(user.sessionToken);
    assert.ok(before);
    // From a session that is not a recent link sign-in, nothing happens at all.
    await assert.rejects(
      stale.auth.signOutEverywhere(user.actor, { sessionHash: user.sessionHash, removePassword: true }),
      ForbiddenError,
    );
    assert.ok(await stale.auth.authenticate(user.sessionToken), 'still signed in');

    const fresh = await signedInUser(ctx, 'everywhere@example.org');
    const n = await ctx.services.auth.signOutEverywhere(fresh.actor, {
      sessionHash: fresh.sessionHash,
      removePassword: true,
      revokeTokens: true,
    });
    assert.equal(n, 1, 'the password removal had ended the other session already');
    assert.equal(await ctx.services.auth.authenticate(fresh.sessionToken), null);
    assert.equal(await ctx.services.apiTokens.authenticate(token), null);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('everywhere@example.org', 'a password to drop', null, null),
      UnauthorizedError,
    );
  });

  test('the operator clears a password: link sign-in only, every session ends, logged and mailed', async () => {
    const user = await signedInUser(ctx, 'cleared@example.org');
    await ctx.services.auth.setPassword(user.actor, null, 'a forgotten password', user.sessionHash);
    await smtp.nextMessage('cleared@example.org');
    const r = await ctx.services.auth.clearPassword('@Cleared');
    assert.deepEqual(r, { handle: 'cleared', hadPassword: true, sessions: 1 });
    assert.equal(await ctx.services.auth.authenticate(user.sessionToken), null);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('cleared@example.org', 'a forgotten password', null, null),
      UnauthorizedError,
    );
    const mail = await smtp.nextMessage('cleared@example.org');
    assert.equal(mail.subject, 'Your paperboy password was removed');
    assert.match(mail.text, /An operator of paperboy removed the password/);
    const admin = await signedInUser(ctx, 'clear-admin@example.org', 'admin');
    const log = await ctx.services.moderation.listLog(admin.actor);
    assert.ok(log.some((e) => e.action === 'clear-password' && e.target_id === 'cleared'));
    assert.deepEqual(await ctx.services.auth.clearPassword('cleared@example.org'), {
      handle: 'cleared',
      hadPassword: false,
      sessions: 0,
    });
    await assert.rejects(ctx.services.auth.clearPassword('nobody-here'), NotFoundError);
  });

  test('a notice that cannot be sent does not undo the password change', async () => {
    const down = createServices(
      get().db,
      { ...ctx.config, community: { ...ctx.config.community, smtpUrl: 'smtp://127.0.0.1:9' } },
      fixedClock(TEST_NOW),
      silentLogger,
    );
    const user = await signedInUser(ctx, 'nomail@example.org');
    await down.auth.setPassword(user.actor, null, 'saved all the same', user.sessionHash);
    assert.ok(await down.auth.signInWithPassword('nomail@example.org', 'saved all the same', null, null));
  });

  test('sign-in links: an address holds at most PAPERBOY_SIGNIN_LINKS_PER_EMAIL usable ones, and they work', async () => {
    const sent = smtp.messages.length;
    // Many clients asking for one address: only the cap is mailed, whoever asked.
    for (let i = 0; i < 6; i++)
      await ctx.services.auth.requestSignInLink('flooded@example.org', `198.51.100.${i}`);
    const mails = smtp.messages.slice(sent).filter((m) => m.to.includes('flooded@example.org'));
    assert.equal(mails.length, ctx.config.community.signInLinksPerEmail);
    for (const _ of mails) await smtp.nextMessage('flooded@example.org');
    // Each of them signs the owner in; once one is used, another may be mailed.
    const first = mails[0];
    assert.ok(first);
    await ctx.services.auth.signInWithLink(linkToken(first.text), null, null);
    await ctx.services.auth.requestSignInLink('flooded@example.org', '203.0.113.99');
    await smtp.nextMessage('flooded@example.org');
    // Expired links no longer count.
    const expired = at(16);
    await expired.auth.requestSignInLink('flooded@example.org', '203.0.113.99');
    await smtp.nextMessage('flooded@example.org');
  });

  test('sessions end on sign out, everywhere, idle and absolute expiry', async () => {
    const a = await signedInUser(ctx, 'sessions@example.org');
    const b = await signedInUser(ctx, 'sessions@example.org');
    assert.ok(await ctx.services.auth.authenticate(b.sessionToken));
    await ctx.services.auth.signOut(a.sessionToken);
    assert.equal(await ctx.services.auth.authenticate(a.sessionToken), null);
    assert.ok(await ctx.services.auth.authenticate(b.sessionToken));
    assert.equal(await ctx.services.auth.signOutEverywhere(b.actor), 1);
    assert.equal(await ctx.services.auth.authenticate(b.sessionToken), null);

    const c = await signedInUser(ctx, 'sessions@example.org');
    const idle = new Date(Date.parse(TEST_NOW) + 15 * 86_400_000).toISOString();
    const idleServices = createServices(get().db, ctx.config, fixedClock(idle), silentLogger);
    assert.equal(await idleServices.auth.authenticate(c.sessionToken), null);
  });

  test('API tokens: shown once, hashed, scoped, revocable; a banned owner cannot use them', async () => {
    const user = await signedInUser(ctx, 'tokens@example.org');
    const { token, info } = await ctx.services.apiTokens.create(user.actor, 'script', 'write');
    assert.match(token, /^pb_[A-Za-z0-9_-]{43}$/);
    assert.equal(info.prefix, token.slice(0, 8));
    const auth = await ctx.services.apiTokens.authenticate(token);
    assert.equal(auth?.scope, 'write');
    assert.equal(auth?.user.id, user.actor.user.id);
    assert.equal(await ctx.services.apiTokens.authenticate(`${token}x`), null);
    await ctx.services.apiTokens.revoke(user.actor, info.id);
    assert.equal(await ctx.services.apiTokens.authenticate(token), null);

    const second = await ctx.services.apiTokens.create(user.actor, 'again', 'read');
    await ctx.services.moderation.ban(null, user.actor.user.handle, 'spam', true);
    assert.equal(await ctx.services.apiTokens.authenticate(second.token), null);
    assert.equal(await ctx.services.auth.authenticate(user.sessionToken), null, 'a ban ends sessions');
    const before = smtp.messages.length;
    await ctx.services.auth.requestSignInLink('tokens@example.org', null);
    assert.equal(smtp.messages.length, before, 'no link is emailed to a banned account');
  });

  test('the server secret is generated once and shared', async () => {
    const other = createServices(get().db, ctx.config, fixedClock(TEST_NOW), silentLogger);
    assert.equal(await other.auth.serverSecret(), await ctx.services.auth.serverSecret());
    assert.ok((await ctx.services.auth.serverSecret()).length >= 64);
  });

  test('banned accounts cannot sign in with a password either', async () => {
    const user = await signedInUser(ctx, 'banme@example.org');
    await ctx.services.auth.setPassword(user.actor, null, 'a long enough password', user.sessionHash);
    await ctx.services.moderation.ban(null, user.actor.user.handle, '', true);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('banme@example.org', 'a long enough password', null, null),
      ForbiddenError,
    );
  });
});
