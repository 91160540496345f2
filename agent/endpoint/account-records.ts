import { join } from 'node:path';

import { ContactSchema } from '@deskside/shared';
import type { Contact } from '@deskside/shared';
import { z } from 'zod';

import { InvalidFileError, readJsonFile, writeJsonFile } from '../support/json-file.js';

/** Ticket and reply ids kept per account: enough for years of one person's tickets, bounded anyway. */
const MAX_ITEMS_PER_ACCOUNT = 2000;

const AccountSchema = z.object({
  name: z.string(),
  /** Tickets this account filed, and its replies while they wait in the outbox. */
  items: z.array(z.string()),
  lastContact: ContactSchema.nullable(),
  /** The account's own UI language (null: follow the system); machine settings stay the service's. */
  language: z.string().nullable(),
  lastSeenAt: z.string(),
});
export type AccountRecord = z.infer<typeof AccountSchema>;

const FileSchema = z.object({ v: z.literal(1), accounts: z.record(z.string(), AccountSchema) });
type RecordsFile = z.infer<typeof FileSchema>;

/**
 * What the service remembers per OS account of this machine (`accounts.json` in its data folder):
 * which tickets and replies are whose, so each user sees only their own, and each user's contact and
 * language. Updated through one queue, like the agent's state.
 */
export class AccountRecords {
  #file: RecordsFile = { v: 1, accounts: {} };
  #queue: Promise<unknown> = Promise.resolve();
  readonly path: string;

  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(dataDir, 'accounts.json');
  }

  async load(): Promise<void> {
    try {
      this.#file = (await readJsonFile(this.path, FileSchema)) ?? { v: 1, accounts: {} };
    } catch (e) {
      // Losing the ownership map hides tickets from their users until an admin looks; it never shows them to others.
      if (!(e instanceof InvalidFileError)) throw e;
      this.#file = { v: 1, accounts: {} };
    }
  }

  get(accountId: string): AccountRecord | null {
    return this.#file.accounts[accountId] ?? null;
  }

  /** The account that filed a ticket or reply; null when none did through the endpoint. */
  ownerOf(itemId: string): string | null {
    for (const [id, account] of Object.entries(this.#file.accounts)) if (account.items.includes(itemId)) return id;
    return null;
  }

  owns(accountId: string, itemId: string): boolean {
    return this.#file.accounts[accountId]?.items.includes(itemId) ?? false;
  }

  update(accountId: string, name: string, change: (current: AccountRecord) => Partial<AccountRecord>): Promise<AccountRecord> {
    const run = this.#queue.then(async () => {
      const current = this.#file.accounts[accountId] ?? { name, items: [], lastContact: null, language: null, lastSeenAt: this.now().toISOString() };
      const next = { ...current, ...change(current), name, lastSeenAt: this.now().toISOString() };
      next.items = next.items.slice(-MAX_ITEMS_PER_ACCOUNT);
      this.#file = { v: 1, accounts: { ...this.#file.accounts, [accountId]: next } };
      await writeJsonFile(this.path, this.#file);
      return next;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  addItem(accountId: string, name: string, itemId: string, contact?: Contact): Promise<AccountRecord> {
    return this.update(accountId, name, (c) => ({ items: c.items.includes(itemId) ? c.items : [...c.items, itemId], ...(contact ? { lastContact: contact } : {}) }));
  }
}
