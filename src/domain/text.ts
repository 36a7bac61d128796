// Text clean-up shared by every source: arXiv hard-wraps titles and abstracts ("Multimodal\n  Models").

/** Collapses runs of whitespace (including arXiv's hard line breaks) to single spaces. */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Abstracts keep their paragraphs: arXiv marks a new paragraph with a line that starts with spaces
 * after a line break. Lines inside a paragraph are joined.
 */
export function cleanAbstract(s: string): string {
  return s
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
