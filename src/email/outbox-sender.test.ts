// The outbox sender against a real SMTP server that misbehaves: it refuses an address for good (550)
// or for now (451), it is down for a while, it drops the connection in the middle of a message. In
// the end every subscriber has exactly one digest per period, refused addresses are paused after
// PAPERBOY_MAIL_PAUSE_AFTER_FAILURES and show on the admin page, and the sending rate limit holds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AppContext } from '../app.js';
import type { Actor } from '../services/actor.js';
import { createTestApp, movableClock, type MovableClock } from '../../test/support/app.js';
import { seedPapers, signedInUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { messageIdOf, startSmtpServer, type TestSmtpServer } from '../../test/support/smtp-server.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { classifySmtpError } from './outbox-sender.js';

const confirmToken = (text: string) => /subscription\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

test('SMTP errors: 5xx to a recipient is final and theirs; 4xx, drops and refusals are retried and ours', () => {
  assert.deepEqual(
    classifySmtpError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 no' }),
    {
      permanent: true,
      recipient: true,
      message: '550 at RCPT TO: 550 no',
    },
  );
  assert.equal(classifySmtpError({ responseCode: 552, command: 'DATA' }).permanent, true);
  assert.deepEqual(classifySmtpError({ responseCode: 451, command: 'RCPT TO', response: '451 later' }), {
    permanent: false,
    recipient: true,
    message: '451 at RCPT TO: 451 later',
  });
  assert.deepEqual(classifySmtpError({ code: 'ECONNECTION', message: 'Connection closed' }), {
    permanent: false,
    recipient: false,
    message: 'ECONNECTION: Connection closed',
  });
  // A server that refuses us at the greeting is our problem, not the subscriber's.
  assert.equal(classifySmtpError({ responseCode: 554, command: 'CONN' }).permanent, false);
  assert.equal(classifySmtpError(new Error('boom')).permanent, false);
});

describeEachDatabase('outbox sender under SMTP faults', (get) => {
  let smtp: TestSmtpServer;
  let proxy: TcpProxy;
  let clock: MovableClock;
  let ctx: AppContext;
  let admin: Actor;
  const refused = new Map<string, { code: number; message: string }>();

  before(async () => {
    smtp = await startSmtpServer({ refuse: (address) => refused.get(address) ?? null });
    proxy = await startTcpProxy(Number(new URL(smtp.url).port));
    clock = movableClock('2026-08-20T10:00:00.000Z');
    const base = createTestApp(get().db);
    ctx = createTestApp(
      get().db,
      {
        community: { ...base.config.community, smtpUrl: `smtp://127.0.0.1:${proxy.port}` },
        delivery: {
          ...base.config.delivery,
          mailPerMinute: 0,
          mailRetrySeconds: 1,
          mailMaxAttempts: 4,
          pauseAfterFailures: 2,
        },
      },
      clock,
    );
    admin = (await signedInUser(ctx, 'root@example.org', 'admin')).actor;
  });
  after(async () => {
    await proxy.close();
    await smtp.close();
  });

  /** Subscribes and confirms these addresses (daily at 06:00 UTC), and gives them one new paper a day. */
  async function subscribers(emails: string[]): Promise<void> {
    const { subscriptions, sender } = ctx.services.delivery;
    for (const email of emails)
      await subscriptions.subscribe(
        { email, cadence: 'daily', skipWeekends: false, hour: 6, timeZone: 'UTC', digest: true, alert: null },
        { ip: null, user: null },
      );
    assert.equal((await sender.deliverDue()).sent, emails.length);
    for (const email of emails)
      await subscriptions.confirm(confirmToken((await smtp.nextMessage(email)).text));
  }

  async function newDay(day: string, arxivId: string): Promise<void> {
    clock.set(`${day}T12:00:00.000Z`);
    await seedPapers(ctx, [{ arxivId, day, fields: { hfUpvotes: 2 } }]);
  }

  /** Runs the sender until nothing is due now, moving the clock past each retry. */
  async function drain(): Promise<void> {
    const { sender, nextSendAt } = ctx.services.delivery;
    for (let i = 0; i < 20; i++) {
      await sender.deliverDue();
      const next = await nextSendAt();
      if (!next) return;
      if (next > clock.now()) clock.set(next);
    }
    assert.fail('the outbox did not drain');
  }

  const digestsTo = (email: string) =>
    smtp.messages.filter((m) => m.to.includes(email) && /Trending/.test(m.subject));

  test('down for a while, then a dropped connection mid-message: each digest arrives exactly once', async () => {
    await subscribers(['down1@example.org', 'down2@example.org']);
    await newDay('2026-08-20', '2608.30001');
    clock.set('2026-08-21T06:01:00.000Z');
    assert.equal((await ctx.services.delivery.digests.planDue()).queued, 2);

    proxy.mode = 'refuse';
    const refusedRun = await ctx.services.delivery.sender.deliverDue();
    assert.equal(refusedRun.retrying, 2);
    assert.equal(refusedRun.sent, 0);
    // Still down at the first retry.
    clock.advance(60_000);
    assert.equal((await ctx.services.delivery.sender.deliverDue()).retrying, 2);

    proxy.mode = 'drop-in-data';
    clock.advance(10 * 60_000);
    const dropped = await ctx.services.delivery.sender.deliverDue();
    assert.equal(dropped.sent, 0);
    assert.ok(proxy.drops >= 1);

    proxy.mode = 'pass';
    await drain();
    for (const email of ['down1@example.org', 'down2@example.org']) {
      const got = digestsTo(email);
      assert.equal(got.length, 1, email);
      assert.equal(new Set(got.map(messageIdOf)).size, 1);
    }
    const status = await ctx.services.delivery.subscriptions.deliveryStatus(admin);
    assert.equal(status.outbox.sending, 0);
    assert.equal(status.outbox.pending, 0);
  });

  test('a refused address: final at once, paused after two in a row, shown to admins, resumed by one', async () => {
    await subscribers(['gone@example.org', 'fine@example.org', 'later@example.org']);
    refused.set('gone@example.org', { code: 550, message: 'mailbox unavailable' });
    // Greylisting: the first attempt is refused for now, a retry goes through.
    refused.set('later@example.org', { code: 451, message: 'greylisted, try again later' });
    for (const [day, next, id] of [
      ['2026-08-22', '2026-08-23', '2608.30002'],
      ['2026-08-23', '2026-08-24', '2608.30003'],
      ['2026-08-24', '2026-08-25', '2608.30004'],
    ] as const) {
      await newDay(day, id);
      clock.set(`${next}T06:01:00.000Z`);
      await ctx.services.delivery.digests.planDue();
      const first = ctx.services.delivery.sender.deliverDue();
      await first;
      refused.delete('later@example.org');
      await drain();
    }
    assert.equal(digestsTo('gone@example.org').length, 0);
    assert.equal(digestsTo('fine@example.org').length, 3);
    assert.equal(digestsTo('later@example.org').length, 3);

    const { subscriptions } = ctx.services.delivery;
    const gone = await subscriptions.findByEmail('gone@example.org');
    assert.equal(gone?.status, 'paused');
    assert.match(gone?.paused_reason ?? '', /paused after 2 delivery failures in a row: 550 at RCPT TO/);
    assert.equal(gone?.next_due_at, null, 'a paused subscription is not planned');

    const status = await subscriptions.deliveryStatus(admin);
    assert.deepEqual(
      status.troubled.map((t) => [t.email, t.status]),
      [['gone@example.org', 'paused']],
    );
    assert.equal(status.failedEmails.filter((m) => m.to_address === 'gone@example.org').length, 2);
    await assert.rejects(
      subscriptions.deliveryStatus({ ...admin, user: { ...admin.user, role: 'curator' } }),
      /admin/,
    );

    refused.delete('gone@example.org');
    await subscriptions.resumeByAdmin(admin, gone!.id);
    await newDay('2026-08-25', '2608.30005');
    clock.set('2026-08-26T06:01:00.000Z');
    await ctx.services.delivery.digests.planDue();
    await drain();
    assert.equal(digestsTo('gone@example.org').length, 1);
    assert.equal((await subscriptions.findByEmail('gone@example.org'))?.failures, 0);
  });

  test('the sending rate limit holds across senders; the rest waits for the next minute', async () => {
    const limited = createTestApp(
      get().db,
      { ...ctx.config, delivery: { ...ctx.config.delivery, mailPerMinute: 2 } },
      clock,
    );
    const emails = ['r1', 'r2', 'r3', 'r4', 'r5'].map((p) => `${p}@example.org`);
    const { subscriptions } = limited.services.delivery;
    clock.set('2026-08-27T10:00:30.000Z');
    for (const email of emails)
      await subscriptions.subscribe(
        { email, cadence: 'daily', skipWeekends: false, hour: 6, timeZone: 'UTC', digest: true, alert: null },
        { ip: null, user: null },
      );
    const other = createTestApp(get().db, limited.config, clock);
    const [a, b] = await Promise.all([
      limited.services.delivery.sender.deliverDue(),
      other.services.delivery.sender.deliverDue(),
    ]);
    assert.equal(a.sent + b.sent, 2);
    assert.ok(a.rateLimited || b.rateLimited);
    assert.equal(a.rateLimitedUntil ?? b.rateLimitedUntil, '2026-08-27T10:01:00.000Z');
    // Still this minute: nothing more goes.
    assert.equal((await limited.services.delivery.sender.deliverDue()).sent, 0);
    clock.set('2026-08-27T10:01:00.000Z');
    assert.equal((await limited.services.delivery.sender.deliverDue()).sent, 2);
    clock.set('2026-08-27T10:02:00.000Z');
    assert.equal((await limited.services.delivery.sender.deliverDue()).sent, 1);
    for (const email of emails) assert.ok(await smtp.nextMessage(email));
  });
});
