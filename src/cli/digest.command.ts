import { parseArgs } from 'node:util';
import { fillPlaceholders } from '../email/placeholders.js';
import { createProgressBar } from '../lib/progress.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

export const digestCommand: Command = {
  name: 'digest',
  help: `Usage: paperboy digest preview [--email ADDRESS | --cadence daily|weekly] [--html]
       paperboy digest send [--dry-run] [--json]
       paperboy digest status [--json]

Email digests and topic alerts. The worker (paperboy worker, or serve) plans and sends them by itself
every minute; these commands are for looking, and for cron setups without a worker.

  preview   prints the email a subscriber would get now (--email), or the digest a new subscriber
            would get (--cadence; the default is daily). Nothing is written or sent. The text part
            unless --html.
  send      writes the digests that are due to the outbox and sends what the outbox holds, with a
            progress bar and a summary. --dry-run lists who would get what, and writes nothing.
            Safe beside running workers: each period is sent once.
  status    subscriptions by state, the outbox by state, and the paused subscriptions.

Options:
  --email ADDRESS   preview this subscriber's next email (their alerts included)
  --cadence C       preview the daily or weekly digest
  --html            preview the HTML part
  --dry-run         send: plan only, write nothing, send nothing
  --json            print JSON
  -h, --help        show this help

Examples:
  paperboy digest preview --cadence weekly
  paperboy digest preview --email ada@example.org --html > next.html
  paperboy digest send --dry-run`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        cadence: { type: 'string' },
        html: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    const [verb, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0] ?? ''}"`);
    if (verb !== 'preview' && verb !== 'send' && verb !== 'status')
      throw new UsageError(verb ? `unknown digest action "${verb}"` : 'say preview, send or status');
    const cadence = values.cadence ?? 'daily';
    if (cadence !== 'daily' && cadence !== 'weekly') throw new UsageError('--cadence is daily or weekly');

    return withCliApp(async (ctx) => {
      const { digests, sender } = ctx.services.delivery;
      const placeholders = { token: 'preview', outboxId: 0 };

      if (verb === 'preview') {
        let message;
        if (values.email) {
          const sub = await ctx.services.delivery.subscriptions.findByEmail(values.email);
          if (!sub) {
            console.error(`no subscription for ${values.email}`);
            return 1;
          }
          const preview = await digests.preview(sub.id);
          if (!preview) {
            console.log(
              `nothing new for ${sub.email}: their next email would be empty, so none would be sent`,
            );
            return 0;
          }
          message = preview.message;
        } else {
          const generic = await digests.previewGeneric(cadence);
          if (generic.content.trending.length === 0) {
            console.log(
              `nothing was added to the feed in the last ${cadence === 'weekly' ? 'week' : 'day'}: a new subscriber would get no email now`,
            );
            return 0;
          }
          message = generic.message;
          if (generic.asOf)
            console.error(
              `nothing was featured today: this is the digest as of the feed's newest day (${generic.asOf.slice(0, 10)})`,
            );
        }
        if (values.json)
          console.log(
            JSON.stringify(
              {
                to: message.to,
                subject: message.subject,
                headers: message.headers ?? {},
                text: fillPlaceholders(message.text, placeholders),
                html: fillPlaceholders(message.html, placeholders),
              },
              null,
              2,
            ),
          );
        else {
          console.log(`Subject: ${message.subject}\n`);
          console.log(fillPlaceholders(values.html ? message.html : message.text, placeholders));
        }
        return 0;
      }

      if (verb === 'status') {
        const status = await ctx.services.delivery.subscriptions.status();
        if (values.json) {
          console.log(JSON.stringify(status, null, 2));
          return 0;
        }
        const line = (counts: Record<string, number>) =>
          Object.entries(counts)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ');
        console.log(`subscriptions: ${line(status.subscriptions)}`);
        console.log(`outbox: ${line(status.outbox)}; sent in the last 24 h: ${status.sentToday}`);
        for (const s of status.troubled)
          console.log(
            `  ${s.status.padEnd(8)} ${s.email}  failures ${s.failures}  ${s.paused_reason ?? s.last_error ?? ''}`,
          );
        return 0;
      }

      const dryRun = values['dry-run'] === true;
      const plan = await digests.planDue({ dryRun });
      if (dryRun) {
        if (values.json) console.log(JSON.stringify(plan, null, 2));
        else {
          for (const p of plan.planned)
            console.log(
              `${p.email}  ${p.periodKey}  ${p.trending} trending, ${p.alertMatches} alert matches`,
            );
          console.log(
            `dry run: ${plan.due} due, ${plan.queued} would get an email, ${plan.empty} have nothing new; nothing written`,
          );
        }
        return 0;
      }
      const waiting = (await ctx.services.delivery.subscriptions.status()).outbox.pending;
      const bar = createProgressBar('sending', waiting);
      const sent = await sender.deliverDue({
        onSent: (s) => bar.update(s.sent + s.failed + s.dead + s.cancelled + s.retrying, `${s.sent} sent`),
      });
      bar.finish();
      const summary = { planned: plan, delivery: sent };
      if (values.json) console.log(JSON.stringify(summary, null, 2));
      else {
        console.log(
          `planned: ${plan.due} due, ${plan.queued} written to the outbox, ${plan.empty} with nothing new, ${plan.skipped} already handled`,
        );
        console.log(
          `sent ${sent.sent}${sent.resent ? ` (${sent.resent} again after a lost lease)` : ''}, retrying ${sent.retrying}, refused ${sent.failed}, given up ${sent.dead}, cancelled ${sent.cancelled}${sent.rateLimited ? '; the sending rate limit stopped the run, the rest goes out with the worker' : ''}`,
        );
      }
      return sent.failed + sent.dead > 0 ? 1 : 0;
    });
  },
};
