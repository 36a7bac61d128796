// arXiv identifiers: new style `2406.12345` (4+4 or 4+5 digits) and old style `hep-th/9901001`,
// each optionally with a version suffix `v2` (at most four digits: arXiv's papers have dozens of
// versions at most, and a version is stored in an integer column).

export interface ArxivId {
  /** The id without version, as paperboy stores it. */
  id: string;
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d{1,4}))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d{1,4}))?$/;

/** Parses a bare id, an `arXiv:` prefixed id, or an arxiv.org abs/pdf URL. Returns null when it is none. */
export function parseArxivId(input: string): ArxivId | null {
  let s = input.trim();
  const url = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/i.exec(
    s,
  );
  if (url?.[1]) s = url[1];
  s = s.replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(s) ?? OLD_STYLE.exec(s);
  if (!m?.[1]) return null;
  return { id: m[1], version: m[2] ? Number(m[2]) : null };
}

export function isArxivId(input: string): boolean {
  return parseArxivId(input) !== null;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
