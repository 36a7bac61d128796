// Profiles as their owners edit them, on both databases: a race for one free handle ends in one
// winner and 409s (the unique index decides), and handle changes are rate-limited.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { AppContext } from '../app.js';
import { createTestApp } from '../../test/support/app.js';
import { signedInUser, type TestUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { ConflictError, RateLimitedError } from './errors.js';

describeEachDatabase('accounts service', (get) => {
  let ctx: AppContext;
  let racers: TestUser[];

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, {
      community: {
        ...base.config.community,
        newAccountRateFactor: 1,
        rateLimits: { ...base.config.community.rateLimits, handle: { max: 2, windowSeconds: 86_400 } },
      },
    });
    racers = [];
    for (let i = 0; i < 6; i++) racers.push(await signedInUser(ctx, `racer${i}@example.org`));
  });

  test('many accounts taking one free handle at once: one gets it, the others a ConflictError', async () => {
    const results = await Promise.allSettled(
      racers.map((r) => ctx.services.accounts.updateProfile(r.actor, 'Racer', 'the_prize')),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results)
      if (r.status === 'rejected') {
        assert.ok(r.reason instanceof ConflictError, String(r.reason));
        assert.equal((r.reason as Error).message, '@the_prize is taken');
      }
    const owner = await ctx.services.accounts.getProfile('the_prize');
    assert.equal(owner.displayName, 'Racer');
    // Taken later, one at a time: the same 409.
    const loser = racers[results.findIndex((r) => r.status === 'rejected')];
    assert.ok(loser);
    await assert.rejects(ctx.services.accounts.updateProfile(loser.actor, 'X', 'The_Prize'), ConflictError);
  });

  test('handle changes are limited per account; saving the same handle is not a change', async () => {
    const user = await signedInUser(ctx, 'renamer@example.org');
    let actor = user.actor;
    const rename = async (handle: string) => {
      await ctx.services.accounts.updateProfile(actor, 'Renamer', handle);
      actor = { ...actor, user: { ...actor.user, handle } };
    };
    await rename('renamer_one');
    await rename('renamer_two');
    await assert.rejects(rename('renamer_three'), RateLimitedError);
    // The display name can still change under the same handle.
    await ctx.services.accounts.updateProfile(actor, 'Someone Else', 'renamer_two');
    assert.equal((await ctx.services.accounts.getProfile('renamer_two')).displayName, 'Someone Else');
  });
});
