// What every CLI command provides. main.ts lists them (with a one-line summary) and prints their help.
export interface Command {
  name: string;
  /** Full help: usage line, options, examples. */
  help: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

/** A usage error: main.ts prints it with a pointer to --help and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
