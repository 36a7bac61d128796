// Real third-party clients written in Python, from Debian's packages (python3-feedparser,
// python3-bibtexparser; .ci/run installs them): a test hands one a URL or a file and reads back what
// it understood, as JSON. Debian's own interpreter is used, since only it sees Debian's packages.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DEBIAN_PYTHON = process.env.PAPERBOY_TEST_PYTHON ?? '/usr/bin/python3';

/** Runs `script` with `args` (sys.argv[1:]) and parses what it prints as JSON. */
export async function runPython<T>(script: string, args: string[], input?: string): Promise<T> {
  const child = run(DEBIAN_PYTHON, ['-c', script, ...args], { timeout: 30_000, maxBuffer: 16 << 20 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  const { stdout } = await child;
  return JSON.parse(stdout) as T;
}

export interface ParsedFeed {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  links: { rel: string; href: string; type?: string }[];
  entries: { id: string; title: string; author: string; authors: string[]; summary: string; link: string }[];
}

/** What feedparser (the library most feed readers in Python use) makes of the feed at `url`. */
export function feedparserRead(url: string): Promise<ParsedFeed> {
  return runPython<ParsedFeed>(
    `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": bool(d.bozo),
  "bozoException": str(d.get("bozo_exception")) if d.bozo else None,
  "version": d.version,
  "title": d.feed.get("title", ""),
  "links": [dict(l) for l in d.feed.get("links", [])],
  "entries": [{
    "id": e.get("id", ""),
    "title": e.get("title", ""),
    "author": e.get("author", ""),
    "authors": [a.get("name", "") for a in e.get("authors", [])],
    "summary": e.get("summary", ""),
    "link": e.get("link", ""),
  } for e in d.entries],
}))
`,
    [url],
  );
}

// Feeds and BibTeX handed over as text, many at once (one Python process for a test's documents);
// `unavailable()` says why not when the packages cannot be run, so a test can skip saying so.

export interface FeedDocumentEntry {
  title: string;
  titleType: string;
  summary: string;
  summaryType: string;
  content: { type: string; value: string }[];
  authors: string[];
  link: string;
}

export interface FeedDocument {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  entries: FeedDocumentEntry[];
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
  const r = spawnSync(DEBIAN_PYTHON, ['-c', 'import feedparser, bibtexparser'], { encoding: 'utf8' });
  if (r.error) return `${DEBIAN_PYTHON} cannot be run (${r.error.message}); set PAPERBOY_TEST_DEBIAN_PYTHON`;
  if (r.status !== 0)
    return `python3-feedparser and python3-bibtexparser are not installed for ${DEBIAN_PYTHON}`;
  return null;
}

export function readWithPython(job: { feeds: string[]; bibtex: string[] }): {
  feeds: FeedDocument[];
  bibtex: { entries: Record<string, string>[]; comments: string[]; strings: Record<string, string> }[];
} {
  const r = spawnSync(DEBIAN_PYTHON, ['-c', SCRIPT], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`python readers failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ReturnType<typeof readWithPython>;
}
