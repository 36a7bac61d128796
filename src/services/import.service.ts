// `paperboy import FILE...`: each file is read, detected by content, and written in one transaction,
// so a malformed file leaves nothing behind and a crash mid-way loses nothing already committed.
import { basename } from 'node:path';
import type { Db } from '../db/database.js';
import { MalformedFileError } from '../ingest/errors.js';
import { openImportFile } from '../ingest/files/import-file.js';
import { emptyCounts, type UpsertCounts, type UpsertRecord, upsertRecords } from '../ingest/upsert.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { inTransaction } from '../stores/index.js';

/** Records per upsert batch: big enough to amortize queries, small enough to keep memory flat. */
const BATCH = 500;

export interface Rejection {
  /** `file: position`. */
  where: string;
  reason: string;
}

export interface ImportFileResult extends UpsertCounts {
  file: string;
  format: string | null;
  read: number;
  rejected: number;
  rejections: Rejection[];
  /** Set when the whole file was refused; nothing of it was written. */
  error: string | null;
}

export interface ImportSummary extends UpsertCounts {
  files: ImportFileResult[];
  read: number;
  rejected: number;
  refusedFiles: number;
  seconds: number;
}

export interface ImportProgress {
  fileIndex: number;
  fileCount: number;
  file: string;
  /** Records read so far, across all files. */
  read: number;
}

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async importFiles(
    paths: readonly string[],
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportSummary> {
    const started = performance.now();
    const summary: ImportSummary = {
      ...emptyCounts(),
      files: [],
      read: 0,
      rejected: 0,
      refusedFiles: 0,
      seconds: 0,
    };
    for (const [i, path] of paths.entries()) {
      const before = summary.read;
      const result = await this.importFile(path, (read) =>
        onProgress?.({ fileIndex: i, fileCount: paths.length, file: path, read: before + read }),
      );
      summary.files.push(result);
      summary.read += result.read;
      summary.rejected += result.rejected;
      summary.new += result.new;
      summary.updated += result.updated;
      summary.skipped += result.skipped;
      summary.featured += result.featured;
      if (result.error) summary.refusedFiles++;
      onProgress?.({ fileIndex: i + 1, fileCount: paths.length, file: path, read: summary.read });
    }
    summary.seconds = (performance.now() - started) / 1000;
    return summary;
  }

  async importFile(path: string, onRead?: (read: number) => void): Promise<ImportFileResult> {
    const name = basename(path);
    const result: ImportFileResult = {
      ...emptyCounts(),
      file: path,
      format: null,
      read: 0,
      rejected: 0,
      rejections: [],
      error: null,
    };
    try {
      const counts = await inTransaction(this.db, async (stores) => {
        const { format, items } = await openImportFile(path);
        result.format = format;
        const total = emptyCounts();
        let batch: UpsertRecord[] = [];
        const flush = async () => {
          const c = await upsertRecords(stores, batch, this.clock.now().toISOString());
          for (const k of ['new', 'updated', 'skipped', 'featured'] as const) total[k] += c[k];
          batch = [];
        };
        for await (const item of items) {
          result.read++;
          if (item.kind === 'rejected') {
            result.rejected++;
            result.rejections.push({ where: `${name}: ${item.position}`, reason: item.reason });
          } else {
            batch.push({ paper: item.paper, daily: item.daily });
            if (batch.length >= BATCH) {
              await flush();
              onRead?.(result.read);
            }
          }
        }
        await flush();
        return total;
      });
      Object.assign(result, counts);
    } catch (err) {
      if (!(err instanceof MalformedFileError) && !isFileSystemError(err)) throw err;
      // The transaction rolled back: report the file as refused with nothing from it counted.
      Object.assign(result, emptyCounts(), { read: 0, rejected: 0, rejections: [], error: err.message });
      this.log.warn({ file: path, err: err.message }, 'import file refused');
      return result;
    }
    for (const r of result.rejections)
      this.log.debug({ file: path, where: r.where, reason: r.reason }, 'record rejected');
    this.log.info(
      {
        file: path,
        format: result.format,
        read: result.read,
        new: result.new,
        updated: result.updated,
        skipped: result.skipped,
        rejected: result.rejected,
      },
      'file imported',
    );
    return result;
  }
}

function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'path' in err;
}
