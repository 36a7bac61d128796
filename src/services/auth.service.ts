// Signing in and out. Sign-in links: a 32-byte token emailed, its SHA-256 stored, valid for
// PAPERBOY_SIGNIN_LINK_MINUTES and consumed atomically once. Passwords: scrypt (lib/password.ts).
// Sessions: a fresh 32-byte token on every sign-in (never one the browser brought: fixation), stored
// hashed, ending after idle and absolute limits; signing out everywhere deletes them all.
// The server secret (CSRF tokens) comes from PAPERBOY_SECRET or is generated once into `settings`.
import { randomInt } from 'node:crypto';
import type { CommunityConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { handleFromEmail, nameFromEmail } from '../domain/handle.js';
import { signInEmail } from '../email/templates/sign-in.email.js';
import type { MailTransport } from '../email/transport.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { dummyHash, hashPassword, verifyPassword } from '../lib/password.js';
import { randomToken, sha256Hex } from '../lib/secrets.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { type Actor, type AuthUser, assertCanAct, toAuthUser } from './actor.js';
import { ForbiddenError, InvalidInputError, UnauthorizedError } from './errors.js';
import type { RateLimitService } from './rate-limit.service.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

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
   * enumeration); a banned account gets no email.
   */
  async requestSignInLink(email: string, ip: string | null, next = '/'): Promise<void> {
    await this.limits.check('signin', { ip, email });
    const existing = await this.stores.users.findByEmail(email);
    if (existing?.banned_at) {
      this.log.info({ user_id: existing.id }, 'sign-in link refused to a banned account');
      return;
    }
    const token = randomToken();
    const now = this.clock.now();
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
    return this.startSession(toAuthUser(user), previousSession);
  }

  async signInWithPassword(
    email: string,
    password: string,
    ip: string | null,
    previousSession: string | null,
  ): Promise<SignedIn> {
    if (!this.config.passwordSignIn) throw new ForbiddenError('password sign-in is turned off here');
    await this.limits.check('signin', { ip, email });
    const user = await this.stores.users.findByEmail(email);
    // Verify against a dummy hash when there is no account or no password, so timing tells nothing.
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
    if (!user || !user.password_hash || !ok) throw new UnauthorizedError('wrong email or password');
    if (user.banned_at) throw new ForbiddenError('this account is banned');
    return this.startSession(toAuthUser(user), previousSession);
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

  /** Ends every session of the account, on every device; returns how many. */
  async signOutEverywhere(actor: Actor): Promise<number> {
    const n = await this.stores.sessions.deleteForUser(actor.user.id);
    this.log.info({ user_id: actor.user.id, sessions: n }, 'signed out everywhere');
    return n;
  }

  /** Sets or changes the password; a change needs the current one and ends the other sessions. */
  async setPassword(
    actor: Actor,
    current: string | null,
    next: string,
    keepSessionHash: string | null,
  ): Promise<void> {
    assertCanAct(actor);
    if (!this.config.passwordSignIn) throw new ForbiddenError('password sign-in is turned off here');
    if (next.length < 10) throw new InvalidInputError('password', 'must be at least 10 characters');
    // Counted like sign-in attempts: a stolen session must not become a way to guess the password.
    await this.limits.check('signin', { ip: actor.ip, user: actor.user });
    const row = await this.stores.users.findById(actor.user.id);
    if (!row) throw new UnauthorizedError('no such account');
    if (row.password_hash && !(current !== null && (await verifyPassword(current, row.password_hash))))
      throw new InvalidInputError('current_password', 'the current password is wrong');
    await this.stores.users.setPasswordHash(row.id, await hashPassword(next), this.nowIso());
    if (keepSessionHash) await this.stores.sessions.deleteForUserExcept(row.id, keepSessionHash);
    else await this.stores.sessions.deleteForUser(row.id);
  }

  private async startSession(user: AuthUser, previousSession: string | null): Promise<SignedIn> {
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
    });
    this.log.info({ user_id: user.id }, 'signed in');
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
