// Rate limits shared by every process: fixed windows counted in the database, one counter per action
// and client address and one per action and account, or per email for actions that name one whoever
// sends them (password attempts; never sign-in link requests, which would let anyone lock an address
// out of signing in: auth.service.ts caps the links mailed instead). Accounts younger than
// PAPERBOY_NEW_ACCOUNT_HOURS get a share of the per-account limit. IPv6 clients count by their /64
// (domain/client-address.ts), so rotating addresses within one's own network does not escape a limit.
import type { CommunityConfig, RateAction } from '../config.js';
import { rateLimitAddress } from '../domain/client-address.js';
import type { Clock } from '../lib/clock.js';
import type { Stores } from '../stores/index.js';
import type { AuthUser } from './actor.js';
import { RateLimitedError } from './errors.js';

export interface RateSubject {
  ip: string | null;
  user?: AuthUser | null;
  /** Counted per email too, whoever sends the attempt (password attempts). */
  email?: string | null;
}

/** Windows older than this are deleted now and then. */
const KEEP_MS = 2 * 86_400_000;

export class RateLimitService {
  private hits = 0;

  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly config: CommunityConfig,
  ) {}

  /** Counts the attempt; throws RateLimitedError when any of its counters is over its limit. */
  async check(action: RateAction, subject: RateSubject): Promise<void> {
    const limit = this.config.rateLimits[action];
    if (limit.max <= 0) return;
    const now = this.clock.now().getTime();
    const windowMs = limit.windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    const windowStart = new Date(start).toISOString();
    const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));

    const counters: { key: string; max: number }[] = [];
    if (subject.ip) counters.push({ key: `${action}:ip:${rateLimitAddress(subject.ip)}`, max: limit.max });
    if (subject.email) counters.push({ key: `${action}:email:${subject.email}`, max: limit.max });
    if (subject.user) {
      const ageHours = (now - Date.parse(subject.user.createdAt)) / 3_600_000;
      const isNew = ageHours < this.config.newAccountHours;
      const max = isNew ? Math.ceil(limit.max * this.config.newAccountRateFactor) : limit.max;
      counters.push({ key: `${action}:user:${subject.user.id}`, max });
    }
    let over = false;
    for (const c of counters) if ((await this.stores.rateLimits.hit(c.key, windowStart)) > c.max) over = true;
    if (++this.hits % 500 === 0)
      await this.stores.rateLimits.deleteBefore(new Date(now - KEEP_MS).toISOString());
    if (over) throw new RateLimitedError(action, retryAfter);
  }
}
