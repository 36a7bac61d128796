// The two emails about a subscription itself: the double opt-in confirmation, and a link to manage an
// existing subscription (asked for again, or to add a topic alert to it). Neither says more about the
// address than its owner already knows; both carry the token placeholder the sender fills in.
import { escapeHtml } from '../escape.js';
import { TOKEN_PLACEHOLDER } from '../placeholders.js';
import type { MailMessage } from '../transport.js';
import { subscriptionLinks } from './digest.email.js';

export interface ConfirmEmail {
  to: string;
  siteName: string;
  baseUrl: string;
  /** "daily at 08:00 (Europe/Berlin)". */
  schedule: string;
  /** Alerts the subscription will hold once confirmed. */
  alerts: string[];
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;max-width:560px;margin:24px auto;padding:0 12px">
${body}
</body></html>
`;
}

export function confirmSubscriptionEmail(e: ConfirmEmail): MailMessage {
  const link = `${e.baseUrl}/subscription/confirm?token=${TOKEN_PLACEHOLDER}`;
  const subject = `Confirm your ${e.siteName} subscription`;
  const alerts =
    e.alerts.length > 0 ? `\nWith topic alerts for: ${e.alerts.map((a) => `“${a}”`).join(', ')}.\n` : '';
  const text = `Hello,

Someone (hopefully you) asked to email ${e.to} the papers of ${e.siteName}, ${e.schedule}.${alerts}
Confirm here; nothing is sent until you do:

${link}

The link works for 7 days. If you did not ask for this, ignore this email and you will hear no more.
`;
  const html = page(
    subject,
    `<p>Hello,</p>
<p>Someone (hopefully you) asked to email ${escapeHtml(e.to)} the papers of ${escapeHtml(e.siteName)}, ${escapeHtml(e.schedule)}.</p>
${e.alerts.length > 0 ? `<p>With topic alerts for: ${e.alerts.map((a) => `“${escapeHtml(a)}”`).join(', ')}.</p>` : ''}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1a56db;color:#ffffff;border-radius:6px;text-decoration:none">Confirm my subscription</a></p>
<p style="word-break:break-all;color:#5b5b66;font-size:13px">${escapeHtml(link)}</p>
<p style="color:#5b5b66;font-size:13px">The link works for 7 days. If you did not ask for this, ignore this email and you will hear no more.</p>`,
  );
  return { to: e.to, subject, text, html };
}

export interface ManageLinkEmail {
  to: string;
  siteName: string;
  baseUrl: string;
  /** An alert asked for on the site: the link opens the manage page with it filled in. */
  pendingAlert: string | null;
}

export function manageLinkEmail(e: ManageLinkEmail): MailMessage {
  const links = subscriptionLinks(e.baseUrl);
  const manage = e.pendingAlert
    ? `${links.manage}&alert=${encodeURIComponent(e.pendingAlert)}`
    : links.manage;
  const subject = `Your ${e.siteName} subscription`;
  const ask = e.pendingAlert
    ? `Someone (hopefully you) asked to add an alert for “${e.pendingAlert}” to the subscription of ${e.to}. Open this link to add it, or to change anything else:`
    : `Someone (hopefully you) asked for a link to manage the subscription of ${e.to}. Here it is:`;
  const text = `Hello,

${ask}

${manage}

If you did not ask for it, ignore this email: nothing changes without the link.
`;
  const html = page(
    subject,
    `<p>Hello,</p>
<p>${escapeHtml(ask)}</p>
<p><a href="${escapeHtml(manage)}" style="display:inline-block;padding:10px 16px;background:#1a56db;color:#ffffff;border-radius:6px;text-decoration:none">Manage my subscription</a></p>
<p style="word-break:break-all;color:#5b5b66;font-size:13px">${escapeHtml(manage)}</p>
<p style="color:#5b5b66;font-size:13px">If you did not ask for it, ignore this email: nothing changes without the link.</p>`,
  );
  return { to: e.to, subject, text, html, headers: { 'Auto-Submitted': 'auto-generated' } };
}
