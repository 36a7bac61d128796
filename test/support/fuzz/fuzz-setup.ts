// The catalogue and accounts a fuzz run works against, shared by the CI test and bench/fuzz.ts:
// the Hugging Face fixtures and the hostile records imported through the real importer, an admin
// signed in through the real link path (its session carries the fuzz requests past sign-in to
// their defect), a comment, an API token and a subscription to aim ids at, and the app's route
// table. The clock is the system's: the server process that is fuzzed runs on it too.
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../../src/app.js';
import type { Db } from '../../../src/db/database.js';
import { createHttpApp } from '../../../src/http/server.js';
import { systemClock } from '../../../src/lib/clock.js';
import { createTestApp, hfFixtureFiles } from '../app.js';
import { signedInUser } from '../community.js';
import { anonymousVisitor } from '../http.js';
import type { FuzzTarget } from './request-fuzzer.js';

const HOSTILE = fileURLToPath(new URL('../../../fixtures/handmade/2026-08-21.hostile.json', import.meta.url));

export async function prepareFuzzTarget(
  db: Db,
): Promise<{ ctx: AppContext; target: Omit<FuzzTarget, 'host'> }> {
  const ctx = createTestApp(db, {}, systemClock);
  const summary = await ctx.services.importer.importFiles([...hfFixtureFiles(), HOSTILE]);
  if (summary.refusedFiles > 0) throw new Error('a fixture was refused');
  const admin = await signedInUser(ctx, 'fuzz-admin@example.org', 'admin');
  const paper = '2608.10001';
  const comment = await ctx.services.comments.post(admin.actor, paper, 'A comment for the fuzzer to aim at.');
  await ctx.services.apiTokens.create(admin.actor, 'fuzz', 'write');
  await ctx.services.delivery.subscriptions.subscribe(
    {
      email: 'fuzz-reader@example.org',
      cadence: 'daily',
      skipWeekends: false,
      hour: 8,
      timeZone: 'UTC',
      digest: true,
      alert: 'attention',
    },
    { ip: null, user: null },
  );
  const anonymous = await anonymousVisitor(ctx);
  const author = (await ctx.services.papers.getPaper(paper)).authors[0]?.slug ?? 'x';
  return {
    ctx,
    target: {
      routes: createHttpApp(ctx).routes.map((r) => ({ method: r.method, path: r.path })),
      session: { cookie: admin.cookie, csrf: admin.csrf },
      anonymous: { cookie: anonymous.cookie, csrf: anonymous.csrf },
      paper,
      comment: comment.id,
      author,
    },
  };
}

/**
 * Columns a request may write without being accepted, by design: the session's and the API
 * token's last-use stamps, written at most once a minute by any request that carries them
 * (idle expiry needs them). The fingerprint compares every other column of every table.
 */
export const ACTIVITY_STAMPS: Record<string, string[]> = {
  sessions: ['last_seen_at'],
  api_tokens: ['last_used_at'],
};
