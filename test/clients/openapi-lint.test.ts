// /openapi.json as API tools read it: Redocly's linter (@redocly/cli, the recommended rules) must find
// nothing wrong, and every status the API answers must be one the document lists for that operation.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { createTestApp, hfFixtureFiles } from '../support/app.js';
import { startTestServer, type TestServer } from '../support/browser.js';
import { describeEachDatabase } from '../support/databases.js';
import { createHttpApp } from '../../src/http/server.js';

const run = promisify(execFile);
const REDOCLY = join(process.cwd(), 'node_modules', '.bin', 'redocly');

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

describeEachDatabase('/openapi.json in real tools', (get) => {
  let server: TestServer;
  let doc: Doc;
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-openapi-'));

  before(async () => {
    server = await startTestServer();
    const ctx = createTestApp(get().db, { baseUrl: server.base, pageCacheSeconds: 0 });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    server.setApp(createHttpApp(ctx));
    doc = (await (await fetch(`${server.base}/openapi.json`)).json()) as Doc;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('redocly lint finds no error and no warning', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const { stdout, stderr } = await run(REDOCLY, ['lint', '--format', 'json', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).catch((err: { stdout: string; stderr: string }) => err);
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number } };
    assert.deepEqual(report.totals, { ...report.totals, errors: 0, warnings: 0 }, `${stdout}\n${stderr}`);
  });

  test('every status the API answers is documented for its operation', async () => {
    const cases: [string, string, string][] = [
      ['/api/daily_papers?date=2026-08-21', 'get', '/api/daily_papers'],
      ['/api/daily_papers?limit=0', 'get', '/api/daily_papers'],
      ['/api/papers/search?q=agents', 'get', '/api/papers/search'],
      ['/api/papers/search?limit=500', 'get', '/api/papers/search'],
      ['/api/papers/2608.19880', 'get', '/api/papers/{id}'],
      ['/api/papers/nonsense', 'get', '/api/papers/{id}'],
      ['/api/papers/2608.00001', 'get', '/api/papers/{id}'],
      ['/api/papers/2608.19880/related', 'get', '/api/papers/{id}/related'],
      ['/api/papers/nonsense/related', 'get', '/api/papers/{id}/related'],
      ['/api/papers/2608.19880/comments', 'get', '/api/papers/{id}/comments'],
      ['/api/papers/nonsense/comments', 'get', '/api/papers/{id}/comments'],
      ['/api/papers/2608.00001/comments', 'get', '/api/papers/{id}/comments'],
      ['/api/me', 'get', '/api/me'],
    ];
    for (const [url, method, path] of cases) {
      const res = await fetch(`${server.base}${url}`, { method: method.toUpperCase() });
      const documented = Object.keys(doc.paths[path]?.[method]?.responses ?? {});
      assert.ok(
        documented.includes(String(res.status)),
        `${url}: ${res.status} not in ${documented.join(', ')}`,
      );
    }
  });
});
