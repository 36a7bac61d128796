// Who is acting, as services see it: the account (loaded fresh for each request, so a ban or a role
// change takes effect at once), the client address for per-address limits, and how they came in.
import type { Role, UserRow } from '../db/community-schema.js';
import { ForbiddenError } from './errors.js';

export interface AuthUser {
  id: number;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  createdAt: string;
  bannedAt: string | null;
  hasPassword: boolean;
}

export interface Actor {
  user: AuthUser;
  /** Null from the CLI. */
  ip: string | null;
  via: 'session' | 'token' | 'cli';
}

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
    bannedAt: row.banned_at,
    hasPassword: row.password_hash !== null,
  };
}

const RANK: Record<Role, number> = { member: 0, curator: 1, admin: 2 };

export function hasRole(user: AuthUser, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/** Every write starts here: a banned account can do nothing, and a role below `role` is refused. */
export function assertCanAct(actor: Actor, role: Role = 'member'): void {
  if (actor.user.bannedAt !== null) throw new ForbiddenError('this account is banned');
  if (!hasRole(actor.user, role)) throw new ForbiddenError(`only a ${role} may do this`);
}
