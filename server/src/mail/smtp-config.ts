/**
 * Where mail goes out: an SMTP URL and the From address. From the environment (`DESKSIDE_SMTP_URL`,
 * `DESKSIDE_SMTP_PASSWORD`, `DESKSIDE_MAIL_FROM`), which wins, or from the admin console (stored in the
 * settings table; the password never leaves the server again).
 */
export interface SmtpConfig {
  /** smtp:// (STARTTLS when offered) or smtps:// (TLS from the start). */
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly user: string | null;
  readonly password: string | null;
  /** `Deskside <helpdesk@example.org>` or a bare address. */
  readonly from: string;
}

export type MailConfigSource = 'environment' | 'console';

export class SmtpConfigError extends Error {}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** A bare address, or `Name <address>`; the address, or null when it is neither. */
export function addressOf(from: string): string | null {
  const trimmed = from.trim();
  const angled = /^[^<>]*<([^<>]+)>$/.exec(trimmed);
  const address = angled ? angled[1]!.trim() : trimmed;
  return ADDRESS.test(address) ? address : null;
}

/**
 * `smtp[s]://[user[:password]@]host[:port]` → the parts; `password` (DESKSIDE_SMTP_PASSWORD or the
 * console's stored one) applies when the URL carries none. Throws SmtpConfigError with what is wrong.
 */
export function parseSmtpConfig(url: string, from: string, password: string | null = null): SmtpConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SmtpConfigError('the SMTP URL must look like smtp://user@mail.example.org:587 or smtps://mail.example.org');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new SmtpConfigError('the SMTP URL must start with smtp:// or smtps://');
  if (parsed.hostname === '') throw new SmtpConfigError('the SMTP URL names no host');
  if (parsed.pathname !== '' && parsed.pathname !== '/') throw new SmtpConfigError('the SMTP URL has no path: smtp://host:port');
  if (addressOf(from) === null) throw new SmtpConfigError('the From address must be an address, or a name and an address in <>');
  const secure = parsed.protocol === 'smtps:';
  const port = parsed.port === '' ? (secure ? 465 : 587) : Number(parsed.port);
  const user = parsed.username === '' ? null : decodeURIComponent(parsed.username);
  const inline = parsed.password === '' ? null : decodeURIComponent(parsed.password);
  return { secure, host: parsed.hostname.replace(/^\[|\]$/g, ''), port, user, password: inline ?? password, from: from.trim() };
}

/** The URL as it may be shown and logged: never with its password. */
export function safeSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unreadable URL)';
  }
}

/** The environment's configuration, null when DESKSIDE_SMTP_URL is unset. */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const url = env.DESKSIDE_SMTP_URL?.trim();
  if (url === undefined || url === '') return null;
  const from = env.DESKSIDE_MAIL_FROM?.trim();
  if (from === undefined || from === '') throw new SmtpConfigError('DESKSIDE_SMTP_URL is set but DESKSIDE_MAIL_FROM is not: mail needs a From address');
  try {
    return parseSmtpConfig(url, from, env.DESKSIDE_SMTP_PASSWORD ?? null);
  } catch (err) {
    throw new SmtpConfigError(`DESKSIDE_SMTP_URL / DESKSIDE_MAIL_FROM: ${err instanceof Error ? err.message : String(err)}`);
  }
}
