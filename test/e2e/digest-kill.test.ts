// `paperboy digest send` killed (SIGKILL) between handing a digest to the SMTP server and recording
// it, then run again: every subscriber ends with exactly one digest for the period. The message whose
// fate the dead sender never recorded goes out a second time with the same Message-ID, which is how
// mail systems recognise a resend as the same message (docs/decisions.md, "Delivery"); every other
// digest goes out once. On both databases.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AppContext } from '../../src/app.js';
import { createTestApp, movableClock } from '../support/app.js';
import { startPaperboy, runPaperboy } from '../support/cli.js';
import { seedPapers } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';
import { messageIdOf, startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

const EMAILS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((p) => `${p}@example.org`);

describeEachDatabase('paperboy digest send killed mid-send', (get) => {
  let smtp: TestSmtpServer;
  let ctx: AppContext;
  let kill: (() => void) | null = null;
  let accepted = 0;

  before(async () => {
    smtp = await startSmtpServer({
      onData: () => {
        accepted++;
        // The third digest: the server has it; the sender dies before it hears the 250.
        if (accepted === 3 && kill) kill();
      },
    });
    // Subscribers and papers, made in process; the outbox is then the child's to send.
    const clock = movableClock('2026-08-20T10:00:00.000Z');
    const base = createTestApp(get().db);
    ctx = createTestApp(
      get().db,
      {
        community: { ...base.config.community, smtpUrl: smtp.url },
        delivery: { ...base.config.delivery, mailPerMinute: 0 },
      },
      clock,
    );
    const { subscriptions, sender, digests } = ctx.services.delivery;
    for (const email of EMAILS)
      await subscriptions.subscribe(
        { email, cadence: 'daily', skipWeekends: false, hour: 6, timeZone: 'UTC', digest: true, alert: null },
        { ip: null, user: null },
      );
    await sender.deliverDue();
    for (const email of EMAILS) {
      const token = /subscription\/confirm\?token=([A-Za-z0-9_-]+)/.exec(
        (await smtp.nextMessage(email)).text,
      )?.[1];
      await subscriptions.confirm(token ?? '');
    }
    clock.set('2026-08-20T12:00:00.000Z');
    await seedPapers(ctx, [{ arxivId: '2608.40001', day: '2026-08-20', fields: { hfUpvotes: 3 } }]);
    clock.set('2026-08-21T06:01:00.000Z');
    assert.equal((await digests.planDue()).queued, EMAILS.length);
    smtp.messages.length = 0;
    accepted = 0;
  });
  after(() => smtp.close());

  test('the killed run resumes after the lease: one digest per subscriber, the lost one resent as itself', async () => {
    const env = {
      PAPERBOY_DATABASE_URL: get().url,
      PAPERBOY_SMTP_URL: smtp.url,
      PAPERBOY_BASE_URL: 'https://papers.example.org',
      PAPERBOY_MAIL_PER_MINUTE: '0',
      PAPERBOY_MAIL_LEASE_SECONDS: '1',
      PAPERBOY_LOG_LEVEL: 'info',
    };
    const first = startPaperboy(['digest', 'send'], { env });
    kill = () => first.child.kill('SIGKILL');
    const killed = await first.done;
    kill = null;
    assert.equal(
      killed.code,
      null,
      `the sender was killed, not finished:\n${killed.stdout}\n${killed.stderr}`,
    );
    assert.equal(smtp.messages.length, 3);

    // The lease of the message in flight lapses; a new run takes over.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const second = await runPaperboy(['digest', 'send'], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /sent 4 \(1 again after a lost lease\)/);
    assert.match(second.stderr, /sending again after a sender lost its lease; the Message-ID is unchanged/);

    for (const email of EMAILS) {
      const received = smtp.messages.filter((m) => m.to.includes(email));
      assert.ok(received.length >= 1, email);
      assert.equal(
        new Set(received.map(messageIdOf)).size,
        1,
        `${email}: one message, however often handed over`,
      );
    }
    // Exactly one message was handed over twice: the one in flight when the sender died.
    assert.equal(smtp.messages.length, EMAILS.length + 1);

    const status = await ctx.services.delivery.subscriptions.status();
    assert.equal(status.outbox.sent, EMAILS.length * 2, 'confirmations and digests, all recorded as sent');
    assert.equal(status.outbox.sending + status.outbox.pending, 0);
    // And a third run has nothing to do.
    const third = await runPaperboy(['digest', 'send'], { env });
    assert.match(third.stdout, /sent 0/);
  });
});
