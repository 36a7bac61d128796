// Unicode text as plain-ASCII LaTeX that BibTeX, biber and pdflatex all read: the characters that
// mean something to TeX escaped in one pass, accented Latin letters as accent commands ({\'e}), Greek
// letters and common symbols as math ({\ensuremath{\alpha}}), typographic punctuation as TeX
// ligatures (–, “ ” become --, `` ''). pdflatex stops at a Unicode character it has no definition
// for (Greek, arrows, most symbols), so nothing else non-ASCII is written: what cannot be folded to
// ASCII (ligatures, full-width forms) is dropped.

// Braces are text commands, not \{ and \}: BibTeX counts every brace, escaped or not, so a lone one
// in a title would end the field early and let the rest of the title write fields of its own.
const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

const GREEK = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'omicron',
  'pi',
  'rho',
  'varsigma',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'chi',
  'psi',
  'omega',
];

/** Greek letters by code point, as the names TeX and citation keys use ("alpha", "Omega"). */
export const GREEK_NAMES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  GREEK.forEach((name, i) => {
    map.set(String.fromCodePoint(0x3b1 + i), name);
    // U+03A2 is unassigned (there is no capital final sigma).
    if (name !== 'varsigma') map.set(String.fromCodePoint(0x391 + i), name[0]?.toUpperCase() + name.slice(1));
  });
  map.set('ϑ', 'vartheta');
  map.set('ϕ', 'varphi');
  map.set('ϵ', 'varepsilon');
  map.set('µ', 'mu'); // the micro sign
  return map;
})();

/** Capital Greek letters that look Latin have no command of their own in TeX: write the Latin letter. */
const LATIN_LOOKING = new Set([
  'Alpha',
  'Beta',
  'Epsilon',
  'Zeta',
  'Eta',
  'Iota',
  'Kappa',
  'Mu',
  'Nu',
  'Omicron',
  'Rho',
  'Tau',
  'Chi',
]);

const MATH_SYMBOLS: Record<string, string> = {
  '×': '\\times',
  '÷': '\\div',
  '±': '\\pm',
  '∓': '\\mp',
  '≤': '\\leq',
  '≥': '\\geq',
  '≠': '\\neq',
  '≈': '\\approx',
  '∼': '\\sim',
  '≃': '\\simeq',
  '≡': '\\equiv',
  '∝': '\\propto',
  '∞': '\\infty',
  '→': '\\rightarrow',
  '←': '\\leftarrow',
  '↔': '\\leftrightarrow',
  '⇒': '\\Rightarrow',
  '⇐': '\\Leftarrow',
  '⇔': '\\Leftrightarrow',
  '↑': '\\uparrow',
  '↓': '\\downarrow',
  '∈': '\\in',
  '∉': '\\notin',
  '⊂': '\\subset',
  '⊆': '\\subseteq',
  '∪': '\\cup',
  '∩': '\\cap',
  '∀': '\\forall',
  '∃': '\\exists',
  '∑': '\\sum',
  '∏': '\\prod',
  '∫': '\\int',
  '∂': '\\partial',
  '∇': '\\nabla',
  '√': '\\surd',
  '·': '\\cdot',
  '∘': '\\circ',
  '°': '^\\circ',
  '′': '\\prime',
  '∗': '\\ast',
  '⊕': '\\oplus',
  '⊗': '\\otimes',
  ℓ: '\\ell',
  '∅': '\\emptyset',
  '¬': '\\neg',
  '∧': '\\wedge',
  '∨': '\\vee',
  '²': '^2',
  '³': '^3',
  '¹': '^1',
};

const TEXT_SYMBOLS: Record<string, string> = {
  '–': '--',
  '—': '---',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '‘': '`',
  '’': "'",
  '‚': ',',
  '“': '``',
  '”': "''",
  '„': ',,',
  '«': '<<',
  '»': '>>',
  '…': '\\ldots{}',
  '\u00a0': '~',
  '\u2009': ' ',
  '\u202f': ' ',
  '•': '\\textbullet{}',
  '©': '\\textcopyright{}',
  '®': '\\textregistered{}',
  '™': '\\texttrademark{}',
  '§': '\\S{}',
  '¶': '\\P{}',
  '€': 'EUR',
  '£': '\\pounds{}',
};

const LETTERS: Record<string, string> = {
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  ł: '{\\l}',
  Ł: '{\\L}',
  å: '{\\aa}',
  Å: '{\\AA}',
  ı: '{\\i}',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
};

/** Combining marks and the accent command each becomes. */
const ACCENTS: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030b': 'H',
  '\u030c': 'v',
  '\u0323': 'd',
  '\u0327': 'c',
  // No ogonek (\k): pdflatex's default font encoding (OT1) lacks it, and the bare letter still reads.
};

/** A letter with its accents: `{\'e}`, `{\'\i}` (an accented i drops its dot). */
function accented(base: string, marks: string): string {
  let out = base === 'i' ? '\\i' : base === 'j' ? '\\j' : base;
  for (const mark of marks) {
    const cmd = ACCENTS[mark];
    if (!cmd) continue; // an accent TeX has no command for: the bare letter
    out = /[a-zA-Z]/.test(cmd) ? `\\${cmd}{${out}}` : `\\${cmd}${out}`;
  }
  return out === base ? base : `{${out}}`;
}

