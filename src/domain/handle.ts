// User handles: the profile address (/users/:handle) and the @mention. Lowercase letters, digits and
// underscores, 2 to 30 of them, so a handle never needs escaping in a URL.
export const HANDLE_PATTERN = /^[a-z0-9_]{2,30}$/;

export function isHandle(value: string): boolean {
  return HANDLE_PATTERN.test(value);
}

/** A first handle from an email's local part: `Ada.Lovelace+papers@x` -> `ada_lovelace`. */
export function handleFromEmail(email: string): string {
  const local = (email.split('@')[0] ?? '').split('+')[0] ?? '';
  const base = local
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24);
  return base.length >= 2 ? base : `user_${base}`.slice(0, 24);
}

/** The display name a new account starts with: the email's local part, words capitalised. */
export function nameFromEmail(email: string): string {
  const local = (email.split('@')[0] ?? '').split('+')[0] ?? '';
  const words = local.split(/[._-]+/).filter((w) => w.length > 0);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  return (name || 'New member').slice(0, 50);
}
