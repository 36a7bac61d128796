import { parseArgs } from 'node:util';
import { openApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../lib/logger.js';
import { createProgressBar, formatSeconds, type ProgressBar } from '../lib/progress.js';
import type { EmbedSummary, TrainSummary } from '../services/embeddings.service.js';
import { type Command, UsageError } from './command.js';

const KINDS = ['builtin', 'transformers', 'openai'] as const;

export const embedCommand: Command = {
  name: 'embed',
  help: `Usage: paperboy embed [options]

Gives every paper a vector for semantic search and related papers, with the embedder that
PAPERBOY_EMBEDDER names (builtin by default). Papers that already have a current vector are
skipped, so running it again only embeds new and edited papers. While a new model's vectors are
being written, the previous model's keep serving; they are removed once every paper has a new one.

Options:
  --train          train the builtin model from the catalogue first (a new model re-embeds every
                   paper); without it, training happens only when none exists or the catalogue
                   has grown by PAPERBOY_EMBEDDER_RETRAIN_GROWTH
  --all            embed every paper again, even those whose vector is current
  --model KIND     builtin, transformers or openai instead of PAPERBOY_EMBEDDER: prepares the
                   vectors of another embedder before switching the server to it
  --status         print each model's vectors and the catalogue's size, and change nothing
  --json           print the summary as JSON on stdout
  -h, --help       show this help

Examples:
  paperboy embed --train
  PAPERBOY_OPENAI_BASE_URL=http://127.0.0.1:11434 PAPERBOY_OPENAI_MODEL=nomic-embed-text \\
    PAPERBOY_OPENAI_DIMENSIONS=768 paperboy embed --model openai`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        train: { type: 'boolean' },
        all: { type: 'boolean' },
        model: { type: 'string' },
        status: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const kind = values.model;
    if (kind !== undefined && !(KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--model must be one of ${KINDS.join(', ')}`);
    const config = loadConfig(kind ? { ...process.env, PAPERBOY_EMBEDDER: kind } : process.env);
    if (config.embedder.kind === 'off')
      throw new UsageError('PAPERBOY_EMBEDDER is off: name an embedder with --model');
    const log = createLogger(
      process.env.PAPERBOY_LOG_LEVEL ? config.logLevel : 'error',
      'stderr',
      config.logFormat,
    );
    const ctx = await openApp(config, log);
    try {
      const { embeddings } = ctx.services;
      if (values.status) {
        const status = await embeddings.status();
        if (values.json) console.log(JSON.stringify(status, null, 2));
        else {
          console.log(
            `${status.papers} papers; new vectors are made with ${status.active ?? '(no model trained yet)'}`,
          );
          for (const m of status.models)
            console.log(`  ${m.model}  ${m.dim} dimensions  ${m.vectors} vectors`);
        }
        return 0;
      }
      const trained =
        values.train && config.embedder.kind === 'builtin'
          ? await embeddings.train()
          : await embeddings.retrainIfDue();
      if (values.train && config.embedder.kind !== 'builtin')
        throw new UsageError(`--train applies to the builtin embedder, not ${config.embedder.kind}`);
      if (trained && !values.json) printTrained(trained);
      // The bar is drawn once the first progress report tells the total.
      const progress: { bar: ProgressBar | null } = { bar: null };
      const started = performance.now();
      const embedded = await embeddings.embedPending({
        all: values.all ?? false,
        onProgress: (p) => {
          progress.bar ??= values.json ? null : createProgressBar('embedding', p.total);
          const rate = p.embedded / Math.max(0.001, (performance.now() - started) / 1000);
          progress.bar?.update(p.scanned, `${p.embedded} embedded, ${Math.round(rate)}/s`);
        },
      });
      progress.bar?.finish();
      if (values.json) console.log(JSON.stringify({ trained, embedded }, null, 2));
      else printEmbedded(embedded);
      return embedded.model === null ? 1 : 0;
    } finally {
      await ctx.close();
    }
  },
};

function printTrained(t: TrainSummary): void {
  console.log(
    `${t.isNew ? 'trained' : 'unchanged:'} ${t.model} on ${t.papers} papers (${t.words} words) in ${formatSeconds(t.seconds)}`,
  );
}

function printEmbedded(e: EmbedSummary): void {
  if (e.model === null) {
    console.error('no embedding model yet: import papers, then run `paperboy embed --train`');
    return;
  }
  const rate = Math.round(e.embedded / Math.max(e.seconds, 0.001));
  console.log(
    `embedded ${e.embedded} of ${e.scanned} papers with ${e.model} in ${formatSeconds(e.seconds)} (${rate} papers/s); ` +
      `${e.scanned - e.embedded} already current` +
      (e.removed > 0 ? `; ${e.removed} vectors of older models removed` : '') +
      (e.complete ? '' : '; some papers still lack a vector'),
  );
}
