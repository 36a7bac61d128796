#!/usr/bin/env node
// The installed command. `npm ci` compiles src/ to dist/ (the "prepare" script), so this only loads it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('paperboy is not built yet: run `npm run build` in the project folder.');
  process.exit(1);
}
await import(main.href);
