// Hands the outbox to the SMTP server: every email that is due, until none is, the sending rate limit
// says wait (then the job comes back when the window turns), or the worker stops. Queued in the same
// transaction as each email, and every minute by the scheduler for retries. Idempotent: a message is
// claimed under a lease and marked sent once the server took it (email/outbox-sender.ts).
import { z } from 'zod';
import { defineJob } from '../job-definition.js';

export const sendOutboxJob = defineJob({
  kind: 'send-outbox',
  summary: 'send the emails that are due in the outbox: {}',
  payload: z.object({}).strict(),
  routine: true,
  uniqueKey: () => 'send-outbox',
  async run(_p, ctx) {
    const { delivery } = ctx.services;
    const r = await delivery.sender.deliverDue({ workerId: `job-${ctx.job.id}`, signal: ctx.signal });
    // Come back when the rate limit's window turns, or when the next retry is due.
    const next = r.rateLimitedUntil ? new Date(r.rateLimitedUntil) : await delivery.nextSendAt();
    if (next && !ctx.signal.aborted)
      await ctx.services.jobs.enqueue('send-outbox', {}, { runAt: next, uniqueKey: 'send-outbox:later' });
    return { ...r, next_at: next?.toISOString() ?? null };
  },
});
