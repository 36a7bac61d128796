// The digest: the period's top trending papers, then one section per topic alert with the new papers
// that matched and why. A plain-text part for every client and an HTML part with inline styles only
// (mail clients drop <style> and scripts), light by default and dark where the client asks. Every
// value that is not our own markup goes through escapeHtml. Links carry the token placeholder the
// sender fills in (email/placeholders.ts).
import { truncateWords } from '../../domain/text.js';
import { escapeHtml } from '../escape.js';
import { OUTBOX_ID_PLACEHOLDER, TOKEN_PLACEHOLDER } from '../placeholders.js';
import type { MailMessage } from '../transport.js';

export interface DigestPaper {
  arxivId: string;
  title: string;
  authors: string[];
  abstract: string;
  upvotes: number;
  comments: number;
  /** Absolute address of the paper page. */
  url: string;
}

export interface DigestAlertSection {
  query: string;
  /** Every new match, of which `papers` are the newest. */
  total: number;
  /** The search page for this alert's query. */
  searchUrl: string;
  papers: (DigestPaper & { why: string })[];
  /** For an alert that also matches by meaning (`~`): what "like this query" meant here. */
  meaning?: string | null;
}

export interface DigestEmail {
  to: string;
  siteName: string;
  baseUrl: string;
  cadence: 'daily' | 'weekly';
  /** "Friday 21 August 2026", "week 34 of 2026". */
  periodLabel: string;
  trending: DigestPaper[];
  /** New feed entries of the period, of which `trending` are the top. */
  trendingTotal: number;
  alerts: DigestAlertSection[];
}

const ABSTRACT_CHARS = 280;
const AUTHORS_SHOWN = 4;

/** Links of every subscription email; the sender puts the token (and outbox id) in. */
export function subscriptionLinks(baseUrl: string) {
  const token = TOKEN_PLACEHOLDER;
  return {
    manage: `${baseUrl}/subscription?token=${token}`,
    unsubscribe: `${baseUrl}/subscription/unsubscribe?token=${token}`,
    /** RFC 8058's target: a POST here unsubscribes, no page, no cookie, no CSRF token. */
    oneClick: `${baseUrl}/subscription/one-click?token=${token}`,
    view: `${baseUrl}/subscription/emails/${OUTBOX_ID_PLACEHOLDER}?token=${token}`,
  };
}

