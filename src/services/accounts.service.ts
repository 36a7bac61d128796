// Accounts as others see them (profile pages) and as their owner edits them (settings), plus the
// operator's user commands (the CLI: list, add, role).
import type { Role, UserRow } from '../db/community-schema.js';
import { handleFromEmail, isHandle, nameFromEmail } from '../domain/handle.js';
import type { Clock } from '../lib/clock.js';
import type { CommentWithPaper } from '../stores/comments.store.js';
import type { Stores } from '../stores/index.js';
import { type Actor, assertCanAct } from './actor.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';
import type { RateLimitService } from './rate-limit.service.js';

const PROFILE_ITEMS = 30;

export interface Profile {
  handle: string;
  displayName: string;
  role: Role;
  joinedAt: string;
  banned: boolean;
  submissions: PaperCard[];
  upvoted: PaperCard[];
  comments: CommentWithPaper[];
}

export interface UserSummary {
  id: number;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  createdAt: string;
  bannedAt: string | null;
}

export class AccountsService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly limits: RateLimitService,
  ) {}

  async getProfile(handle: string): Promise<Profile> {
    const user = isHandle(handle.toLowerCase())
      ? await this.stores.users.findByHandle(handle.toLowerCase())
      : null;
    if (!user) throw new NotFoundError(`no user @${handle}`);
    const [submissions, upvoted, comments] = await Promise.all([
      this.stores.submissions.listForUser(user.id, PROFILE_ITEMS),
      this.stores.votes.listPapersForUser(user.id, PROFILE_ITEMS),
      this.stores.comments.listForUser(user.id, PROFILE_ITEMS),
    ]);
    return {
      handle: user.handle,
      displayName: user.display_name,
      role: user.role,
      joinedAt: user.created_at,
      banned: user.banned_at !== null,
      submissions: submissions.map(({ paper, entry }) => toPaperCard(paper, entry)),
      upvoted: upvoted.map((p) => toPaperCard(p)),
      comments,
    };
  }

  async updateProfile(actor: Actor, displayName: string, handle: string): Promise<void> {
    assertCanAct(actor);
    const name = displayName.trim();
    if (name.length < 1 || name.length > 50 || [...name].some((ch) => ch < ' ' || ch === '\u007f'))
      throw new InvalidInputError('display_name', 'must be 1 to 50 characters');
    const h = handle.trim().toLowerCase();
    if (!isHandle(h)) throw new InvalidInputError('handle', 'must be 2 to 30 letters, digits or underscores');
    // A handle change frees the old one and moves the profile and @mentions: limited, so nobody
    // cycles through handles (squatting them, or taking one just freed to pass for its owner).
    if (h !== actor.user.handle) await this.limits.check('handle', { ip: actor.ip, user: actor.user });
    // The unique index settles a race for a free handle: the loser gets this 409, not a 500.
    if (!(await this.stores.users.updateProfile(actor.user.id, name, h, this.clock.now().toISOString())))
      throw new ConflictError(`@${h} is taken`);
  }

  /** For the operator: creates the account if needed, then gives it the role. */
  async addUser(email: string, role: Role): Promise<{ user: UserSummary; created: boolean }> {
    const address = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
      throw new InvalidInputError('email', `"${email}" is not an email address`);
    const now = this.clock.now().toISOString();
    let row = await this.stores.users.findByEmail(address);
    let created = false;
    for (let i = 0; !row && i < 5; i++) {
      const base = handleFromEmail(address);
      row = await this.stores.users.insert(
        {
          email: address,
          handle: i === 0 ? base : `${base.slice(0, 24)}_${i}${now.slice(17, 19)}`,
          displayName: nameFromEmail(address),
          role,
        },
        now,
      );
      created = row !== null;
    }
    if (!row) throw new ConflictError(`could not create an account for ${address}`);
    if (row.role !== role) {
      await this.stores.users.setRole(row.id, role, now);
      row = { ...row, role };
    }
    return { user: toSummary(row), created };
  }

  async listUsers(limit = 1000): Promise<UserSummary[]> {
    return (await this.stores.users.list(limit)).map(toSummary);
  }
}

function toSummary(u: UserRow): UserSummary {
  return {
    id: u.id,
    email: u.email,
    handle: u.handle,
    displayName: u.display_name,
    role: u.role,
    createdAt: u.created_at,
    bannedAt: u.banned_at,
  };
}
