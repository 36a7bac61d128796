// Real clients written by others, to read what we serve the way the world does: Python's
// feedparser (what many feed readers and aggregators are built on) and bibtexparser (a BibTeX
// reader). Both come from Debian (python3-feedparser, python3-bibtexparser; .ci/run installs
// them) and are run by the system Python (PAPERBOY_TEST_PYTHON, default /usr/bin/python3, where
// Debian puts them). `available()` says why not when they cannot be run, so a test can skip saying so.
import { spawnSync } from 'node:child_process';

const PYTHON = process.env.PAPERBOY_TEST_PYTHON ?? '/usr/bin/python3';

export interface ParsedFeedEntry {
  title: string;
  titleType: string;
  summary: string;
  summaryType: string;
  content: { type: string; value: string }[];
  authors: string[];
  link: string;
}

export interface ParsedFeed {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  entries: ParsedFeedEntry[];
}

const SCRIPT = String.raw`
import json, sys
import feedparser, bibtexparser
job = json.load(sys.stdin)
out = {"feeds": [], "bibtex": []}
for text in job["feeds"]:
    d = feedparser.parse(text)
    out["feeds"].append({
        "bozo": bool(d.bozo),
        "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
        "version": d.version,
        "title": d.feed.get("title", ""),
        "entries": [{
            "title": e.get("title", ""),
            "titleType": e.get("title_detail", {}).get("type", ""),
            "summary": e.get("summary", ""),
            "summaryType": e.get("summary_detail", {}).get("type", ""),
            "content": [{"type": c.get("type", ""), "value": c.get("value", "")} for c in e.get("content", [])],
            "authors": [a.get("name", "") for a in e.get("authors", [])],
            "link": e.get("link", ""),
        } for e in d.entries],
    })
for text in job["bibtex"]:
    db = bibtexparser.loads(text)
    out["bibtex"].append({"entries": db.entries, "comments": db.comments, "strings": dict(db.strings)})
json.dump(out, sys.stdout)
`;

/** Null when feedparser and bibtexparser can be run; else why not. */
export function unavailable(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import feedparser, bibtexparser'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} cannot be run (${r.error.message}); set PAPERBOY_TEST_PYTHON`;
  if (r.status !== 0) return `python3-feedparser and python3-bibtexparser are not installed for ${PYTHON}`;
  return null;
}

export function readWithPython(job: { feeds: string[]; bibtex: string[] }): {
  feeds: ParsedFeed[];
  bibtex: { entries: Record<string, string>[]; comments: string[]; strings: Record<string, string> }[];
} {
  const r = spawnSync(PYTHON, ['-c', SCRIPT], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`python readers failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ReturnType<typeof readWithPython>;
}
