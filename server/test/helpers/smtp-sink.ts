import type { AddressInfo } from 'node:net';

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** A real SMTP server on loopback that keeps what it accepted, parsed, for tests to read. */
export interface SmtpSink {
  readonly port: number;
  readonly received: ParsedMail[];
  /** Recipients refused for good (550) or for now (451). */
  readonly refuse: Map<string, 550 | 451>;
  /** While set, the next message's DATA is held (never answered) until `release()` or its connection drops. */
  holdNext: boolean;
  /** Resolves once a held message is waiting. */
  held(): Promise<void>;
  /** Finishes the held message (accepting it). */
  release(): void;
  /** Waits until `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly ParsedMail[]>;
  close(): Promise<void>;
}

export const SMTP_USER = 'deskside';
export const SMTP_PASSWORD = 'sink password';

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const refuse = new Map<string, 550 | 451>();
  const waiters: (() => void)[] = [];
  let heldResolve: (() => void) | null = null;
  let heldSignal: Promise<void> = new Promise((r) => (heldResolve = r));
  let releaseHeld: (() => void) | null = null;
  const notify = () => waiters.splice(0).forEach((w) => w());
  const sink: SmtpSink = {
    port: 0,
    received,
    refuse,
    holdNext: false,
    held: () => heldSignal,
    release: () => releaseHeld?.(),
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited for ${count} mails, got ${received.length}`)), timeoutMs);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve(received);
          } else waiters.push(check);
        };
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    // Loopback only, no TLS: the test checks what Deskside sends, not the transport's encryption.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    // A test's abandoned connections must not hold the sink open.
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('535 5.7.8 authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address);
      if (code === undefined) return callback();
      callback(Object.assign(new Error(code === 550 ? '5.1.1 no such mailbox here' : '4.2.1 mailbox busy, try later'), { responseCode: code }));
    },
    onData(stream: SMTPServerDataStream, _session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const finish = () => {
          void simpleParser(Buffer.concat(chunks)).then((mail) => {
            received.push(mail);
            callback(null, 'Ok: queued by the test sink');
            notify();
          }, callback);
        };
        if (!sink.holdNext) return finish();
        sink.holdNext = false;
        releaseHeld = () => {
          releaseHeld = null;
          finish();
        };
        heldResolve?.();
        heldSignal = new Promise((r) => (heldResolve = r));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return Object.assign(sink, { port: (server.server.address() as AddressInfo).port });
}
