// A real SMTP server in the test process (smtp-server), capturing every message it receives parsed
// by mailparser. Anything that sends mail through src/email/transport.ts can be tested end to end:
// point PAPERBOY_SMTP_URL (or smtpTransport) at `url` and read `messages`, or wait for the next one.
// No TLS and any credentials accepted: it listens on 127.0.0.1 only. For fault tests it can refuse
// recipients with an SMTP code (`refuse`) and report each accepted message (`onAccepted`, called right
// after the 250 went out); test/support/tcp-proxy.ts drops connections and plays dead.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
}

export interface SmtpServerOptions {
  /** An SMTP reply for RCPT TO (e.g. 550 no such user, 451 try later), or null to accept. */
  refuse?: (address: string) => { code: number; message: string } | null;
  /** Called after a message was accepted (its 250 sent). */
  onAccepted?: (mail: CapturedMail) => void;
  /** Called when a message has arrived, before the 250 goes out: where a test kills the sender. */
  onData?: (mail: CapturedMail) => void;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT` */
  url: string;
  messages: CapturedMail[];
  /** The next message to arrive (or one that already did and nobody took), to `to` when given. */
  nextMessage(to?: string, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

function addresses(value: ParsedMail['to']): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The Message-ID header of a captured message (resends of one outbox message share it). */
export function messageIdOf(mail: CapturedMail): string {
  return String(mail.headers.get('message-id') ?? '');
}

/** A header as it arrived (unfolded), by name; mailparser reshapes the List-* headers. */
export function rawHeader(mail: CapturedMail, name: string): string | null {
  const head = mail.raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : null;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  const taken = new Set<CapturedMail>();
  const waiters: { to: string | undefined; resolve: (m: CapturedMail) => void }[] = [];

  const deliver = (mail: CapturedMail) => {
    messages.push(mail);
    const i = waiters.findIndex((w) => !w.to || mail.to.includes(w.to.toLowerCase()));
    if (i >= 0) {
      taken.add(mail);
      waiters.splice(i, 1)[0]?.resolve(mail);
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address.toLowerCase()) ?? null;
      if (!refusal) return callback();
      const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(err);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const mail: CapturedMail = {
              from: parsed.from?.value[0]?.address ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              raw,
            };
            deliver(mail);
            options.onData?.(mail);
            callback();
            if (options.onAccepted) setImmediate(() => options.onAccepted?.(mail));
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // A client killed mid-session leaves a socket error behind; it is not the test's failure.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    nextMessage(to, timeoutMs = 5000) {
      const ready = messages.find((m) => !taken.has(m) && (!to || m.to.includes(to.toLowerCase())));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no email to ${to ?? 'anyone'} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          to,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
