import nodemailer, { type Transporter } from 'nodemailer';

import { OutboundError } from '../outbound/job.js';
import type { SmtpConfig } from './smtp-config.js';

/** One message as the SMTP sender takes it: already rendered. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable across retries, so a mail sent twice after a crash is recognisably one message. */
  readonly messageId: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly references?: readonly string[];
}

const CONNECT_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 60_000;

interface SmtpFailure {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly message?: string;
}

/**
 * What an SMTP failure means for the next attempt: a 5xx reply is permanent (the server refused this
 * message or recipient for good), a 4xx reply, a dropped connection or a timeout is transient. A
 * failed sign-in is transient too: it is the configuration that is wrong, and jobs wait for an admin
 * to fix it rather than die.
 */
export function smtpOutboundError(err: unknown): OutboundError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpFailure;
  const response = typeof e.response === 'string' ? e.response : null;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600 && e.code !== 'EAUTH';
  const message = e.message ?? String(err);
  return new OutboundError(message, { permanent, response, cause: err });
}

/**
 * Sends through nodemailer's SMTP transport, one pooled transport per configuration (a changed
 * configuration gets a new one; the old one is closed).
 */
export class SmtpSender {
  private current: { key: string; transport: Transporter } | null = null;

  private transportFor(config: SmtpConfig): Transporter {
    const key = JSON.stringify(config);
    if (this.current?.key === key) return this.current.transport;
    this.current?.transport.close();
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      ...(config.user !== null ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
      pool: true,
      maxConnections: 2,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      // Never log message bodies or credentials.
      logger: false,
      debug: false,
    });
    this.current = { key, transport };
    return transport;
  }

  /** Resolves with the server's answer ("250 2.0.0 Ok: queued as …"); throws an OutboundError. */
  async send(config: SmtpConfig, mail: OutgoingMail, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const transport = this.transportFor(config);
    // A shutdown that cannot wait drops the connection: the server never accepted the message, so the
    // job's next attempt is not a duplicate.
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => {
        this.close();
        reject(new OutboundError('the send was aborted by a shutdown', { permanent: false }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const info = (await Promise.race([aborted, transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.references !== undefined && mail.references.length > 0 ? { references: [...mail.references] } : {}),
        ...(mail.headers !== undefined ? { headers: { ...mail.headers } } : {}),
      })])) as { response?: string };
      return info.response ?? '';
    } catch (err) {
      throw err instanceof OutboundError ? err : smtpOutboundError(err);
    } finally {
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Connects and signs in without sending anything. */
  async verify(config: SmtpConfig): Promise<void> {
    try {
      await this.transportFor(config).verify();
    } catch (err) {
      throw smtpOutboundError(err);
    }
  }

  close(): void {
    this.current?.transport.close();
    this.current = null;
  }
}
