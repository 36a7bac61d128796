// Real third-party clients written in Python, from Debian's packages (python3-feedparser,
// python3-bibtexparser; .ci/run installs them): a test hands one a URL or a file and reads back what
// it understood, as JSON. Debian's own interpreter is used, since only it sees Debian's packages.
import { execFile } from 'node:child_process';
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
