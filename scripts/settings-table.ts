// Prints the README's settings table from the config schema, so the two never disagree:
//   npx tsx scripts/settings-table.ts
import { configSchema } from '../src/config.js';

const rows = Object.entries(configSchema.shape).map(([name, field]) => {
  const parsed = field.safeParse(undefined);
  const value = parsed.success ? parsed.data : undefined;
  const shown = typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
  const fallback = shown !== undefined ? `\`${String(shown)}\`` : '—';
  return `| \`${name}\` | ${fallback} | ${field.description ?? ''} |`;
});
console.log(['| setting | default | meaning |', '| --- | --- | --- |', ...rows].join('\n'));
