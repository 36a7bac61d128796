// The builtin model is trained from what the database returns, so both databases must hand the
// trainer the same catalogue in the same order: the same papers imported into SQLite and into
// PostgreSQL train to byte-identical models (same content-hashed name) and identical vectors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { createTestDatabase, type TestDatabase, testDialects } from '../../test/support/databases.js';
import { writeParaphraseCorpus } from '../../test/support/paraphrase-corpus.js';
import { createStores } from '../stores/index.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-parity-'));
const opened: TestDatabase[] = [];
after(async () => {
  for (const d of opened) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Trains the dual encoder on one database; returns the model's name, bytes and every vector. */
async function trainOn(dialect: 'sqlite' | 'postgres') {
  const database = await createTestDatabase(dialect);
  opened.push(database);
  const base = createTestApp(database.db);
  const ctx = createTestApp(database.db, {
    embedder: { ...base.config.embedder, builtinDim: 24, builtinTrainer: 'dual' },
  });
  await ctx.services.importer.importFiles([...hfFixtureFiles(), writeParaphraseCorpus(dir)]);
  const trained = await ctx.services.embeddings.train();
  await ctx.services.embeddings.embedPending();
  const stores = createStores(database.db.kysely, database.db.dialect);
  const model = await stores.embeddings.findModel(trained.model);
  assert.ok(model);
  const stored = await stores.embeddings.listVectorsSince(trained.model, null, 100_000);
  const rows = await stores.papers.listByIds(stored.map((r) => r.paperId));
  const arxiv = new Map(rows.map((r) => [r.id, r.arxiv_id]));
  const bytes = new Map(
    stored.map((r) => [arxiv.get(r.paperId) as string, Buffer.from(r.vector).toString('hex')]),
  );
  return { name: trained.model, artefact: Buffer.from(model.artefact), papers: trained.papers, bytes };
}

test('the dual encoder trains to the same bytes on SQLite and PostgreSQL, and embeds the same', async (t) => {
  if (!testDialects.includes('sqlite') || !testDialects.includes('postgres'))
    return t.skip('needs both databases (PAPERBOY_TEST_DATABASES limits this run to one)');
  const sqlite = await trainOn('sqlite');
  const postgres = await trainOn('postgres');
  assert.match(sqlite.name, /^builtin-dual-24@[0-9a-f]{12}$/);
  assert.equal(postgres.name, sqlite.name);
  assert.ok(postgres.artefact.equals(sqlite.artefact), 'model bytes differ');
  assert.equal(postgres.papers, sqlite.papers);
  assert.equal(sqlite.bytes.size, sqlite.papers);
  assert.deepEqual(postgres.bytes, sqlite.bytes);
});