/** RFC 2369 and RFC 8058: a mail client's own unsubscribe button, one POST and done. */
export function unsubscribeHeaders(baseUrl: string, listName: string): Record<string, string> {
  const host = new URL(baseUrl).hostname;
  return {
    'List-Unsubscribe': `<${subscriptionLinks(baseUrl).oneClick}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `${listName.replace(/[<>"\r\n]/g, '')} <digest.${host}>`,
    Precedence: 'bulk',
    'Auto-Submitted': 'auto-generated',
  };
}

export function authorLine(authors: readonly string[]): string {
  if (authors.length <= AUTHORS_SHOWN) return authors.join(', ');
  return `${authors.slice(0, AUTHORS_SHOWN).join(', ')} and ${authors.length - AUTHORS_SHOWN} more`;
}

function counts(p: DigestPaper): string {
  const votes = `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`;
  return p.comments > 0 ? `${votes} · ${p.comments} comment${p.comments === 1 ? '' : 's'}` : votes;
}

export function digestSubject(
  e: Pick<DigestEmail, 'siteName' | 'periodLabel' | 'trending' | 'alerts' | 'cadence'>,
): string {
  const matches = e.alerts.reduce((n, a) => n + a.total, 0);
  if (e.trending.length === 0)
    return `${matches} new paper${matches === 1 ? '' : 's'} for your alerts · ${e.siteName}, ${e.periodLabel}`;
  const what = e.cadence === 'weekly' ? 'Trending this week' : 'Trending papers';
  const extra = matches > 0 ? ` (+${matches} for your alerts)` : '';
  return `${what}${extra} · ${e.siteName}, ${e.periodLabel}`;
}

// A digest run renders the same trending papers for thousands of subscribers: each paper's markup
// is made once per paper object (the planner shares them within a run) and then reused.
const markup = new WeakMap<DigestPaper, { text: string; html: string }>();

function shortAbstract(p: DigestPaper): string {
  return truncateWords(p.abstract.replace(/\s+/g, ' '), ABSTRACT_CHARS);
}

function textPaper(p: DigestPaper, n: number, why?: string): string {
  if (why)
    return `${n}. ${p.title}\n   ${authorLine(p.authors)}\n   ${counts(p)} · ${p.url}\n   Matched: ${why}\n\n   ${shortAbstract(p)}\n`;
  return `${n}. ${memo(p).text}`;
}

function htmlPaper(p: DigestPaper, why?: string): string {
  return why ? paperRow(p, why) : memo(p).html;
}

function memo(p: DigestPaper): { text: string; html: string } {
  let m = markup.get(p);
  if (!m) {
    m = {
      text: `${p.title}\n   ${authorLine(p.authors)}\n   ${counts(p)} · ${p.url}\n\n   ${shortAbstract(p)}\n`,
      html: paperRow(p),
    };
    markup.set(p, m);
  }
  return m;
}

function paperRow(p: DigestPaper, why?: string): string {
  const url = escapeHtml(p.url);
  return `<tr><td style="padding:14px 0;border-bottom:1px solid #e3e3e8">
<a href="${url}" style="font-size:17px;font-weight:600;color:#1a56db;text-decoration:none;line-height:1.35">${escapeHtml(p.title)}</a>
<div style="color:#5b5b66;font-size:13px;margin-top:3px">${escapeHtml(authorLine(p.authors))}</div>
<div style="color:#5b5b66;font-size:13px;margin-top:2px">▲ ${escapeHtml(counts(p))}</div>
${why ? `<div style="font-size:13px;margin-top:4px;color:#245b2a">Matched: ${escapeHtml(why)}</div>` : ''}
<p style="margin:6px 0 0;font-size:14px;line-height:1.5;color:#26262b">${escapeHtml(shortAbstract(p))}</p>
</td></tr>`;
}

export function digestEmail(e: DigestEmail): MailMessage {
  const links = subscriptionLinks(e.baseUrl);
  const subject = digestSubject(e);
  const heading =
    e.cadence === 'weekly' ? `Trending papers of ${e.periodLabel}` : `Trending papers, ${e.periodLabel}`;

  const text: string[] = [`${e.siteName} · ${heading}`, ''];
  if (e.trending.length > 0) {
    text.push(
      `The top ${e.trending.length} of ${e.trendingTotal} new paper${e.trendingTotal === 1 ? '' : 's'} on the feed, by trending score:`,
      '',
    );
    e.trending.forEach((p, i) => text.push(textPaper(p, i + 1)));
  }
  for (const a of e.alerts) {
    text.push(`Your alert “${a.query}”: ${a.total} new paper${a.total === 1 ? '' : 's'}`, '');
    if (a.meaning) text.push(a.meaning, '');
    a.papers.forEach((p, i) => text.push(textPaper(p, i + 1, p.why)));
    if (a.total > a.papers.length)
      text.push(`   ... and ${a.total - a.papers.length} more: ${a.searchUrl}`, '');
  }
  text.push(
    '--',
    `You get this ${e.cadence} email because ${e.to} subscribed on ${e.siteName}.`,
    `Change what you get or when: ${links.manage}`,
    `Unsubscribe: ${links.unsubscribe}`,
    `View in a browser: ${links.view}`,
    '',
  );

  const sections: string[] = [];
  if (e.trending.length > 0) {
    sections.push(
      `<p style="margin:0 0 4px;color:#5b5b66;font-size:14px">The top ${e.trending.length} of ${e.trendingTotal} new paper${e.trendingTotal === 1 ? '' : 's'} on the feed, by trending score.</p>`,
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${e.trending.map((p) => htmlPaper(p)).join('')}</table>`,
    );
  }
  for (const a of e.alerts) {
    const more =
      a.total > a.papers.length
        ? `<p style="font-size:14px"><a href="${escapeHtml(a.searchUrl)}" style="color:#1a56db">and ${a.total - a.papers.length} more</a></p>`
        : '';
    sections.push(
      `<h2 style="font-size:18px;margin:28px 0 0">Your alert “${escapeHtml(a.query)}”: ${a.total} new paper${a.total === 1 ? '' : 's'}</h2>`,
      a.meaning ? `<p style="margin:4px 0 0;color:#5b5b66;font-size:14px">${escapeHtml(a.meaning)}</p>` : '',
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${a.papers.map((p) => htmlPaper(p, p.why)).join('')}</table>`,
      more,
    );
  }
  const site = escapeHtml(e.siteName);
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border-radius:8px"><tr><td style="padding:24px">
<p style="margin:0;font-size:13px;color:#5b5b66"><a href="${escapeHtml(e.baseUrl)}/" style="color:#5b5b66">${site}</a> · <a href="${escapeHtml(links.view)}" style="color:#5b5b66">view in a browser</a></p>
<h1 style="font-size:22px;margin:8px 0 16px">${escapeHtml(heading)}</h1>
${sections.join('\n')}
<p style="margin:28px 0 0;font-size:12px;color:#5b5b66;line-height:1.5">You get this ${e.cadence} email because ${escapeHtml(e.to)} subscribed on ${site}.
<a href="${escapeHtml(links.manage)}" style="color:#5b5b66">Change what you get or when</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#5b5b66">unsubscribe</a>.</p>
</td></tr></table></td></tr></table>
</body></html>
`;
  return {
    to: e.to,
    subject,
    text: text.join('\n'),
    html,
    headers: unsubscribeHeaders(e.baseUrl, `${e.siteName} digest`),
  };
}
