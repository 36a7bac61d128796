// The bundled sample dataset (real Hugging Face daily papers, see sample/README.md), loaded into an
// empty catalogue so `npm start` on a fresh clone shows a working site.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../lib/logger.js';
import type { ImportService, ImportSummary } from './import.service.js';

/** sample/ at the package root; the same from src/services and dist/services. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../sample/', import.meta.url));

export function sampleFiles(): string[] {
  return readdirSync(SAMPLE_DIR)
    .filter((f) => /\.(jsonl|json)(\.gz)?$/.test(f))
    .sort()
    .map((f) => `${SAMPLE_DIR}${f}`);
}

export async function loadSampleIfEmpty(
  importer: ImportService,
  catalogueSize: () => Promise<number>,
  log: Logger,
): Promise<ImportSummary | null> {
  if ((await catalogueSize()) > 0) return null;
  log.info({ dir: SAMPLE_DIR }, 'empty catalogue: loading the sample dataset');
  const summary = await importer.importFiles(sampleFiles());
  log.info(
    { papers: summary.new, featured: summary.featured, seconds: summary.seconds },
    'sample dataset loaded',
  );
  return summary;
}
