// Test support for the community: papers to vote on, accounts of each role signed in through the real
// sign-in-link path, and requests that carry their cookie and CSRF token.
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import type { Role } from '../../src/db/community-schema.js';
import { emptyPaper, type IncomingPaper } from '../../src/domain/paper-record.js';
import { sessionCsrfToken } from '../../src/http/auth/csrf-tokens.js';
import { upsertRecords } from '../../src/ingest/upsert.js';
import { randomToken, sha256Hex } from '../../src/lib/secrets.js';
import type { Actor } from '../../src/services/actor.js';
import { createStores, inTransaction } from '../../src/stores/index.js';

/** Inserts papers (featured on `day` when given) and returns nothing; ids are the arXiv ids given. */
export async function seedPapers(
  ctx: AppContext,
  papers: { arxivId: string; day?: string; fields?: Partial<IncomingPaper> }[],
): Promise<void> {
  const records = papers.map((p) => ({
    paper: {
      ...emptyPaper(p.arxivId, 'arxiv-api'),
      title: `Paper ${p.arxivId}`,
      abstract: 'An abstract.',
      authors: ['Ada Lovelace'],
      categories: ['cs.CL'],
      publishedAt: '2026-08-20T00:00:00.000Z',
      ...p.fields,
    },
    daily: p.day
      ? {
          arxivId: p.arxivId,
          day: p.day,
          featuredAt: `${p.day}T08:00:00.000Z`,
          source: 'curator' as const,
          submitterName: null,
          submitterFullname: null,
          submitterAvatarUrl: null,
        }
      : null,
  }));
  await inTransaction(ctx.db, (stores) => upsertRecords(stores, records, ctx.clock.now().toISOString()));
}

export interface TestUser {
  actor: Actor;
  /** `pb_session=...` */
  cookie: string;
  sessionToken: string;
  /** SHA-256 of the session token, as services take it (the session began by emailed link). */
  sessionHash: string;
  csrf: string;
  /** A request from this user's browser: cookie always, CSRF token in the form body for POSTs. */
  request(
    app: Hono,
    path: string,
    init?: { method?: string; form?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** Creates (or finds) the account and signs it in through a one-time link, as a browser would. */
export async function signedInUser(ctx: AppContext, email: string, role: Role = 'member'): Promise<TestUser> {
  const { user } = await ctx.services.accounts.addUser(email, role);
  const token = randomToken();
  const now = ctx.clock.now();
  // The link's token is stored as requestSignInLink would; signInWithLink is the real path.
  const stores = createStores(ctx.db.kysely, ctx.db.dialect);
  await stores.loginTokens.insert(
    sha256Hex(token),
    user.email,
    now.toISOString(),
    new Date(now.getTime() + 60_000).toISOString(),
  );
  const signed = await ctx.services.auth.signInWithLink(token, null, null);
  const csrf = sessionCsrfToken(await ctx.services.auth.serverSecret(), sha256Hex(signed.sessionToken));
  const cookie = `pb_session=${signed.sessionToken}`;
  return {
    actor: { user: signed.user, ip: null, via: 'session' },
    cookie,
    sessionToken: signed.sessionToken,
    sessionHash: sha256Hex(signed.sessionToken),
    csrf,
    request(app, path, init = {}) {
      const method = init.method ?? (init.form ? 'POST' : 'GET');
      const headers: Record<string, string> = { cookie, ...init.headers };
      let body: string | undefined;
      if (init.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams({ _csrf: csrf, ...init.form }).toString();
      }
      return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }));
    },
  };
}
