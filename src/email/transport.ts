// How emails leave paperboy: over SMTP (nodemailer) when PAPERBOY_SMTP_URL is set, otherwise into the
// log, so someone running `npm start` on a laptop can sign in by copying the link from the terminal.
// Services take a MailTransport, so tests can use the real SMTP transport against an in-process server.
import nodemailer from 'nodemailer';
import type { Logger } from '../lib/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe for digests. */
  headers?: Record<string, string>;
  /** `<...@host>`; the same on every attempt of one outbox message, so a resend is recognisable. */
  messageId?: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'log';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(m) {
      await transporter.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(m.headers ? { headers: m.headers } : {}),
        ...(m.messageId ? { messageId: m.messageId } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/** Logs the text part (links included) at info level; nothing is sent. */
export function logTransport(log: Logger): MailTransport {
  return {
    kind: 'log',
    send(m) {
      log.info(
        { mail_to: m.to, subject: m.subject, message_id: m.messageId, text: m.text },
        'email not sent (no PAPERBOY_SMTP_URL); its text follows',
      );
      return Promise.resolve();
    },
    close: () => {},
  };
}

export function createMailTransport(
  options: { smtpUrl: string | null; from: string },
  log: Logger,
): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl, options.from) : logTransport(log);
}
