// How a message leaves the server, behind one small interface: send(message) → {ok} | {error}.
// Email goes through nodemailer to the relay in SMTP_URL; SMS/Zalo through a gateway that takes
// {to, text} as JSON at SMS_WEBHOOK_URL (commune staff read their phones more than their mail).
// A channel never throws for a refused or failed send: it says why, in Vietnamese with the other
// side's own answer, and deliver.ts writes that into the send log and tries again later.
import type { Transporter } from 'nodemailer';
import { loadNodemailer } from '../libraries.ts';
import type { MessagingConfig } from '../config.ts';
import type { MessageChannel } from './outbox.ts';

/** What a channel needs of a stored message (OutgoingMessage). */
export interface Sendable {
  id: string;
  address: string;
  subject: string;
  text: string;
  html: string | null;
  /** The same on every attempt: a repeat after a crash can be dropped by mail systems. */
  messageId: string;
  requestId: string | null;
  attachLetter: boolean;
}

export type SendResult = { ok: true } | { ok?: false; error: string; permanent?: boolean };

export interface Channel {
  send(message: Sendable): Promise<SendResult>;
  /** Ends the connections kept open between sends. */
  close(): void;
}

export type Channels = Partial<Record<MessageChannel, Channel>>;

/** The request's công văn đôn đốc at `at` as a .docx, or null when there is none to send. */
export type LetterFor = (
  requestId: string,
  at: Date,
) => Promise<{ filename: string; content: Buffer } | null>;

export interface ChannelOptions {
  /** Attaches the công văn đôn đốc to messages marked attachLetter; unset: sent without it. */
  letterFor?: LetterFor;
  /** Told what could not be done without failing the send (a letter that could not be made). */
  log?: (message: string) => void;
  /** The time letters are made at (the run's clock); default: when each is made. */
  now?: Date;
}

/** host:port of an SMTP URL, never its user or password. */
function relayName(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'SMTP_URL';
  }
}

interface MailError {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
}

/** Why nodemailer failed, as the send log says it: our words, then the relay's answer. */
export function mailFailure(error: unknown, relay: string): { error: string; permanent: boolean } {
  const e = (error ?? {}) as MailError;
  const answer = e.response?.trim();
  const permanent = e.permanent ?? false;
  if (e.code === 'EAUTH') {
    return {
      error: `Máy chủ thư ${relay} không chấp nhận tài khoản gửi trong SMTP_URL: ${answer ?? e.message}`,
      permanent,
    };
  }
  if (answer) {
    const what = e.code === 'EENVELOPE' ? 'từ chối địa chỉ người nhận' : 'từ chối thư';
    return { error: `Máy chủ thư ${relay} ${what}: ${answer}`, permanent };
  }
  if (['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EPROXY'].includes(e.code ?? '')) {
    return { error: `Không kết nối được máy chủ thư ${relay}: ${e.message ?? e.code}`, permanent };
  }
  return { error: `Không gửi được thư qua ${relay}: ${e.message ?? String(error)}`, permanent };
}

/**
 * Email through the relay of SMTP_URL. One pooled connection, reused for the messages of a
 * delivery run and closed with the channel. The subject and text are UTF-8 (nodemailer encodes
 * the subject as RFC 2047 words); the Message-ID is the stored one.
 */
export function emailChannel(
  email: { smtpUrl: string; from: string },
  options: ChannelOptions = {},
): Channel {
  const relay = relayName(email.smtpUrl);
  // Made when the first message goes: nodemailer is loaded on first use (server/libraries.ts).
  let transport: Promise<Transporter> | null = null;
  const transporter = () =>
    (transport ??= loadNodemailer().then(({ createTransport }) =>
      createTransport({
        url: email.smtpUrl,
        pool: true,
        maxConnections: 1,
        // A relay that does not answer is a failure to retry, not a run that hangs (deliver.ts
        // holds each message for a few minutes only).
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
        disableFileAccess: true,
        disableUrlAccess: true,
      }),
    ));
  // A letter is made once per request and delivery run, however many agencies it goes to.
  const letters = new Map<string, Promise<{ filename: string; content: Buffer } | null>>();
  const letterOf = (requestId: string) => {
    if (!options.letterFor) return Promise.resolve(null);
    let letter = letters.get(requestId);
    if (!letter) {
      letter = options.letterFor(requestId, options.now ?? new Date()).catch((error: unknown) => {
        // The reminder matters more than its attachment: it goes without the letter.
        options.log?.(
          `Không tạo được công văn đôn đốc cho yêu cầu ${requestId}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      });
      letters.set(requestId, letter);
    }
    return letter;
  };
  return {
    async send(m) {
      const letter = m.attachLetter && m.requestId ? await letterOf(m.requestId) : null;
      try {
        await (
          await transporter()
        ).sendMail({
          from: email.from,
          to: m.address,
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          messageId: m.messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
          attachments: letter
            ? [
                {
                  filename: letter.filename,
                  content: letter.content,
                  contentType:
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                },
              ]
            : [],
        });
        return { ok: true };
      } catch (error) {
        return mailFailure(error, relay);
      }
    },
    close: () => {
      void transport?.then(
        (t) => t.close(),
        () => undefined,
      );
    },
  };
}

const SMS_TIMEOUT_MS = 30_000;

/**
 * SMS/Zalo through a gateway (the province's, or a provider's): POST {to, text, id} as JSON, any
 * 2xx is delivered. `id` is the message's Message-ID, the same on a retry, so a gateway that
 * keeps it can drop a repeat.
 */
export function smsChannel(webhookUrl: string): Channel {
  return {
    async send(m) {
      let res: Response;
      try {
        res = await fetch(webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ to: m.address, text: m.text, id: m.messageId }),
          signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (error as Error).message;
        return { error: `Không kết nối được cổng SMS/Zalo (${new URL(webhookUrl).host}): ${why}` };
      }
      const body = (await res.text().catch(() => '')).trim().slice(0, 300);
      if (res.ok) return { ok: true };
      return {
        error: `Cổng SMS/Zalo trả lời ${res.status}${body ? `: ${body}` : ''}`,
        permanent: res.status >= 400 && res.status < 500 && res.status !== 429,
      };
    },
    close: () => undefined,
  };
}

/**
 * The channels configured: email when SMTP_URL and MAIL_FROM are set, SMS/Zalo when
 * SMS_WEBHOOK_URL is. None: nothing is sent (in-app notifications still are written).
 */
export function openChannels(messaging: MessagingConfig, options: ChannelOptions = {}): Channels {
  const channels: Channels = {};
  if (messaging.email) channels.EMAIL = emailChannel(messaging.email, options);
  if (messaging.smsWebhookUrl) channels.SMS = smsChannel(messaging.smsWebhookUrl);
  return channels;
}

export function closeChannels(channels: Channels): void {
  for (const c of Object.values(channels)) c?.close();
}
