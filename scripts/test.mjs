// Finds every *.test.ts(x) under src/ and test/ and runs them with Node's own test runner through tsx.
// (Node 20's --test does not expand globs itself.) Extra arguments are passed to node --test, e.g.
// `npm test -- --test-name-pattern=import`; file paths given as arguments narrow the run to them.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const named = args.filter((a) => /\.test\.tsx?$/.test(a));
const flags = args.filter((a) => !named.includes(a));
const files = named.length > 0 ? named : ['src', 'test'].flatMap((d) => find(d)).sort();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...flags, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
