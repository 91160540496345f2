import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseS3Url } from './attachments/s3-location.js';
import { parseTrustProxy, type TrustProxy } from './http/trust-proxy.js';
import { smtpConfigFromEnv, type SmtpConfig } from './mail/smtp-config.js';
import { parseImapUrl, type ImapSettings } from './mail-in/imap-url.js';

/** Everything the server reads from flags and environment, resolved once at start. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** Where attachments live: a folder, or `s3://BUCKET[/PREFIX]` (`--attachments`, `DESKSIDE_ATTACHMENTS`). */
  readonly attachments: string;
  readonly logLevel: string;
  /** Behind a load balancer: trust X-Forwarded-For/-Proto from it for client IPs and Secure cookies. */
  /** How far `X-Forwarded-For` is believed: see http/trust-proxy.ts. */
  readonly trustProxy: TrustProxy;
  /** Built console files to serve at `/`, or null to serve the API only. */
  readonly consoleDir: string | null;
  readonly limits: Limits;
  readonly rateLimits: RateLimits;
  /** Inventory history kept (`DESKSIDE_HISTORY_RETENTION_DAYS`, `DESKSIDE_HISTORY_MAX_ROWS` per device). */
  readonly historyRetention?: { readonly maxAgeDays: number; readonly maxRowsPerDevice: number };
  /** The mailbox read for tickets and replies (`DESKSIDE_IMAP_URL`); null when mail is not read. */
  readonly imap?: ImapSettings | null;
  /** Where technicians reach the console, when a proxy rewrites the host (`DESKSIDE_PUBLIC_URL`). */
  readonly publicUrl?: string | null;
  /** Bytes of large bodies unpacked at once per process (`DESKSIDE_INFLATE_BUDGET_MIB`) and per device. */
  readonly inflate?: { readonly processBytes: number; readonly deviceBytes: number };
  /** Server processes sharing the port (node:cluster); 1 runs everything in this process. */
  readonly workers: number;
  /** Outgoing mail from `DESKSIDE_SMTP_URL`, `DESKSIDE_SMTP_PASSWORD`, `DESKSIDE_MAIL_FROM`; null: the console's settings, if any. */
  readonly smtp?: SmtpConfig | null;
}

/** More processes than this buys nothing on any box Deskside targets and costs memory. */
export const MAX_WORKERS = 64;

export interface Limits {
  /** Any JSON body, on the wire. */
  readonly bodyBytes: number;
  /** An inventory upload on the wire (usually gzip) and once inflated. */
  readonly inventoryBytes: number;
  readonly inventoryInflatedBytes: number;
  /** The ticket JSON part of a multipart upload (diagnostics included). */
  readonly ticketJsonBytes: number;
}

export interface RateLimits {
  /** Per client IP per minute. */
  readonly enrollPerMinute: number;
  readonly loginPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1024 * 1024,
  inventoryBytes: 16 * 1024 * 1024,
  inventoryInflatedBytes: 32 * 1024 * 1024,
  ticketJsonBytes: 2 * 1024 * 1024,
};

export const DEFAULT_RATE_LIMITS: RateLimits = { enrollPerMinute: 30, loginPerMinute: 10 };

/** server/console/dist beside this package, whether running from src/ or dist/. */
export function defaultConsoleDir(): string | null {
  const dir = fileURLToPath(new URL('../console/dist', import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export interface ConfigInput {
  readonly host?: string | undefined;
  readonly port?: string | number | undefined;
  readonly db?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly workers?: string | number | undefined;
  readonly attachments?: string | undefined;
}

function positiveInt(name: string, value: string | number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number between 1 and ${max}`);
  return n;
}

function publicUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error('DESKSIDE_PUBLIC_URL must be an absolute http(s) URL, e.g. https://deskside.example.org');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('DESKSIDE_PUBLIC_URL must be an http(s) URL');
  return url.origin;
}

/** Flags win over environment variables, which win over defaults. */
export function resolveConfig(flags: ConfigInput, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(flags.dataDir ?? env.DESKSIDE_DATA_DIR ?? 'deskside-data');
  const databaseUrl = flags.db ?? env.DESKSIDE_DB ?? `sqlite:${join(dataDir, 'deskside.db')}`;
  const attachments = flags.attachments ?? env.DESKSIDE_ATTACHMENTS ?? join(dataDir, 'attachments');
  // A mistyped bucket should stop the start, not the first upload.
  if (attachments.startsWith('s3://')) parseS3Url(attachments);
  return {
    host: flags.host ?? env.DESKSIDE_HOST ?? '127.0.0.1',
    port: positiveInt('port', flags.port ?? env.DESKSIDE_PORT, 8080, 65535),
    databaseUrl,
    dataDir,
    attachments: attachments.startsWith('s3://') ? attachments : resolve(attachments),
    logLevel: env.DESKSIDE_LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.DESKSIDE_TRUST_PROXY),
    consoleDir: env.DESKSIDE_CONSOLE_DIR !== undefined ? (env.DESKSIDE_CONSOLE_DIR === '' ? null : resolve(env.DESKSIDE_CONSOLE_DIR)) : defaultConsoleDir(),
    limits: DEFAULT_LIMITS,
    rateLimits: {
      enrollPerMinute: positiveInt('DESKSIDE_ENROLL_RATE_LIMIT', env.DESKSIDE_ENROLL_RATE_LIMIT, DEFAULT_RATE_LIMITS.enrollPerMinute),
      loginPerMinute: positiveInt('DESKSIDE_LOGIN_RATE_LIMIT', env.DESKSIDE_LOGIN_RATE_LIMIT, DEFAULT_RATE_LIMITS.loginPerMinute),
    },
    workers: positiveInt('workers', flags.workers ?? env.DESKSIDE_WORKERS, 1, MAX_WORKERS),
    publicUrl: publicUrl(env.DESKSIDE_PUBLIC_URL),
    // A mistyped mailbox URL stops the start; its text is never echoed (it holds the password).
    imap: env.DESKSIDE_IMAP_URL === undefined || env.DESKSIDE_IMAP_URL === '' ? null : parseImapUrl(env.DESKSIDE_IMAP_URL),
    historyRetention: {
      maxAgeDays: positiveInt('DESKSIDE_HISTORY_RETENTION_DAYS', env.DESKSIDE_HISTORY_RETENTION_DAYS, 365, 36_500),
      maxRowsPerDevice: positiveInt('DESKSIDE_HISTORY_MAX_ROWS', env.DESKSIDE_HISTORY_MAX_ROWS, 10_000),
    },
    // A mistyped SMTP URL stops the start rather than every mail.
    smtp: smtpConfigFromEnv(env),
    inflate: {
      processBytes: positiveInt('DESKSIDE_INFLATE_BUDGET_MIB', env.DESKSIDE_INFLATE_BUDGET_MIB, 64, 65_536) * 1024 * 1024,
      deviceBytes: DEFAULT_LIMITS.inventoryInflatedBytes,
    },
  };
}
