// FNV-1a, 32 bits: a fast, stable hash of a string for tables and picks that must be the same in
// every process and release (near-spelling tables, title look-ups, cover colours). Not for secrets.
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
