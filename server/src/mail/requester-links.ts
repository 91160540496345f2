import { createHash, randomBytes } from 'node:crypto';

import type { Kysely, Transaction } from 'kysely';

import type { Clock } from '../storage/clock.js';
import type { Database } from '../storage/tables.js';
import type { MailLocale } from './templates/layout.js';

type Db = Kysely<Database> | Transaction<Database>;

export const REQUESTER_LINK_ACTIONS = ['confirm', 'still-broken'] as const;
export type RequesterLinkAction = (typeof REQUESTER_LINK_ACTIONS)[number];

/** How long a "resolved" mail's links work. */
export const REQUESTER_LINK_DAYS = 14;
const DAY_MS = 86_400_000;

export const hashLinkToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface RequesterLink {
  readonly ticketId: string;
  readonly action: RequesterLinkAction;
  readonly locale: MailLocale;
  readonly state: 'ready' | 'used' | 'expired';
}

/** A token is 32 random bytes, base64url: 43 characters that never need escaping in a URL. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The single-use, expiring links of a requester's "resolved" mail. Only the token's SHA-256 is stored,
 * so the table alone opens nothing; using one marks it used in the same UPDATE that checks it was not
 * (two clicks racing: one wins), and the ticket's other link goes with it.
 */
export class RequesterLinks {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** New links for a ticket; answers the tokens (they exist only in the mail from now on). */
  async create(trx: Db, ticketId: string, locale: MailLocale): Promise<Readonly<Record<RequesterLinkAction, string>>> {
    const now = this.clock();
    const tokens = { confirm: randomBytes(32).toString('base64url'), 'still-broken': randomBytes(32).toString('base64url') };
    await trx
      .insertInto('requester_mail_links')
      .values(REQUESTER_LINK_ACTIONS.map((action) => ({ token_hash: hashLinkToken(tokens[action]), ticket_id: ticketId, action, locale, created_at: now, expires_at: now + REQUESTER_LINK_DAYS * DAY_MS, used_at: null })))
      .execute();
    return tokens;
  }

  async look(token: string): Promise<RequesterLink | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const row = await this.db.selectFrom('requester_mail_links').selectAll().where('token_hash', '=', hashLinkToken(token)).executeTakeFirst();
    if (row === undefined) return null;
    const state = row.used_at !== null ? 'used' : Number(row.expires_at) <= this.clock() ? 'expired' : 'ready';
    return { ticketId: row.ticket_id, action: row.action as RequesterLinkAction, locale: row.locale as MailLocale, state };
  }

  /** Marks the token and its sibling used; true when this call was the one that used it. */
  async use(trx: Transaction<Database>, token: string): Promise<boolean> {
    const now = this.clock();
    const used = await trx
      .updateTable('requester_mail_links')
      .set({ used_at: now })
      .where('token_hash', '=', hashLinkToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['ticket_id', 'created_at'])
      .executeTakeFirst();
    if (used === undefined) return false;
    // One answer per mail: the other link of the same mail (made in the same instant) is spent too.
    await trx.updateTable('requester_mail_links').set({ used_at: now }).where('ticket_id', '=', used.ticket_id).where('used_at', 'is', null).where('created_at', '=', used.created_at).execute();
    return true;
  }

  async pruneExpired(before: number): Promise<number> {
    const result = await this.db.deleteFrom('requester_mail_links').where('expires_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
