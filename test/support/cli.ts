// Runs the real `paperboy` command (or another script of ours) as a child process, the way operators
// and cron run it. The child gets PATH and HOME and the settings the test names, nothing else, so a
// developer's own PAPERBOY_* variables never leak into a test.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcessWithoutNullStreams;
  done: Promise<Finished>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** The script to run through tsx, relative to the project root. Default: src/main.ts. */
  script?: string;
  /** Called with everything written to stdout so far, after each chunk. */
  onStdout?: (stdout: string) => void;
}

export function startPaperboy(args: string[], options: StartOptions = {}): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script ?? 'src/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    options.onStdout?.(stdout);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

export function runPaperboy(args: string[], options: StartOptions = {}): Promise<Finished> {
  return startPaperboy(args, options).done;
}

/** Polls `condition` every 20 ms until it holds, or fails after `ms`. */
export async function waitFor(what: string, condition: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
