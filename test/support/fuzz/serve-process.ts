// `paperboy serve` as a child process on a loopback port, as operators run it (through
// serve-child.ts, which adds a memory probe): no worker, no sample, no embedder, nothing that
// reaches upstream. Gives its port, whether it is alive, its memory after a full GC, and the error
// lines it logged.
import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../cli.js';

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface ServeProcess {
  port: number;
  pid: number;
  alive(): boolean;
  /** Memory after two full collections, in bytes. */
  memory(): Promise<Memory>;
  /** JSON log lines at level error or above so far. */
  errors(): string[];
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startServeProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'test/support/fuzz/serve-child.ts', '--no-worker'],
    {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PAPERBOY_DATABASE_URL: databaseUrl,
        PAPERBOY_PORT: '0',
        PAPERBOY_SAMPLE_DATA: 'off',
        PAPERBOY_EMBEDDER: 'off',
        PAPERBOY_WORKER: 'off',
        PAPERBOY_LOG_LEVEL: 'info',
        PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
        PAPERBOY_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
        PAPERBOY_HF_API_URL: 'http://127.0.0.1:9',
        ...env,
      },
    },
  );
  let stdout = '';
  let stderr = '';
  let port = 0;
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (port === 0) port = Number(/"port":(\d+)[^\n]*"msg":"paperboy listening"/.exec(stdout)?.[1] ?? 0);
  });
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (port === 0) {
    if (gone) throw new Error(`paperboy serve exited before listening:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`paperboy serve did not listen within 60 s:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    pid: child.pid ?? 0,
    alive: () => !gone && child.exitCode === null && child.signalCode === null,
    memory: () =>
      new Promise<Memory>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no memory report within 10 s')), 10_000);
        child.once('message', (m) => {
          clearTimeout(timer);
          resolve(m as Memory);
        });
        child.send('memory');
      }),
    errors: () =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .filter((l) => ((JSON.parse(l) as { level?: number }).level ?? 0) >= 50),
    stop: () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}
