/** Where incoming mail is read: an IMAP account and one folder of it. */
export interface ImapSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (`imaps://`, port 993); `imap://` upgrades with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly mailbox: string;
}

/**
 * `imaps://USER:PASSWORD@HOST[:PORT]/FOLDER` or `imap://…` (`DESKSIDE_IMAP_URL`). User and password
 * are URL-encoded (`%40` for an `@` in the user name); the folder defaults to INBOX.
 */
export function parseImapUrl(value: string): ImapSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('the IMAP URL must look like imaps://USER:PASSWORD@HOST/INBOX');
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new Error('the IMAP URL must start with imap:// or imaps://');
  const secure = url.protocol === 'imaps:';
  if (url.hostname === '') throw new Error('the IMAP URL names no host');
  if (url.username === '') throw new Error('the IMAP URL names no user');
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (secure ? 993 : 143) : Number(url.port),
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox,
  };
}

/** What logs, the console and the import records may show: everything but the password. */
export function describeMailbox(s: Pick<ImapSettings, 'user' | 'host' | 'mailbox'>): string {
  return `${s.user}@${s.host}/${s.mailbox}`;
}
