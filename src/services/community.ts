// Wires the community's services (accounts, sessions, tokens, votes, comments, submissions,
// moderation, rate limits) so app.ts needs one line for them.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { createMailTransport, type MailTransport } from '../email/transport.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stores } from '../stores/index.js';
import { AccountsService } from './accounts.service.js';
import { ApiTokensService } from './api-tokens.service.js';
import { AuthService } from './auth.service.js';
import { CommentsService } from './comments.service.js';
import type { CurationService } from './curation.service.js';
import type { IngestService } from './ingest.service.js';
import { ModerationService } from './moderation.service.js';
import { RateLimitService } from './rate-limit.service.js';
import { SubmissionsService } from './submissions.service.js';
import { VotesService } from './votes.service.js';

export function createCommunityServices(
  db: Db,
  stores: Stores,
  config: Config,
  clock: Clock,
  log: Logger,
  deps: { ingest: IngestService; curation: CurationService; mail?: MailTransport },
) {
  const c = config.community;
  const mail = deps.mail ?? createMailTransport({ smtpUrl: c.smtpUrl, from: c.mailFrom }, log);
  const rateLimits = new RateLimitService(stores, clock, c);
  const comments = new CommentsService(db, stores, clock, rateLimits, c);
  return {
    mail,
    rateLimits,
    auth: new AuthService(db, stores, clock, log, mail, rateLimits, c, {
      name: config.siteName,
      baseUrl: config.baseUrl,
    }),
    accounts: new AccountsService(stores, clock, rateLimits),
    apiTokens: new ApiTokensService(stores, clock, rateLimits),
    votes: new VotesService(db, stores, clock, rateLimits),
    comments,
    submissions: new SubmissionsService(
      db,
      stores,
      clock,
      log,
      rateLimits,
      c,
      deps.ingest,
      deps.curation,
      comments,
    ),
    moderation: new ModerationService(db, stores, clock, log, deps.curation),
  };
}
