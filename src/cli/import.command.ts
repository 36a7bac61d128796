import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgressBar, formatSeconds } from '../lib/progress.js';
import type { ImportSummary } from '../services/import.service.js';
import { withCliApp } from './cli-context.js';
import { type Command, UsageError } from './command.js';

const SHOWN_REJECTIONS = 20;

export const importCommand: Command = {
  name: 'import',
  help: `Usage: paperboy import [options] FILE|DIR...

Reads each file, detects its format by content, and merges its papers into the catalogue:
  Hugging Face daily_papers JSON (any shape the API has produced) or JSON Lines,
  arXiv listing JSON Lines (.jsonl or .jsonl.gz), arXiv API Atom XML, OAI-PMH XML (arXiv format).
A directory stands for the files in it. Importing the same files again changes nothing.
Each file is written in one transaction: a malformed file is refused whole, bad records are
reported with their position and skipped.

Options:
  --json       print the summary as JSON on stdout
  --verbose    list every rejected record (default: the first ${SHOWN_REJECTIONS})
  -h, --help   show this help

Exit status: 0 when every file was imported, 1 when a file was refused.

Examples:
  paperboy import sample/hf-daily-papers.jsonl.gz
  paperboy import ./arxiv-daily-listings/`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, verbose: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new UsageError('name at least one FILE or DIR to import');
    const files = expandPaths(positionals);
    return withCliApp(async (ctx) => {
      const bar = values.json ? null : createProgressBar('importing', files.length);
      const started = Date.now();
      const summary = await ctx.services.importer.importFiles(files, (p) => {
        const rate = p.read / Math.max(0.001, (Date.now() - started) / 1000);
        bar?.update(p.fileIndex, `${p.read} records, ${Math.round(rate)}/s`);
      });
      bar?.finish();
      if (values.json) console.log(JSON.stringify(summaryJson(summary), null, 2));
      else printSummary(summary, values.verbose ?? false);
      return summary.refusedFiles > 0 ? 1 : 0;
    });
  },
};

/** Files named directly, and the files (recursively, sorted) inside named directories. */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (!st.isDirectory()) {
      out.push(p);
      continue;
    }
    const inside = readdirSync(p)
      .filter((name) => !name.startsWith('.'))
      .sort()
      .map((name) => join(p, name));
    out.push(
      ...expandPaths(inside.filter((f) => statSync(f).isDirectory() || /\.(json|jsonl|xml|gz)$/i.test(f))),
    );
  }
  return out;
}

function summaryJson(s: ImportSummary) {
  return {
    files: s.files.length,
    read: s.read,
    new: s.new,
    updated: s.updated,
    skipped: s.skipped,
    rejected: s.rejected,
    featured: s.featured,
    refusedFiles: s.files.filter((f) => f.error).map((f) => ({ file: f.file, error: f.error })),
    rejections: s.files.flatMap((f) => f.rejections),
    seconds: Math.round(s.seconds * 1000) / 1000,
    recordsPerSecond: Math.round(s.read / Math.max(s.seconds, 0.001)),
  };
}

function printSummary(s: ImportSummary, verbose: boolean): void {
  const rejections = s.files.flatMap((f) => f.rejections);
  const shown = verbose ? rejections : rejections.slice(0, SHOWN_REJECTIONS);
  for (const r of shown) console.error(`rejected ${r.where}: ${r.reason}`);
  if (shown.length < rejections.length) {
    console.error(
      `... and ${rejections.length - shown.length} more rejected records (--verbose lists them all)`,
    );
  }
  for (const f of s.files) if (f.error) console.error(`refused ${f.error}`);
  const rate = Math.round(s.read / Math.max(s.seconds, 0.001));
  console.log(
    `${s.files.length} file${s.files.length === 1 ? '' : 's'}: read ${s.read}, new ${s.new}, updated ${s.updated}, ` +
      `skipped ${s.skipped}, rejected ${s.rejected}; ${s.featured} daily entries added; ` +
      `${s.refusedFiles} file${s.refusedFiles === 1 ? '' : 's'} refused — ${formatSeconds(s.seconds)}, ${rate} records/s`,
  );
}
