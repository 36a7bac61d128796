// Personal API tokens for scripts: `pb_` + 32 random bytes, shown once, stored as SHA-256, scoped
// read or write, revocable, with the time of last use.
import type { TokenScope } from '../db/community-schema.js';
import type { Clock } from '../lib/clock.js';
import { randomToken, sha256Hex } from '../lib/secrets.js';
import type { Stores } from '../stores/index.js';
import { type Actor, type AuthUser, assertCanAct, toAuthUser } from './actor.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import type { RateLimitService } from './rate-limit.service.js';

export const TOKEN_PREFIX = 'pb_';
const MAX_ACTIVE_TOKENS = 20;

export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenAuth {
  user: AuthUser;
  scope: TokenScope;
  tokenId: number;
}

export class ApiTokensService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
  ) {}

  /** Returns the token itself, which is never shown again. */
  async create(
    actor: Actor,
    name: string,
    scope: TokenScope,
  ): Promise<{ token: string; info: ApiTokenInfo }> {
    assertCanAct(actor);
    await this.limits.check('token', { ip: actor.ip, user: actor.user });
    const label = name.trim();
    if (label.length < 1 || label.length > 60)
      throw new InvalidInputError('name', 'must be 1 to 60 characters');
    if ((await this.stores.apiTokens.countActive(actor.user.id)) >= MAX_ACTIVE_TOKENS)
      throw new ConflictError(`at most ${MAX_ACTIVE_TOKENS} active tokens; revoke one first`);
    const token = `${TOKEN_PREFIX}${randomToken()}`;
    const row = await this.stores.apiTokens.insert(
      { userId: actor.user.id, name: label, tokenHash: sha256Hex(token), prefix: token.slice(0, 8), scope },
      this.clock.now().toISOString(),
    );
    return { token, info: toInfo(row) };
  }

  async list(userId: number): Promise<ApiTokenInfo[]> {
    return (await this.stores.apiTokens.listForUser(userId)).map(toInfo);
  }

  async revoke(actor: Actor, id: number): Promise<void> {
    // A banned user may still revoke their tokens: it only takes power away.
    if (!(await this.stores.apiTokens.revoke(id, actor.user.id, this.clock.now().toISOString())))
      throw new NotFoundError(`no active token ${id} of yours`);
  }

  /** The account and scope of a bearer token; null when unknown, revoked, or the account is banned. */
  async authenticate(token: string): Promise<TokenAuth | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const row = await this.stores.apiTokens.findActiveByHash(sha256Hex(token));
    if (!row) return null;
    const user = await this.stores.users.findById(row.user_id);
    if (!user || user.banned_at) return null;
    const now = this.clock.now();
    await this.stores.apiTokens.touch(
      row.id,
      now.toISOString(),
      new Date(now.getTime() - 60_000).toISOString(),
    );
    return { user: toAuthUser(user), scope: row.scope, tokenId: row.id };
  }
}

function toInfo(row: {
  id: number;
  name: string;
  token_prefix: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scope: row.scope,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
