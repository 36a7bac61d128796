// Search results mark their matches with the control characters MARK_START and MARK_END (see
// stores/search.store.ts). The text is split on them and each match becomes a <mark>; every part is
// JSX text, so the paper's own text is escaped and never parsed as HTML.
import { MARK_END, MARK_START } from '../../../domain/marks.js';

export interface TextPart {
  text: string;
  marked: boolean;
}

const STRAY = new RegExp(`[${MARK_START}${MARK_END}]`, 'g');

/** Splits marked text into plain and matched parts. Unbalanced markers are dropped, not shown. */
export function splitMarked(s: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (text: string, marked: boolean) => {
    const clean = text.replace(STRAY, '');
    if (clean) parts.push({ text: clean, marked });
  };
  let rest = s;
  for (;;) {
    const start = rest.indexOf(MARK_START);
    const end = start < 0 ? -1 : rest.indexOf(MARK_END, start + 1);
    if (start < 0 || end < 0) {
      push(rest, false);
      return parts;
    }
    push(rest.slice(0, start), false);
    push(rest.slice(start + 1, end), true);
    rest = rest.slice(end + 1);
  }
}

export function MarkedText(props: { text: string }) {
  return <>{splitMarked(props.text).map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))}</>;
}
