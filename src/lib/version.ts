// paperboy's own version, from package.json (two levels up from both src/lib and dist/lib).
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function paperboyVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return cached;
}
