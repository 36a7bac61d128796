// HTML escaping for email bodies, which are built as strings (no JSX renderer there). Every value
// that is not our own markup goes through escapeHtml; attribute values are always double-quoted.
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
