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
import { ForbiddenError, InvalidInputError, UnauthorizedError } from './errors.js';

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
    await assert.rejects(ctx.services.auth.setPassword(user.actor, null, 'short', null), InvalidInputError);
    await ctx.services.auth.setPassword(user.actor, null, 'correct horse battery', null);
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
    const fresh = { ...user.actor, user: { ...user.actor.user, hasPassword: true } };
    await assert.rejects(
      ctx.services.auth.setPassword(fresh, 'not it', 'another long password', null),
      InvalidInputError,
    );
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
    await ctx.services.auth.setPassword(user.actor, null, 'a long enough password', null);
    await ctx.services.moderation.ban(null, user.actor.user.handle, '', true);
    await assert.rejects(
      ctx.services.auth.signInWithPassword('banme@example.org', 'a long enough password', null, null),
      ForbiddenError,
    );
  });
});
