import { parseArgs } from 'node:util';
import { IngestError } from '../services/ingest.service.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

export const featureCommand: Command = {
  name: 'feature',
  help: `Usage: paperboy feature [options] ARXIV_ID

Puts a paper on a day's feed as a curator's pick. A paper not yet in the catalogue is fetched from
the arXiv API first; an id arXiv does not know is refused and nothing is added.

Options:
  --day YYYY-MM-DD   the feed day (default: today, UTC)
  --submitter NAME   who picked it, shown beside the paper
  --json             print { arxivId, title, day, added, fetched } on stdout
  -h, --help         show this help

Exit status: 0 when the paper is on the feed (added now or before), 1 when it could not be.

Examples:
  paperboy feature 1706.03762
  paperboy feature hep-th/9901001 --day 2026-08-21 --submitter "Ada Lovelace"`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { day: { type: 'string' }, submitter: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one ARXIV_ID');
    const id = positionals[0] ?? '';
    return withCliApp(async (ctx) => {
      try {
        const r = await ctx.services.curation.feature(id, { day: values.day, submitter: values.submitter });
        if (values.json) console.log(JSON.stringify(r, null, 2));
        else if (r.added) {
          console.log(
            `featured ${r.arxivId} "${r.title}" on ${r.day}${r.fetched ? ' (fetched from arXiv)' : ''}`,
          );
        } else console.log(`${r.arxivId} was already on the feed of ${r.day}`);
        return 0;
      } catch (err) {
        if (!(err instanceof IngestError)) throw err;
        console.error(`paperboy feature: could not fetch ${id} from arXiv: ${err.message}`);
        return 1;
      }
    });
  },
};
