import { parseArgs } from 'node:util';
import { ConflictError } from '../services/errors.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

const STATUSES = ['open', 'dismissed', 'merged'] as const;

export const duplicatesCommand: Command = {
  name: 'duplicates',
  help: `Usage: paperboy duplicates [options]

Lists papers that may be one paper under two arXiv ids: when a new paper arrives whose title is
the same as a known paper's (ignoring case, accents, punctuation and spacing), the pair is flagged
here for a curator. Nothing is ever merged automatically.

Options:
  --status open|dismissed|merged   which flags to list (default open)
  --dismiss ID                     mark flag ID as looked at, not a duplicate
  --limit N                        how many to list (default 100)
  --json                           print the flags as JSON on stdout
  -h, --help                       show this help`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        status: { type: 'string', default: 'open' },
        dismiss: { type: 'string' },
        limit: { type: 'string', default: '100' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals.join(' ')}"`);
    const status = STATUSES.find((s) => s === values.status);
    if (!status) throw new UsageError('--status must be open, dismissed or merged');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const dismiss = values.dismiss === undefined ? null : Number(values.dismiss);
    if (dismiss !== null && (!Number.isInteger(dismiss) || dismiss < 1)) {
      throw new UsageError('--dismiss takes the number of a flag, as listed');
    }

    return withCliApp(async (ctx) => {
      if (dismiss !== null) {
        try {
          await ctx.services.curation.dismissDuplicate(dismiss);
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          console.error(`paperboy duplicates: ${err.message}`);
          return 1;
        }
        console.log(`flag ${dismiss} dismissed`);
        return 0;
      }
      const flags = await ctx.services.curation.listDuplicates(status, limit);
      if (values.json) {
        console.log(JSON.stringify(flags, null, 2));
        return 0;
      }
      if (flags.length === 0) {
        console.log(`no ${status} duplicate flags`);
        return 0;
      }
      for (const f of flags) {
        console.log(`#${f.id}  ${f.paper.arxivId}  ${f.paper.title}`);
        console.log(`     looks like ${f.other.arxivId}  ${f.other.title}`);
        console.log(
          `     (${f.reason}, flagged ${f.createdAt.slice(0, 10)}${f.status === 'open' ? '' : `, ${f.status}`})`,
        );
      }
      if (status === 'open')
        console.log(
          `\n${flags.length} open; \`paperboy duplicates --dismiss ID\` when a pair is not one paper`,
        );
      return 0;
    });
  },
};
