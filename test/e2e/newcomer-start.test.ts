// The first start as a newcomer makes it: `paperboy serve` with the defaults asks no third party
// anything (the Hugging Face mirror is opt-in), says so in one line, logs readable lines
// (PAPERBOY_LOG_FORMAT=pretty, what a terminal gets), prints an emailed sign-in link plainly, with
// the same host the server listens on; and `npm start` stopped by its own pid takes the server down.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PROJECT_ROOT, startPaperboy, waitFor } from '../support/cli.js';
import { startUpstreamServer, type UpstreamServer } from '../support/upstream-server.js';

let upstream: UpstreamServer;
const dir = mkdtempSync(join(tmpdir(), 'paperboy-newcomer-'));
before(async () => {
  upstream = await startUpstreamServer();
});
after(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const answers = async (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

test('a default start asks Hugging Face nothing, logs readable lines, and prints a sign-in link on its own host', async () => {
  const port = await freePort();
  let printed = '';
  const serve = startPaperboy(['serve'], {
    onStdout: (text) => (printed = text),
    env: {
      PAPERBOY_DATABASE_URL: `sqlite:${join(dir, 'first.db')}`,
      PAPERBOY_PORT: String(port),
      PAPERBOY_LOG_FORMAT: 'pretty',
      // Training the builtin model on the sample takes a while and is not what this test is about.
      PAPERBOY_EMBED_EVERY_MINUTES: '0',
      PAPERBOY_HF_API_URL: upstream.urls.hfApiUrl,
      PAPERBOY_ARXIV_API_URL: upstream.urls.arxivApiUrl,
      PAPERBOY_ARXIV_OAI_URL: upstream.urls.arxivOaiUrl,
    },
  });
  try {
    await waitFor('the server', () => answers(port), 60_000);
    // A page to get a form token from, then a sign-in link asked for as a browser would.
    const signin = await fetch(`http://127.0.0.1:${port}/signin`);
    const cookie = (signin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await signin.text())?.[1] ?? '';
    const asked = await fetch(`http://127.0.0.1:${port}/signin`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: `http://127.0.0.1:${port}`,
      },
      body: new URLSearchParams({ _csrf: csrf, email: 'newcomer@example.org' }).toString(),
    });
    assert.equal(asked.status, 200);
    await waitFor('the logged email', () => Promise.resolve(/signin\/link\?token=/.test(printed)));
    // Time for a scheduler tick and the jobs it queues.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  } finally {
    serve.child.kill('SIGTERM');
  }
  const { stdout, code } = await serve.done;
  assert.equal(code, 0);
  assert.deepEqual(
    upstream.requests.map((r) => r.path),
    [],
    'nothing was asked of Hugging Face or arXiv',
  );
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  assert.ok(
    lines.every((l) => !l.startsWith('{')),
    'no JSON lines',
  );
  assert.match(stdout, /^\d\d:\d\d:\d\d INFO {2}paperboy listening {2}url=http:\/\/127\.0\.0\.1:\d+ /m);
  assert.match(stdout, /Hugging Face mirroring is off: set PAPERBOY_MIRROR_HF_EVERY_MINUTES=30/);
  assert.equal(
    (stdout.match(/Hugging Face/g) ?? []).length,
    1,
    'one line about Hugging Face, no retry errors',
  );
  // The link stands on a line of its own, on the host the server listens on.
  assert.match(
    stdout,
    new RegExp(`^ {4}http://127\\.0\\.0\\.1:${port}/signin/link\\?token=[A-Za-z0-9_-]+$`, 'm'),
  );
});

test('npm start stopped by its own pid stops the server too', async () => {
  const port = await freePort();
  // --ignore-scripts: the build npm ci made is used as is (prestart would compile it again).
  const npm = spawn('npm', ['start', '--ignore-scripts'], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PAPERBOY_DATABASE_URL: `sqlite:${join(dir, 'npm-start.db')}`,
      PAPERBOY_PORT: String(port),
      PAPERBOY_SAMPLE_DATA: 'off',
      PAPERBOY_WORKER: 'off',
    },
    stdio: 'ignore',
  });
  try {
    await waitFor('the server', () => answers(port), 60_000);
    assert.ok(npm.pid);
    process.kill(npm.pid, 'SIGTERM');
    await exited(npm);
    await waitFor('the server to stop', async () => !(await answers(port)), 10_000);
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
  }
});
