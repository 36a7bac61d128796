// Signing in and out. Sign-in links: a 32-byte token emailed, its SHA-256 stored, valid for
// PAPERBOY_SIGNIN_LINK_MINUTES and consumed atomically once. Passwords: scrypt (lib/password.ts).
// Sessions: a fresh 32-byte token on every sign-in (never one the browser brought: fixation), stored
// hashed with how it began (link or password), ending after idle and absolute limits; signing out
// everywhere deletes them all.
// Passwords change only with proof of ownership: the current password, or a sign-in by emailed link
// in the last RECENT_LINK_MINUTES (the link proves the mailbox, so it is also the password reset). A
// stolen session alone can therefore neither set a first password nor change one, and the owner can
// always take the account back through the mailbox. Every change is mailed to the account's address.
// Limits: link requests count per client address only, plus a cap on the usable links an address may
// hold, so nobody can lock an address out of sign-in; password attempts count per address and email.
// The server secret (CSRF tokens) comes from PAPERBOY_SECRET or is generated once into `settings`.
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import type { CommunityConfig } from '../config.js';
import type { SignInMethod, UserRow } from '../db/community-schema.js';
import type { Db } from '../db/database.js';
import { handleFromEmail, nameFromEmail } from '../domain/handle.js';
import { type PasswordChange, passwordChangedEmail } from '../email/templates/password-changed.email.js';
import { signInEmail } from '../email/templates/sign-in.email.js';
import type { MailTransport } from '../email/transport.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { dummyHash, hashPassword, verifyPassword } from '../lib/password.js';
import { randomToken, sha256Hex } from '../lib/secrets.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, type AuthUser, assertCanAct, toAuthUser } from './actor.js';
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from './errors.js';
import type { RateLimitService } from './rate-limit.service.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Minutes after a sign-in by emailed link during which the session may set, reset or remove the
 * password without the current one. Short, so a session cookie stolen later cannot do it.
 */
export const RECENT_LINK_MINUTES = 10;
export const MIN_PASSWORD_LENGTH = 10;

export interface SignedIn {
  user: AuthUser;
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  /** For the cookie's Max-Age. */
  maxAgeSeconds: number;
}

export interface Session {
  user: AuthUser;
  tokenHash: string;
}

