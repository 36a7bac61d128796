// Sent to an account's address whenever its password is set, changed or removed, by its owner or by
// the operator: the mailbox hears of every change, so someone who took over a session and set a
// password is noticed, and the email says how to undo it (an emailed link, then Settings).
import type { MailMessage } from '../transport.js';
import { escapeHtml } from '../escape.js';

export type PasswordChange = 'set' | 'changed' | 'removed' | 'cleared';

export interface PasswordChangedEmail {
  to: string;
  siteName: string;
  change: PasswordChange;
  /** ISO time of the change. */
  at: string;
  /** The client address it came from, when known (not from the operator's command line). */
  ip: string | null;
  /** `${baseUrl}/signin?next=/settings` */
  signInUrl: string;
  /** Minutes after a link sign-in during which the password can be reset without the current one. */
  resetMinutes: number;
}

const WHAT: Record<PasswordChange, (site: string) => string> = {
  set: (site) => `A password was set on your ${site} account`,
  changed: (site) => `The password of your ${site} account was changed`,
  removed: (site) => `The password of your ${site} account was removed`,
  cleared: (site) => `An operator of ${site} removed the password of your account`,
};

const SUBJECT: Record<PasswordChange, (site: string) => string> = {
  set: (site) => `A password was set on your ${site} account`,
  changed: (site) => `Your ${site} password was changed`,
  removed: (site) => `Your ${site} password was removed`,
  cleared: (site) => `Your ${site} password was removed`,
};

const AFTER: Record<PasswordChange, string> = {
  set: 'Every other session was signed out.',
  changed: 'Every other session was signed out.',
  removed: 'You now sign in with an emailed link only; every other session was signed out.',
  cleared: 'You now sign in with an emailed link only; every session was signed out.',
};

export function passwordChangedEmail(e: PasswordChangedEmail): MailMessage {
  const subject = SUBJECT[e.change](e.siteName);
  const when = `${e.at.slice(0, 16).replace('T', ' ')} UTC`;
  const from = e.ip ? ` from the address ${e.ip}` : '';
  const what = `${WHAT[e.change](e.siteName)} on ${when}${from}.`;
  const after = AFTER[e.change];
  const undo =
    e.change === 'cleared'
      ? `To set a password again, sign in with an emailed link and open Settings within ${e.resetMinutes} minutes.`
      : `If this was not you, someone else is signed in to your account. Sign in with an emailed link (it only comes to this address), open Settings, and within ${e.resetMinutes} minutes set a new password or remove it without knowing the current one; either signs out everyone else.`;
  const text = `Hello,

${what}
${after}

${undo}

${e.signInUrl}
`;
  const url = escapeHtml(e.signInUrl);
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5">
<p>Hello,</p>
<p>${escapeHtml(what)}<br>${escapeHtml(after)}</p>
<p>${escapeHtml(undo)}</p>
<p><a href="${url}">Sign in to ${escapeHtml(e.siteName)}</a></p>
</body></html>
`;
  return { to: e.to, subject, text, html };
}
