// What of a paper gets embedded, and the hash that tells whether its stored vector is still current.
import { createHash } from 'node:crypto';

export function paperText(title: string, abstract: string): string {
  return `${title}\n\n${abstract}`;
}

/** 16 hex digits of SHA-256: collisions between two versions of one abstract are not a concern. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
