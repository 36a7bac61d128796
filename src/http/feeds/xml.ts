// Escaping for XML text and attributes. Characters XML 1.0 forbids (most C0 controls) are dropped:
// one stray control character in an abstract would make a whole feed unreadable to strict parsers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<name attr="...">text</name>`, or nothing when the text is empty. */
export function element(
  name: string,
  text: string | null | undefined,
  attrs: Record<string, string> = {},
): string {
  if (text === null || text === undefined || text === '') return '';
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${xmlAttr(v)}"`)
    .join('');
  return `<${name}${a}>${xmlText(text)}</${name}>`;
}
