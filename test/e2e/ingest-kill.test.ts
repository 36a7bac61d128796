// The real `paperboy ingest arxiv --oai` killed with SIGKILL in the middle of a harvest (page 1
// committed, page 2 on its way), then started again: it resumes at page 2, and the database ends
// exactly as after a clean run, with no page fetched more often than the interruption made necessary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { type Running, startPaperboy, waitFor } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { catalogueSnapshot, cleanHarvestSnapshot, fastUpstreamEnv } from '../support/ingest.js';
import {
  match,
  OAI_CS_TOKENS,
  startUpstreamServer,
  type UpstreamServer,
} from '../support/upstream-server.js';

const ARGS = ['ingest', 'arxiv', '--oai', '--set', 'cs', '--from', '2025-07-03'];

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

function startCli(url: string): Running {
  return startPaperboy(ARGS, {
    env: {
      PAPERBOY_DATABASE_URL: url,
      ...fastUpstreamEnv(server),
      // Long enough that the stalled request is still waiting when the process is killed.
      PAPERBOY_HTTP_TIMEOUT_SECONDS: '60',
    },
  });
}

async function savedToken(db: Db): Promise<string | null> {
  const row = await sql<{
    value: string;
  }>`select value from ingest_cursors where name = 'arxiv-oai:cs'`.execute(db.kysely);
  const value = row.rows[0]?.value;
  return value ? ((JSON.parse(value) as { resumptionToken: string | null }).resumptionToken ?? null) : null;
}

describeEachDatabase('paperboy ingest killed mid-harvest', (get, dialect) => {
  test('resumes where the committed pages end and converges on the clean result', async () => {
    // The clean run, in-process on a database of its own.
    const clean = await cleanHarvestSnapshot(dialect, server, { set: 'cs', from: '2025-07-03' });

    const page2 = match.oaiToken(OAI_CS_TOKENS[0]);
    server.fail(page2, { kind: 'stall' });
    const first = startCli(get().url);
    await waitFor('page 1 committed and page 2 requested', async () => {
      return (await savedToken(get().db)) === OAI_CS_TOKENS[0] && server.requests.some(page2);
    });
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.code, null, 'killed by a signal');
    assert.equal(
      (await sql<{ n: number }>`select count(*) as n from papers`.execute(get().db.kysely)).rows[0]?.n,
      5,
    );

    const second = await startCli(get().url).done;
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^arxiv-oai set cs from 2025-07-03 \(resumed\): 2 pages, read 8, new 7, /m);
    assert.equal(await catalogueSnapshot(get().db), clean);

    const asked = (m: (r: (typeof server.requests)[number]) => boolean) => server.requests.filter(m).length;
    assert.deepEqual(
      [asked(match.oaiFirstPage()), asked(page2), asked(match.oaiToken(OAI_CS_TOKENS[1]))],
      [1, 2, 1],
      'page 1 once, page 2 again after the kill, page 3 once',
    );
  });
});
