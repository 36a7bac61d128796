// Text clean-up shared by every source: arXiv hard-wraps titles and abstracts ("Multimodal\n  Models").

/**
 * Control characters that are not whitespace (C0, DEL, C1) and the non-characters U+FFFE/U+FFFF. No
 * paper text means anything by them; XML forbids most of them (one would break a feed), and search
 * uses two of them to mark matches (domain/marks.ts), which imported text must not be able to fake.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Text without control characters; whitespace stays. */
export function withoutControls(s: string): string {
  return s.replace(CONTROLS, '');
}

/** Collapses runs of whitespace (including arXiv's hard line breaks) to single spaces. */
export function collapseWhitespace(s: string): string {
  return withoutControls(s).replace(/\s+/g, ' ').trim();
}

/**
 * Abstracts keep their paragraphs: arXiv marks a new paragraph with a line that starts with spaces
 * after a line break. Lines inside a paragraph are joined.
 */
export function cleanAbstract(s: string): string {
  return withoutControls(s)
    .trim()
    .split(/\n(?=\s{2,}\S)|\n\s*\n/)
    .map(collapseWhitespace)
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** Shortens to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function truncateWords(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max + 1);
  const at = cut.lastIndexOf(' ');
  return `${(at > max * 0.6 ? cut.slice(0, at) : s.slice(0, max)).replace(/[\s,.;:]+$/, '')}…`;
}
