// Comment Markdown -> HTML. markdown-it with raw HTML off (any `<` in the source comes out as `&lt;`),
// images off, autolinked URLs, and links kept only for http(s) and mailto, each marked
// rel="nofollow ugc noopener". @handle becomes a link to the user's page when the account exists.
// The result is stored beside the source and is the only comment HTML a page ever shows.
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:)/i;
const MENTION = /(^|[^\w@/])@([a-z0-9_]{2,30})\b/gi;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.disable(['image', 'table', 'heading', 'lheading', 'hr']);
md.validateLink = (url) => SAFE_LINK.test(url.trim());
md.linkify.set({ fuzzyEmail: false, fuzzyLink: false });

// Every link, autolinked or written, gets rel="nofollow ugc noopener": no SEO credit for spam, no
// window.opener for the target.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, idx, options);
};

/** Handles mentioned in a source, lowercased, at most 20 (the service looks them up). */
export function mentionedHandles(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(MENTION)) {
    if (m[2]) found.add(m[2].toLowerCase());
    if (found.size >= 20) break;
  }
  return [...found];
}

// Mentions are found in text tokens only, so `@name` inside code or a link's text stays as written.
md.core.ruler.push('mentions', (state) => {
  const handles = (state.env as { handles?: ReadonlySet<string> }).handles;
  if (!handles || handles.size === 0) return;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: typeof block.children = [];
    let insideLink = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') insideLink++;
      if (token.type === 'link_close') insideLink--;
      if (token.type !== 'text' || insideLink > 0) {
        out.push(token);
        continue;
      }
      let last = 0;
      const text = token.content;
      for (const m of text.matchAll(MENTION)) {
        const handle = (m[2] ?? '').toLowerCase();
        if (!handles.has(handle)) continue;
        const at = (m.index ?? 0) + (m[1] ?? '').length;
        if (at > last)
          out.push(Object.assign(new state.Token('text', '', 0), { content: text.slice(last, at) }));
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [
          ['href', `/users/${handle}`],
          ['class', 'mention'],
        ];
        out.push(open);
        out.push(Object.assign(new state.Token('text', '', 0), { content: `@${m[2] ?? ''}` }));
        out.push(new state.Token('link_close', 'a', -1));
        last = at + 1 + (m[2] ?? '').length;
      }
      if (last === 0) out.push(token);
      else if (last < text.length)
        out.push(Object.assign(new state.Token('text', '', 0), { content: text.slice(last) }));
    }
    block.children = out;
  }
});

export function renderComment(source: string, existingHandles: ReadonlySet<string> = new Set()): string {
  return md.render(source, { handles: existingHandles });
}
