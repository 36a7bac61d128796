// A cover for a paper that has no picture of its own: an SVG in the shape of Hugging Face's thumbnails
// (40:21), from what we know of the paper: its title, first author, category (which picks the colour:
// every paper of an archive shares a family of hues) and date. The same paper always gets the same
// cover. Text is escaped for XML; nothing of the paper becomes markup.

export interface CoverInput {
  arxivId: string;
  title: string;
  authors: readonly string[];
  /** Primary category first; may be empty (Hugging Face records carry none). */
  categories: readonly string[];
  /** ISO date or timestamp. */
  publishedAt: string | null;
}

import { fnv1a as hash } from './fnv.js';

const WIDTH = 1200;
const HEIGHT = 630;

/** Base hue per arXiv archive; a subject class shifts it a little. */
const ARCHIVE_HUES: Record<string, number> = {
  cs: 222,
  stat: 262,
  math: 28,
  eess: 190,
  econ: 140,
  'q-bio': 100,
  'q-fin': 48,
  physics: 330,
  'quant-ph': 290,
  'cond-mat': 0,
  'astro-ph': 245,
  'hep-th': 350,
  'hep-ph': 350,
  'hep-ex': 350,
  'hep-lat': 350,
  'gr-qc': 310,
  'nucl-th': 15,
  'math-ph': 28,
  nlin: 170,
};

/** The cover's hue: the archive's, shifted by the subject class; else one from the id. */
export function coverHue(categories: readonly string[], arxivId: string): number {
  const primary = categories[0];
  if (primary) {
    const [archive = '', subject = ''] = primary.split('.');
    const base = ARCHIVE_HUES[archive] ?? hash(archive) % 360;
    return (base + (subject ? (hash(subject) % 5) * 6 - 12 : 0) + 360) % 360;
  }
  return hash(arxivId) % 360;
}

// eslint-disable-next-line no-control-regex -- dropping the control characters XML forbids is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function escapeXml(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Greedy word wrap into at most `maxLines` lines of about `width` characters; cut text ends in "…". */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let cut = false;
  for (const raw of words) {
    const word = raw.length > width ? `${raw.slice(0, width - 1)}…` : raw;
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) {
      cut = true;
      break;
    }
  }
  if (!cut && line) lines.push(line);
  if (cut) {
    const last = lines.length - 1;
    lines[last] = `${(lines[last] as string).slice(0, width - 1).replace(/[\s…]+$/, '')}…`;
  }
  return lines;
}

function byline(authors: readonly string[]): string {
  const first = authors[0]?.trim();
  if (!first) return '';
  return authors.length > 1 ? `${first} et al.` : first;
}

function dateLabel(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function coverSvg(p: CoverInput): string {
  const hue = coverHue(p.categories, p.arxivId);
  const title = p.title.trim() || `arXiv:${p.arxivId}`;
  // Fewer, larger lines for short titles; long ones get a smaller size and more lines.
  const size = title.length <= 60 ? 64 : title.length <= 110 ? 54 : 46;
  // Bold sans-serif letters average about 0.6 of the font size across.
  const perLine = Math.floor(1040 / (size * 0.6));
  const lines = wrapWords(title, perLine, size >= 64 ? 3 : 4);
  const lineHeight = Math.round(size * 1.18);
  const top = 170;
  const titleText = lines
    .map((l, i) => `<tspan x="80" y="${top + i * lineHeight}">${escapeXml(l)}</tspan>`)
    .join('');
  const category = p.categories[0] ?? 'arXiv';
  const foot = [dateLabel(p.publishedAt), `arXiv:${p.arxivId}`].filter(Boolean).join(' · ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},62%,30%)"/><stop offset="1" stop-color="hsl(${(hue + 28) % 360},58%,16%)"/></linearGradient></defs>
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#g)"/>
<circle cx="1080" cy="90" r="220" fill="hsl(${(hue + 40) % 360},70%,60%)" opacity="0.12"/>
<g font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif" fill="#ffffff">
<rect x="80" y="64" rx="18" width="${Math.max(120, category.length * 17 + 44)}" height="40" fill="#ffffff" opacity="0.16"/>
<text x="102" y="92" font-size="24" font-weight="600" letter-spacing="1">${escapeXml(category)}</text>
<text font-size="${size}" font-weight="700">${titleText}</text>
<text x="80" y="560" font-size="30" opacity="0.92">${escapeXml(byline(p.authors))}</text>
<text x="1120" y="560" font-size="24" text-anchor="end" opacity="0.75">${escapeXml(foot)}</text>
</g>
</svg>
`;
}

/** A round avatar with a person's initials, for a submitter whose picture we do not hold. */
export function avatarSvg(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .split(/[\s-]+/)
    .filter(Boolean);
  const initials = (
    (words[0]?.[0] ?? '?') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')
  ).toUpperCase();
  const hue = hash(name) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="hsl(${hue},45%,42%)"/><text x="32" y="41" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif" font-size="26" font-weight="600" text-anchor="middle" fill="#ffffff">${escapeXml(initials)}</text></svg>
`;
}
