// The `paperboy` command: one entry point for the server and every operator task.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';
import { type Command, UsageError } from './cli/command.js';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from './services/errors.js';

interface CommandEntry {
  name: string;
  summary: string;
  /** Loaded on use, so `paperboy search` does not pay for loading the web server. */
  load: () => Promise<Command>;
}

const commands: CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Serve the web pages and the API',
    load: async () => (await import('./cli/serve.command.js')).serveCommand,
  },
  {
    name: 'worker',
    summary: 'Run background jobs (harvests, mirrors) and the recurring schedules',
    load: async () => (await import('./cli/worker.command.js')).workerCommand,
  },
  {
    name: 'jobs',
    summary: 'List queued, running and failed jobs; retry a failed job; queue one',
    load: async () => (await import('./cli/jobs.command.js')).jobsCommand,
  },
  {
    name: 'import',
    summary: 'Import papers from files (Hugging Face daily_papers, arXiv listings, API Atom, OAI-PMH)',
    load: async () => (await import('./cli/import.command.js')).importCommand,
  },
  {
    name: 'ingest',
    summary: 'Fetch papers from arXiv (ids, queries, OAI-PMH harvests) or Hugging Face daily papers',
    load: async () => (await import('./cli/ingest.command.js')).ingestCommand,
  },
  {
    name: 'feature',
    summary: "Put a paper on a day's feed as a curator (fetched from arXiv when new)",
    load: async () => (await import('./cli/feature.command.js')).featureCommand,
  },
  {
    name: 'duplicates',
    summary: 'List papers flagged as possible duplicates; dismiss a flag',
    load: async () => (await import('./cli/duplicates.command.js')).duplicatesCommand,
  },
  {
    name: 'search',
    summary: 'Search the catalogue from the terminal',
    load: async () => (await import('./cli/search.command.js')).searchCommand,
  },
  {
    name: 'embed',
    summary: 'Embed papers for semantic search and related papers (--train builds the builtin model)',
    load: async () => (await import('./cli/embed.command.js')).embedCommand,
  },
  {
    name: 'users',
    summary: 'List accounts, add one (the first admin), change roles, ban and unban',
    load: async () => (await import('./cli/users.command.js')).usersCommand,
  },
  {
    name: 'digest',
    summary: 'Preview, send or check the email digests and topic alerts (the worker sends them too)',
    load: async () => (await import('./cli/digest.command.js')).digestCommand,
  },
  {
    name: 'migrate',
    summary: 'Bring the database schema up to date (serve does this on start too)',
    load: async () => (await import('./cli/migrate.command.js')).migrateCommand,
  },
];

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `paperboy ${version()}: the papers that matter each day, self-hosted.

Usage: paperboy <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`paperboy <command> --help\` for a command's options.
Settings come from PAPERBOY_* environment variables (see the README); the database is
PAPERBOY_DATABASE_URL (default sqlite:./data/paperboy.db).`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === args[0]) : undefined;
    console.log(topic ? (await topic.load()).help : generalHelp());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(version());
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`paperboy: unknown command "${name}"\n\n${generalHelp()}`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`paperboy ${name}: ${err.message}\nRun \`paperboy ${name} --help\` for usage.`);
      return 2;
    }
    if (
      err instanceof ConfigError ||
      err instanceof InvalidInputError ||
      err instanceof NotFoundError ||
      err instanceof ConflictError ||
      err instanceof ForbiddenError
    ) {
      console.error(`paperboy ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
