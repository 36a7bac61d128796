// arXiv's authors field as submitted (arXivRaw's `<authors>`) -> one name per author. arXiv asks for
// names separated by commas, with "and" before the last, and affiliations in parentheses after a
// name or numbered at the end: `A. One (1), B. Two (2) ((1) Univ. X, (2) Lab Y)`. Affiliations are
// dropped; a generational suffix split off by a comma ("Rodrigues, Jr") stays with its name.

const SEPARATOR = /\s*(?:,|;|&|\band\b)\s*/;
const SUFFIX = /^(?:Jr|Sr)\.?$|^(?:II|III|IV)$/;
const ET_AL = /(?:^|\s+)et\.? al\.?$/i;

/** The names in an authors field, in order; affiliations and "et al." left out. */
export function splitAuthorList(field: string): string[] {
  const names: string[] = [];
  for (const part of withoutParentheses(field).split(SEPARATOR)) {
    const name = part.replace(/\s+/g, ' ').trim().replace(ET_AL, '');
    if (name === '') continue;
    const previous = names.length - 1;
    if (SUFFIX.test(name) && previous >= 0) names[previous] = `${names[previous]} ${name}`;
    else names.push(name);
  }
  return names;
}

/** The text outside parentheses, nested ones included; an unclosed "(" runs to the end. */
function withoutParentheses(text: string): string {
  let depth = 0;
  let out = '';
  for (const c of text) {
    if (c === '(') depth++;
    // A closed group stands where a space would: "A (X)B" is "A B".
    else if (c === ')') out += depth > 0 && --depth === 0 ? ' ' : '';
    else if (depth === 0) out += c;
  }
  return out;
}