function greek(ch: string): string | null {
  const name = GREEK_NAMES.get(ch);
  if (!name) return null;
  if (LATIN_LOOKING.has(name)) return name[0] as string;
  return `{\\ensuremath{\\${name === 'omicron' ? 'mathrm{o}' : name}}}`;
}

/** One character that is not printable ASCII, as LaTeX; empty when it has no ASCII form. */
function nonAscii(ch: string): string {
  const known = LETTERS[ch] ?? TEXT_SYMBOLS[ch];
  if (known !== undefined) return known;
  const math = MATH_SYMBOLS[ch];
  if (math) return `{\\ensuremath{${math}}}`;
  const g = greek(ch);
  if (g) return g;
  if (/\s/u.test(ch)) return ' ';
  // Accented Latin letters decompose into the letter and combining marks.
  const decomposed = ch.normalize('NFD');
  const base = decomposed[0] as string;
  if (decomposed.length > 1 && /[a-zA-Z]/.test(base)) return accented(base, decomposed.slice(1));
  // Ligatures and compatibility forms (ﬁ, full-width letters) fold to ASCII; anything else goes.
  const folded = ch.normalize('NFKD').replace(/\p{M}+/gu, '');
  return /^[\x20-\x7e]+$/.test(folded) ? escapeAscii(folded) : '';
}

function escapeAscii(s: string): string {
  return s.replace(/[\\{}&%$#_~^<>|]/g, (c) => SPECIAL[c] as string);
}

/** Text as plain-ASCII LaTeX (see the head of this file). */
export function latexText(s: string): string {
  let out = '';
  // Whole characters (code points), so letters outside the basic plane are one character too.
  for (const ch of s.normalize('NFC')) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0x20 && code < 0x7f) out += SPECIAL[ch] ?? ch;
    else if (code < 0x20 || code === 0x7f) out += /\s/.test(ch) ? ' ' : '';
    else out += nonAscii(ch);
  }
  return out;
}

/** Commands allowed in inline math kept from a title ($O(n^2)$, $\alpha$-stable): no file or macro tricks. */
const SAFE_MATH_COMMANDS = new Set([
  ...GREEK,
  'vartheta',
  'varphi',
  'varepsilon',
  'varrho',
  'varpi',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Pi',
  'Sigma',
  'Upsilon',
  'Phi',
  'Psi',
  'Omega',
  ...Object.values(MATH_SYMBOLS)
    .filter((m) => m.startsWith('\\'))
    .map((m) => m.slice(1)),
  'mathcal',
  'mathbb',
  'mathbf',
  'mathrm',
  'mathit',
  'mathsf',
  'mathtt',
  'boldsymbol',
  'text',
  'textrm',
  'textbf',
  'textit',
  'operatorname',
  'frac',
  'tfrac',
  'dfrac',
  'sqrt',
  'log',
  'ln',
  'exp',
  'sin',
  'cos',
  'tan',
  'max',
  'min',
  'arg',
  'lim',
  'sup',
  'inf',
  'det',
  'dim',
  'ker',
  'Pr',
  'le',
  'ge',
  'ne',
  'to',
  'gets',
  'mid',
  'cdots',
  'ldots',
  'dots',
  'hat',
  'tilde',
  'bar',
  'vec',
  'dot',
  'ddot',
  'overline',
  'underline',
  'widehat',
  'widetilde',
  'left',
  'right',
  'big',
  'Big',
  'langle',
  'rangle',
  'lceil',
  'rceil',
  'lfloor',
  'rfloor',
  'top',
  'star',
  'dagger',
  'hbar',
  'mathsf',
  'colon',
  'quad',
  'qquad',
  ',',
  ';',
  '!',
  ' ',
  '{',
  '}',
  '|',
  '%',
  '#',
  '&',
  '_',
]);

/** Inline math worth keeping: balanced braces, printable ASCII, only commands from the list. */
function safeMath(body: string): boolean {
  if (body.trim() === '' || !/^[\x20-\x7e]+$/.test(body)) return false;
  let depth = 0;
  for (const c of body) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  if (depth !== 0) return false;
  // An unescaped % would comment out the rest of the line, & and # stop pdflatex.
  if (/(^|[^\\])[%#&]/.test(body)) return false;
  for (const m of body.matchAll(/\\([a-zA-Z]+|.)/g))
    if (!SAFE_MATH_COMMANDS.has(m[1] as string)) return false;
  return true;
}

/**
 * A title as LaTeX: inline math arXiv titles carry (`$\mathcal{O}(n)$`) is kept when it is safe
 * (see SAFE_MATH_COMMANDS), everything else goes through latexText.
 */
export function latexTitle(title: string): string {
  let out = '';
  let last = 0;
  for (const m of title.matchAll(/\$([^$]+)\$/g)) {
    const body = m[1] as string;
    if (!safeMath(body)) continue;
    out += latexText(title.slice(last, m.index)) + `$${body}$`;
    last = m.index + m[0].length;
  }
  return out + latexText(title.slice(last));
}
