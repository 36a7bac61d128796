// Links and images from paper data (GitHub repositories, project pages, thumbnails, avatars) come from
// upstream sources we do not control. Only http(s) URLs are ever put in an href or src, so a
// `javascript:` or `data:` URL in the data can never become a live link.

export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}