export class AuthService {
  private secret: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly mail: MailTransport,
    private readonly limits: RateLimitService,
    private readonly config: CommunityConfig,
    private readonly site: { name: string; baseUrl: string },
  ) {}

  /** The key CSRF tokens are signed with; every process of an instance gets the same one. */
  serverSecret(): Promise<string> {
    this.secret ??= this.config.secret
      ? Promise.resolve(this.config.secret)
      : this.stores.settings.getOrCreate('server_secret', randomToken(48), this.nowIso());
    return this.secret;
  }

  /**
   * Emails a one-time sign-in link. Answers the same whether or not the address has an account (no
   * enumeration); a banned account gets no email. Limited per client address; never per email, which
   * would let anyone lock an address out. Instead, an address that already holds
   * PAPERBOY_SIGNIN_LINKS_PER_EMAIL usable links gets no more until one is used or expires: whoever
   * asked for them, those links are in its mailbox and work, so the owner can still sign in.
   */
  async requestSignInLink(email: string, ip: string | null, next = '/'): Promise<void> {
    await this.limits.check('signin', { ip });
    const existing = await this.stores.users.findByEmail(email);
    if (existing?.banned_at) {
      this.log.info({ user_id: existing.id }, 'sign-in link refused to a banned account');
      return;
    }
    const now = this.clock.now();
    const usable = await this.stores.loginTokens.countUsable(email, now.toISOString());
    if (usable >= this.config.signInLinksPerEmail) {
      this.log.info(
        { user_id: existing?.id ?? null, usable_links: usable },
        'sign-in link not sent: the address already holds its usable links',
      );
      return;
    }
    const token = randomToken();
    const expires = new Date(now.getTime() + this.config.signInLinkMinutes * MINUTE);
    await this.stores.loginTokens.insert(sha256Hex(token), email, now.toISOString(), expires.toISOString());
    const params = new URLSearchParams({ token });
    if (next !== '/') params.set('next', next);
    const link = `${this.site.baseUrl}/signin/link?${params.toString()}`;
    await this.mail.send(
      signInEmail({ to: email, siteName: this.site.name, link, minutes: this.config.signInLinkMinutes }),
    );
    if (Math.random() < 0.05)
      await this.stores.loginTokens.deleteExpired(new Date(now.getTime() - DAY).toISOString());
  }

  /** Consumes a link's token; a new account is made for an address seen for the first time. */
  async signInWithLink(token: string, ip: string | null, previousSession: string | null): Promise<SignedIn> {
    await this.limits.check('signin', { ip });
    const email = await this.stores.loginTokens.consume(sha256Hex(token), this.nowIso());
    if (!email)
      throw new UnauthorizedError('this sign-in link has expired or was already used; ask for a new one');
    const user = (await this.stores.users.findByEmail(email)) ?? (await this.createAccount(email));
    if (user.banned_at) throw new ForbiddenError('this account is banned');
    return this.startSession(toAuthUser(user), previousSession, 'link');
  }

  /** Limited per client address and per email: guessing one account's password from many addresses. */
  async signInWithPassword(
    email: string,
    password: string,
    ip: string | null,
    previousSession: string | null,
  ): Promise<SignedIn> {
    if (!this.config.passwordSignIn) throw new ForbiddenError('password sign-in is turned off here');
    await this.limits.check('password', { ip, email });
    const user = await this.stores.users.findByEmail(email);
    // Verify against a dummy hash when there is no account or no password, so timing tells nothing.
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
    if (!user || !user.password_hash || !ok) throw new UnauthorizedError('wrong email or password');
    if (user.banned_at) throw new ForbiddenError('this account is banned');
    return this.startSession(toAuthUser(user), previousSession, 'password');
  }

  /** The session a cookie stands for, or null when unknown, expired, or its account is banned. */
  async authenticate(sessionToken: string): Promise<Session | null> {
    if (sessionToken.length < 20 || sessionToken.length > 100) return null;
    const tokenHash = sha256Hex(sessionToken);
    const session = await this.stores.sessions.find(tokenHash);
    if (!session) return null;
    const now = this.clock.now();
    const idleLimit = new Date(now.getTime() - this.config.sessionIdleDays * DAY).toISOString();
    if (session.expires_at <= now.toISOString() || session.last_seen_at < idleLimit) {
      await this.stores.sessions.delete(tokenHash);
      return null;
    }
    const row = await this.stores.users.findById(session.user_id);
    if (!row || row.banned_at) {
      await this.stores.sessions.delete(tokenHash);
      return null;
    }
    await this.stores.sessions.touch(
      tokenHash,
      now.toISOString(),
      new Date(now.getTime() - MINUTE).toISOString(),
    );
    return { user: toAuthUser(row), tokenHash };
  }

  async signOut(sessionToken: string): Promise<void> {
    await this.stores.sessions.delete(sha256Hex(sessionToken));
  }

  /**
   * Ends every session of the account, on every device, this one included; returns how many. With
   * `revokeTokens` its API tokens stop working too; with `removePassword` (which needs the same proof
   * as removePassword) only an emailed link signs in afterwards, so nothing a hijacker set survives.
   */
  async signOutEverywhere(
    actor: Actor,
    options: { sessionHash?: string | null; removePassword?: boolean; revokeTokens?: boolean } = {},
  ): Promise<number> {
    assertCanAct(actor);
    if (options.removePassword) await this.removePassword(actor, null, options.sessionHash ?? null);
    if (options.revokeTokens) await this.stores.apiTokens.revokeAllForUser(actor.user.id, this.nowIso());
    const n = await this.stores.sessions.deleteForUser(actor.user.id);
    this.log.info(
      { user_id: actor.user.id, sessions: n, tokens_revoked: options.revokeTokens === true },
      'signed out everywhere',
    );
    return n;
  }

  /**
   * Until when this session may set, reset or remove its account's password without the current one
   * (RECENT_LINK_MINUTES after a sign-in by emailed link), or null.
   */
  async passwordResetUntil(actor: Actor, sessionHash: string | null): Promise<string | null> {
    if (!sessionHash || actor.via !== 'session') return null;
    const session = await this.stores.sessions.find(sessionHash);
    if (!session || session.user_id !== actor.user.id || session.sign_in_method !== 'link') return null;
    const until = Date.parse(session.created_at) + RECENT_LINK_MINUTES * MINUTE;
    return until > this.clock.now().getTime() ? new Date(until).toISOString() : null;
  }

  /**
   * Sets, changes or resets the password. Needs the current one, or a sign-in by emailed link in the
   * last RECENT_LINK_MINUTES (a forgotten password; a first password, which a stolen session must
   * not be able to set). Ends every other session and tells the mailbox.
   */
  async setPassword(
    actor: Actor,
    current: string | null,
    next: string,
    sessionHash: string | null,
  ): Promise<void> {
    assertCanAct(actor);
    if (!this.config.passwordSignIn) throw new ForbiddenError('password sign-in is turned off here');
    if (next.length < MIN_PASSWORD_LENGTH)
      throw new InvalidInputError('new_password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
    // Counted with the sign-ins of this email: a stolen session must not become a way to guess it.
    await this.limits.check('password', { ip: actor.ip, email: actor.user.email });
    const row = await this.ownAccount(actor);
    await this.assertOwnerProof(actor, row, current, sessionHash, 'set a new password');
    await this.stores.users.setPasswordHash(row.id, await hashPassword(next), this.nowIso());
    await this.endOtherSessions(row.id, sessionHash);
    this.log.info({ user_id: row.id }, row.password_hash ? 'password changed' : 'password set');
    await this.notifyPasswordChange(row, row.password_hash ? 'changed' : 'set', actor.ip);
  }

  /** Back to link-only sign-in; the same proof as setPassword. Ends every other session. */
  async removePassword(actor: Actor, current: string | null, sessionHash: string | null): Promise<void> {
    assertCanAct(actor);
    const row = await this.ownAccount(actor);
    if (!row.password_hash) return;
    await this.limits.check('password', { ip: actor.ip, email: actor.user.email });
    await this.assertOwnerProof(actor, row, current, sessionHash, 'remove the password');
    await this.stores.users.setPasswordHash(row.id, null, this.nowIso());
    await this.endOtherSessions(row.id, sessionHash);
    this.log.info({ user_id: row.id }, 'password removed');
    await this.notifyPasswordChange(row, 'removed', actor.ip);
  }

  /**
   * The operator's reset (`paperboy users --clear-password`): the account signs in by emailed link
   * only, every session ends, the moderation log and the mailbox are told.
   */
  async clearPassword(
    handleOrEmail: string,
  ): Promise<{ handle: string; hadPassword: boolean; sessions: number }> {
    const key = handleOrEmail.trim().toLowerCase().replace(/^@/, '');
    const user = key.includes('@')
      ? await this.stores.users.findByEmail(key)
      : await this.stores.users.findByHandle(key);
    if (!user) throw new NotFoundError(`no user ${handleOrEmail}`);
    const now = this.nowIso();
    const hadPassword = user.password_hash !== null;
    const sessions = await inTransaction(this.db, async (stores) => {
      await stores.users.setPasswordHash(user.id, null, now);
      const ended = await stores.sessions.deleteForUser(user.id);
      await stores.moderationLog.insert(
        {
          actorId: null,
          action: 'clear-password',
          targetType: 'user',
          targetId: user.handle,
          detail: `${hadPassword ? 'password removed' : 'had no password'}; ${ended} sessions ended`,
        },
        now,
      );
      return ended;
    });
    this.log.info({ user_id: user.id, sessions }, 'password cleared by the operator');
    if (hadPassword) await this.notifyPasswordChange(user, 'cleared', null);
    return { handle: user.handle, hadPassword, sessions };
  }

  private async ownAccount(actor: Actor): Promise<UserRow> {
    const row = await this.stores.users.findById(actor.user.id);
    if (!row) throw new UnauthorizedError('no such account');
    return row;
  }

  /** The current password, or a recent sign-in by emailed link; else the error says which to give. */
  private async assertOwnerProof(
    actor: Actor,
    row: UserRow,
    current: string | null,
    sessionHash: string | null,
    what: string,
  ): Promise<void> {
    // The link proves the mailbox: the current password is not looked at (nor checked, so a session
    // in its reset window cannot be used to test guesses either).
    if (await this.passwordResetUntil(actor, sessionHash)) return;
    if (row.password_hash && current) {
      if (await verifyPassword(current, row.password_hash)) return;
      throw new InvalidInputError('current_password', 'the current password is wrong');
    }
    const again = `sign in again with an emailed link: for ${RECENT_LINK_MINUTES} minutes after, you can ${what}`;
    throw new ForbiddenError(
      row.password_hash
        ? `give the current password, or ${again} without it`
        : `to prove this is your account, ${again}`,
    );
  }

  private async endOtherSessions(userId: number, keepSessionHash: string | null): Promise<void> {
    if (keepSessionHash) await this.stores.sessions.deleteForUserExcept(userId, keepSessionHash);
    else await this.stores.sessions.deleteForUser(userId);
  }

  /** A failed notice does not undo the change; it is logged. */
  private async notifyPasswordChange(
    user: UserRow,
    change: PasswordChange,
    ip: string | null,
  ): Promise<void> {
    try {
      await this.mail.send(
        passwordChangedEmail({
          to: user.email,
          siteName: this.site.name,
          change,
          at: this.nowIso(),
          // Only ever an address: nothing a client wrote reaches the email as text.
          ip: ip !== null && isIP(ip) !== 0 ? ip : null,
          signInUrl: `${this.site.baseUrl}/signin?next=%2Fsettings`,
          resetMinutes: RECENT_LINK_MINUTES,
        }),
      );
    } catch (err) {
      this.log.warn(
        { user_id: user.id, error: err instanceof Error ? err.message : String(err) },
        'password change notice not sent',
      );
    }
  }

  private async startSession(
    user: AuthUser,
    previousSession: string | null,
    method: SignInMethod,
  ): Promise<SignedIn> {
    // Whatever session the browser had (another account's, or one planted by an attacker) ends here.
    if (previousSession) await this.stores.sessions.delete(sha256Hex(previousSession));
    const token = randomToken();
    const now = this.clock.now();
    const maxMs = this.config.sessionMaxDays * DAY;
    await this.stores.sessions.insert({
      token_hash: sha256Hex(token),
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + maxMs).toISOString(),
      sign_in_method: method,
    });
    this.log.info({ user_id: user.id, method }, 'signed in');
    return { user, sessionToken: token, maxAgeSeconds: Math.floor(maxMs / 1000) };
  }

  /** A handle is derived from the address; a taken one gets a number. */
  private async createAccount(email: string) {
    const base = handleFromEmail(email);
    for (let attempt = 0; attempt < 8; attempt++) {
      const handle = attempt === 0 ? base : `${base.slice(0, 24)}_${randomInt(1000, 99999)}`;
      const row = await inTransaction(this.db, (s) =>
        s.users.insert({ email, handle, displayName: nameFromEmail(email) }, this.nowIso()),
      );
      if (row) {
        this.log.info({ user_id: row.id, handle }, 'account created');
        return row;
      }
      const raced = await this.stores.users.findByEmail(email);
      if (raced) return raced;
    }
    throw new Error(`could not find a free handle for a new account (${base})`);
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}
