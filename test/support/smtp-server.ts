// A real SMTP server for tests (the smtp-server package on a local port, no TLS, no sign-in
// needed), keeping every message it was given, raw and parsed by mailparser, so a test reads what
// a mail program would show (the decoded subject and text) and what travelled on the wire. Like a
// real relay it can refuse messages with a 4xx answer (busy), be stopped and started again on the
// same port (down, then back), and hold the DATA of the n-th message without answering (a message
// in flight when the sending server is killed).
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  mail: ParsedMail;
  messageId: string;
  /** The envelope's recipients (RCPT TO), lower-cased. */
  to: string[];
  /** The envelope's sender (MAIL FROM). */
  from: string;
  subject: string;
  text: string;
  /** The Subject header as it came over the wire (RFC 2047 encoded words). */
  rawSubject: string;
}

export interface SmtpServer {
  port: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Messages taken (answered 250, or held), in the order received. */
  received: ReceivedMail[];
  /** How many were refused. */
  refused: number;
  /** When set, DATA is answered with this code and text (e.g. 451 and "4.3.0 …"). */
  refuse: { code: number; text: string } | null;
  /** What came that `match` accepts, in the order received. */
  matching(match: (mail: ReceivedMail) => boolean): ReceivedMail[];
  /** The first message `match` accepts after the `seen` already read (waits for it to come). */
  next(match: (mail: ReceivedMail) => boolean, seen?: number): Promise<ReceivedMail>;
  /** Hold the n-th message taken (1-based) without answering; resolves with it once held. */
  hold(n: number): Promise<ReceivedMail>;
  /** Answer the held message (if the connection is still there). */
  release(): void;
  stop(): Promise<void>;
  /** Listen again on the same port. */
  start(): Promise<void>;
}

/** The header block's Subject line(s), unfolded. */
function subjectHeader(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const m = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  return (m?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
}

export async function startSmtpServer(port = 0): Promise<SmtpServer> {
  let server: SMTPServer;
  let holdAt: number | null = null;
  let onHeld: ((r: ReceivedMail) => void) | null = null;
  let heldCallback: ((err?: Error | null) => void) | null = null;
  let taken = 0;
  const waiting = new Set<() => void>();

  const smtp: SmtpServer = {
    port,
    url: '',
    received: [],
    refused: 0,
    refuse: null,
    matching: (match) => smtp.received.filter(match),
    next: (match, seen = 0) =>
      new Promise((resolve) => {
        const look = () => {
          const mail = smtp.matching(match)[seen];
          if (!mail) return;
          waiting.delete(look);
          resolve(mail);
        };
        waiting.add(look);
        look();
      }),
    hold(n) {
      holdAt = n;
      return new Promise((resolve) => (onHeld = resolve));
    },
    release() {
      const cb = heldCallback;
      heldCallback = null;
      try {
        cb?.();
      } catch {
        // the client is gone (killed): nobody to answer
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: () => listen(smtp.port),
  };

  const listen = (at: number) => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 100,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          if (smtp.refuse) {
            smtp.refused++;
            const error = new Error(smtp.refuse.text) as Error & { responseCode: number };
            error.responseCode = smtp.refuse.code;
            callback(error);
            return;
          }
          simpleParser(raw).then(
            (mail) => {
              smtp.received.push({
                raw,
                mail,
                messageId: mail.messageId ?? '',
                to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                rawSubject: subjectHeader(raw),
              });
              taken++;
              for (const wake of waiting) wake();
              if (holdAt === taken) {
                heldCallback = callback;
                onHeld?.(smtp.received.at(-1)!);
                return;
              }
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.on('error', () => undefined); // a client killed mid-session is not the test's failure
    return new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        smtp.port = (server.server.address() as AddressInfo).port;
        smtp.url = `smtp://127.0.0.1:${smtp.port}`;
        resolve();
      });
    });
  };
  await listen(port);
  return smtp;
}

/** Mail to one address, optionally with a subject starting so. */
export const mailTo =
  (address: string, subject = '') =>
  (mail: ReceivedMail): boolean =>
    mail.to.includes(address.toLowerCase()) && mail.subject.startsWith(subject);
