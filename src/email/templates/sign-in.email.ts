// The sign-in link email: a text part and an HTML part. The link carries the one-time token; the page
// it opens asks for a click before signing in, so mail scanners that follow links cannot use it up.
import type { MailMessage } from '../transport.js';
import { escapeHtml } from '../escape.js';

export interface SignInEmail {
  to: string;
  siteName: string;
  link: string;
  minutes: number;
}

export function signInEmail(e: SignInEmail): MailMessage {
  const subject = `Sign in to ${e.siteName}`;
  const text = `Hello,

Someone (hopefully you) asked to sign in to ${e.siteName} with this address.
Open this link to sign in; it works once, within ${e.minutes} minutes:

${e.link}

If you did not ask for it, ignore this email: nobody can sign in without the link.
`;
  const site = escapeHtml(e.siteName);
  const link = escapeHtml(e.link);
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5">
<p>Hello,</p>
<p>Someone (hopefully you) asked to sign in to ${site} with this address.
Open this link to sign in; it works once, within ${e.minutes} minutes:</p>
<p><a href="${link}">Sign in to ${site}</a></p>
<p style="word-break: break-all; color: #555">${link}</p>
<p>If you did not ask for it, ignore this email: nobody can sign in without the link.</p>
</body></html>
`;
  return { to: e.to, subject, text, html };
}
